#!/usr/bin/env bash
# Our ring-allreduce and neighbor averaging over the local, tcp and mpi transports next to the
# MPI library's own MPI_Allreduce and MPI_Neighbor_allgather, in one run on this machine, as one
# markdown table (median time of the slowest rank, and busbw). Every run is also logged to Arrow
# under the results directory.
#
#   bash ci/compare-transports.sh [--ranks 2,4,8] [--topology one-peer-exp] [--iters 5]
#                                 [--results-dir DIR]
#
# Needs the mpi transport built in (bash ci/mpi-setup.sh; bin/gossipbench then builds -Pmpi).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ranks=2,4,8
topology=one-peer-exp
iters=5
results=results
while [ $# -gt 0 ]; do
  case "$1" in
    --ranks) ranks=$2; shift 2 ;;
    --topology) topology=$2; shift 2 ;;
    --iters) iters=$2; shift 2 ;;
    --results-dir) results=$2; shift 2 ;;
    *) echo "compare-transports: unknown argument $1" >&2; exit 2 ;;
  esac
done
bash ci/mpi-setup.sh --check || { echo "compare-transports: the mpi transport is not set up: bash ci/mpi-setup.sh" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

common=(-n "$iters" -w 2 --format csv --results-dir "$results")
# One collective on n ranks over one transport; prints "size time_us busbw" per size.
measure() {
  local n=$1 transport=$2
  shift 2
  local sizes
  for sizes in "-b 1M -e 16M -f 16" "-b 100M -e 100M"; do
    # shellcheck disable=SC2086
    case "$transport" in
      local) bin/gossipbench collectives --transport local -np "$n" "$@" $sizes "${common[@]}" ;;
      tcp) bin/gossipbench launch -np "$n" -- collectives --transport tcp "$@" $sizes "${common[@]}" | sed 's/^\[0\] //' ;;
      mpi) mpirun --oversubscribe -np "$n" bin/gossipbench collectives --transport mpi "$@" $sizes "${common[@]}" ;;
    esac 2>/dev/null | awk -F, '$1 ~ /^[0-9]+$/ {print $1, $5, $9, $10}'
  done
}

bin/gossipbench --version >/dev/null # build once, before ranks start at once
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short=12 HEAD)"
echo
echo "| n | size | transport | collective | time (ms) | busbw (GB/s) | #wrong |"
echo "| ---: | ---: | --- | --- | ---: | ---: | ---: |"
IFS=, read -r -a ns <<<"$ranks"
for n in "${ns[@]}"; do
  rows=()
  for spec in \
    "local|allreduce ring|--op allreduce --algorithm ring" \
    "tcp|allreduce ring|--op allreduce --algorithm ring" \
    "mpi|allreduce ring|--op allreduce --algorithm ring" \
    "mpi|MPI_Allreduce|--op allreduce --algorithm vendor" \
    "local|neighbor $topology|--op neighbor-average --topology $topology" \
    "tcp|neighbor $topology|--op neighbor-average --topology $topology" \
    "mpi|neighbor $topology|--op neighbor-average --topology $topology" \
    "mpi|MPI_Neighbor_allgather $topology|--op neighbor-average --algorithm vendor --topology $topology"; do
    IFS='|' read -r transport label args <<<"$spec"
    # shellcheck disable=SC2086
    while read -r size us busbw wrong; do
      rows+=("$size|$transport|$label|$us|$busbw|$wrong")
    done < <(measure "$n" "$transport" $args)
  done
  printf '%s\n' "${rows[@]}" | sort -t'|' -k1,1n -s | while IFS='|' read -r size transport label us busbw wrong; do
    awk -v n="$n" -v s="$size" -v t="$transport" -v l="$label" -v us="$us" -v b="$busbw" -v w="$wrong" \
      'BEGIN { printf "| %s | %d MiB | %s | %s | %.2f | %.3f | %s |\n", n, s / 1048576, t, l, us / 1000, b, w }'
  done
done
