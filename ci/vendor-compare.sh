#!/usr/bin/env bash
# Our collectives against Open MPI's C library in separate processes (what a user would otherwise
# run: mpirun over shared memory, the vader BTL), in one run on this machine, size by size: each
# size is measured by ours and then by Open MPI right after, so the machine's drift (2-3x from
# hour to hour here) falls on both sides alike. Prints one markdown table of ratios and, per
# side, the sizes above the goal ratio.
#
#   bash ci/vendor-compare.sh [--ranks 2,4,8] [--min 64K] [--max 256M] [--factor 4]
#                             [--iters 20] [--warmup 10] [--goal 1.0] [--tcp] [--mpi-transport]
#                             [--work DIR]
#
# Sides (files DIR/n<ranks>_<op>_<side>.csv, the input of bench's VendorComparison):
#   allreduce: MPI_Allreduce (mpi) against our ring and our adaptive allreduce (auto), in-process;
#   one-peer:  one round of one-peer exponential averaging, MPI_Sendrecv + average (mpi) against
#              our neighbor-average over one-peer-exp (neighbor), in-process;
#   --tcp adds allreduce-tcp: MPI_Allreduce over the tcp BTL against our ring over our tcp
#              transport (gossipbench launch) on direct memory (ring-tcp-direct), both on loopback;
#   --mpi-transport adds our ring over our mpi transport (ring-over-mpi, under mpirun, -Pmpi)
#              against MPI_Allreduce over shared memory.
# Timing on both sides: barrier, then one operation; the slowest rank's time; the median over the
# timed iterations (ci/vendor-bench.c says how it mirrors gossipbench collectives).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ranks=2,4,8
min=64K
max=256M
factor=4
iters=20
warmup=10
goal=1.0
tcp=0
mpi_transport=0
work=
while [ $# -gt 0 ]; do
  case "$1" in
    --ranks) ranks=$2; shift 2 ;;
    --min) min=$2; shift 2 ;;
    --max) max=$2; shift 2 ;;
    --factor) factor=$2; shift 2 ;;
    --iters) iters=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --goal) goal=$2; shift 2 ;;
    --tcp) tcp=1; shift ;;
    --mpi-transport) mpi_transport=1; shift ;;
    --work) work=$2; shift 2 ;;
    *) echo "vendor-compare: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v mpicc >/dev/null && command -v mpirun >/dev/null \
  || { echo "vendor-compare: needs Open MPI (mpicc, mpirun): bash ci/mpi-setup.sh" >&2; exit 2; }
bytes() { # 64K -> 65536
  local v=${1%[KMG]} u=${1: -1}
  case "$u" in K) echo $((v << 10)) ;; M) echo $((v << 20)) ;; G) echo $((v << 30)) ;; *) echo "$1" ;; esac
}
lo=$(bytes "$min")
hi=$(bytes "$max")
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1

work=${work:-$(mktemp -d "${TMPDIR:-/tmp}/vendor-compare.XXXXXX")}
mkdir -p "$work"
vendor="$work/vendor-bench"
mpicc -O3 -march=native -o "$vendor" ci/vendor-bench.c -lm
bin/gossipbench --version >/dev/null # build once, before ranks start at once

# Java heap for n in-process ranks at the largest size: each rank holds its buffer and the
# collective's scratch (at most two segments), plus the sweep's own copies; 3 buffers a rank.
heap_mib=$(((hi >> 20) * 3 * ${ranks##*,} + 1024))

# Warm-up iterations for a size: at least --warmup, and about 1 GiB's worth (at most 20000), so
# that the JIT has compiled our loops with C2 before timing starts (at 64 KiB, 500 warm-up
# iterations left them in C1's profiling code, 3.5x slower, and under load 2000 were not always
# enough); Open MPI gets the same count.
warmup_for() {
  local w=$(((1 << 30) / $1))
  ((w > 20000)) && w=20000
  ((w < warmup)) && w=$warmup
  echo "$w"
}
ours() { # n side bytes -> gossipbench collectives CSV
  local n=$1 side=$2 b=$3
  local common=(-b "$b" -e "$b" -n "$iters" -w "$(warmup_for "$b")" --format csv --no-log)
  case "$side" in
    ring | auto) JAVA_TOOL_OPTIONS="-Xmx${heap_mib}m" bin/gossipbench collectives -np "$n" \
      --op allreduce --algorithm "$side" "${common[@]}" ;;
    neighbor) JAVA_TOOL_OPTIONS="-Xmx${heap_mib}m" bin/gossipbench collectives -np "$n" \
      --op neighbor-average --topology one-peer-exp "${common[@]}" ;;
    ring-tcp-direct) bin/gossipbench launch -np "$n" -- collectives --transport tcp \
      --memory direct --op allreduce --algorithm ring "${common[@]}" | sed 's/^\[0\] //' ;;
    ring-over-mpi) mpirun -np "$n" --mca btl self,vader bin/gossipbench collectives \
      --transport mpi --op allreduce --algorithm ring "${common[@]}" ;;
  esac 2>/dev/null
}
theirs() { # n op bytes btl -> vendor-bench CSV
  local tcp_lo=()
  [ "$4" = tcp ] && tcp_lo=(--mca btl_tcp_if_include lo)
  mpirun -np "$1" --mca btl "self,$4" "${tcp_lo[@]}" "$vendor" "$2" "$3" "$3" 2 "$iters" "$(warmup_for "$3")"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "commit $(git rev-parse --short=12 HEAD)$(git diff --quiet HEAD || echo -dirty)," \
  "$(mpirun --version | head -1)"
IFS=, read -r -a ns <<<"$ranks"
for n in "${ns[@]}"; do
  for ((b = lo; b <= hi; b *= factor)); do
    for side in ring auto; do ours "$n" "$side" "$b" >>"$work/n${n}_allreduce_${side}.csv"; done
    theirs "$n" allreduce "$b" vader >>"$work/n${n}_allreduce_mpi.csv"
    ours "$n" neighbor "$b" >>"$work/n${n}_one-peer_neighbor.csv"
    theirs "$n" one-peer "$b" vader >>"$work/n${n}_one-peer_mpi.csv"
    if [ "$tcp" = 1 ]; then
      ours "$n" ring-tcp-direct "$b" >>"$work/n${n}_allreduce-tcp_ring-tcp-direct.csv"
      theirs "$n" allreduce "$b" tcp >>"$work/n${n}_allreduce-tcp_mpi.csv"
    fi
    if [ "$mpi_transport" = 1 ]; then
      ours "$n" ring-over-mpi "$b" >>"$work/n${n}_allreduce_ring-over-mpi.csv"
    fi
  done
done
echo "# raw outputs: $work"
echo
bin/gossipbench results vendor "$work" --goal "$goal"
