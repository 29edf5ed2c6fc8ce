#!/usr/bin/env bash
# The same short `gossipbench train` (same configuration, same seed) over every transport, each
# node a real process for tcp and mpi, must give bit-identical results:
#   bin/gossipbench train --transport local ...                       (n threads, one JVM)
#   bin/gossipbench launch -np 4 -- train --transport tcp ...         (4 JVMs over sockets)
#   mpirun -np 4 bin/gossipbench train --transport mpi ...            (4 JVMs over Open MPI)
# for synthetic-lsq (DSGD and PSGD) and mnist-mlp (DSGD, DL4J), then
# `gossipbench results compare` local vs tcp and local vs mpi, for the steps and the summary files:
# every non-timing column must match bit for bit (the summary's transport column aside).
#
# Exit status: 0 every comparison identical; 1 a difference, or a run failed; 3 everything that ran
# was identical but a part was skipped (no Open MPI, or MNIST could not be fetched), each skipped
# part named on a `SKIP:` line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ranks=4
# Each rank is a JVM of its own (4 of them with DL4J for mnist-mlp): a modest heap keeps them, and
# JavaCPP's off-heap limit, which follows the heap, within a small CI machine.
rank_java_opts="${JAVA_OPTS:-} -Xmx512m"
run_timeout=300

work="$(mktemp -d "${TMPDIR:-/tmp}/gossipbench-determinism.XXXXXX")"
status=0
skipped=0
cleanup() {
  if [ "$status" = 0 ]; then
    rm -rf "$work"
  else
    echo "train-determinism: outputs and logs kept in $work"
  fi
}
trap cleanup EXIT

mpi=1
if ! bash ci/mpi-setup.sh --check; then
  mpi=0
  echo "SKIP: mpi transport: Open MPI or its mpi.jar is not set up here (bash ci/mpi-setup.sh)"
  skipped=1
fi
mpirun_opts=(--oversubscribe)
# Open MPI refuses root unless told; as another user the flag is not needed.
if [ "$(id -u)" = 0 ]; then mpirun_opts+=(--allow-run-as-root); fi

started=$SECONDS
# Builds the jar (with the mpi transport when it is set up) once, before ranks start at once.
bin/gossipbench --version >/dev/null

workloads=(synthetic-lsq)
if bin/gossipbench data fetch mnist >"$work/fetch.log" 2>&1; then
  workloads+=(mnist-mlp)
else
  echo "SKIP: mnist-mlp: MNIST could not be fetched ($(tail -1 "$work/fetch.log"))"
  skipped=1
fi

# Runs one training; on failure prints its log's tail and marks the check failed.
train() {
  local name=$1
  shift
  local rc=0
  timeout "$run_timeout" "$@" >"$work/$name.log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -20 "$work/$name.log"
    echo "FAILED: $name exited with status $rc"
    status=1
    return 1
  fi
}

# Prints one line per comparison; a difference fails the check.
compare() {
  local label=$1 a=$2 b=$3
  shift 3
  local out rc=0
  out="$(bin/gossipbench results compare "$@" "$a" "$b" 2>&1)" || rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "ok: $label: $out"
  else
    echo "FAILED: $label: ${out//$'\n'/; }"
    status=1
  fi
}

check() {
  local workload=$1 algorithm=$2
  local id="$workload-$algorithm"
  local args=(train --workload "$workload" --algorithm "$algorithm" --topology one-peer-exp
    -n "$ranks" --batch 16 --max-steps 30 --eval-every 10 --seed 3 --progress none)
  local t0=$SECONDS
  train "$id-local" bin/gossipbench "${args[@]}" --transport local --out "$work/$id-local.arrow" ||
    return 0
  local transports=(tcp)
  JAVA_OPTS="$rank_java_opts" train "$id-tcp" bin/gossipbench launch -np "$ranks" -- \
    "${args[@]}" --transport tcp --out "$work/$id-tcp.arrow" || transports=()
  if [ "$mpi" = 1 ]; then
    JAVA_OPTS="$rank_java_opts" train "$id-mpi" mpirun "${mpirun_opts[@]}" -np "$ranks" \
      bin/gossipbench "${args[@]}" --transport mpi --out "$work/$id-mpi.arrow" &&
      transports+=(mpi)
  fi
  for t in "${transports[@]}"; do
    compare "$workload $algorithm steps, local vs $t" "$work/$id-local.arrow" "$work/$id-$t.arrow"
    compare "$workload $algorithm summary, local vs $t" \
      "$work/$id-local-summary.arrow" "$work/$id-$t-summary.arrow" --ignore transport
  done
  echo "   ($workload $algorithm: $((SECONDS - t0)) s wall-clock for the runs and comparisons)"
}

for workload in "${workloads[@]}"; do
  check "$workload" dsgd
done
# PSGD goes through allreduce rather than neighbor averaging; its order of summation must hold
# across transports too. Once, on the cheap workload.
check synthetic-lsq psgd

echo "train-determinism: $((SECONDS - started)) s wall-clock in all"
if [ "$status" != 0 ]; then exit "$status"; fi
if [ "$skipped" = 1 ]; then exit 3; fi
exit 0
