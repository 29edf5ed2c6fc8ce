#!/usr/bin/env bash
# Hierarchical averaging on an emulated two-rate cluster: n = 8 ranks as 2 hosts of 4
# (ci/netcluster.sh up 2 --ranks-per-host 4), ranks of one host over its namespace's loopback
# (unshaped), the hosts joined at RATE (default 1gbit) by tbf-shaped veths. Measures over the tcp
# transport, sizes MIN..MAX: flat ring allreduce, flat neighbor averaging over one-peer-exp, and
# the hierarchical neighbor averaging over hier:group=4:inter=one-peer-exp (with 2 groups: one
# exchange between the two leaders), then prints each table. The cluster is torn down on exit,
# also on failure or interrupt; every run is bounded by `timeout`.
#
# usage: ci/netcluster-hier.sh [RESULTS_DIR]   (env: RATE, MIN, MAX, ITERS, WARMUP, RUN_TIMEOUT)
# Needs root and network namespaces (ci/netns-available.sh); skips with exit 0 otherwise.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
nc="$here/netcluster.sh"
# shellcheck source=netns-available.sh
source "$here/netns-available.sh"
netns_available nchprobe || exit 0

rate="${RATE:-1gbit}"; min="${MIN:-1M}"; max="${MAX:-64M}"
iters="${ITERS:-5}"; warmup="${WARMUP:-1}"; run_timeout="${RUN_TIMEOUT:-300}"
results="${1:-$(mktemp -d /tmp/netcluster-hier.XXXXXX)}"
prefix="nch$$"

jar="${GOSSIPBENCH_JAR:-$root/cli/target/gossipbench.jar}"
[[ -f "$jar" ]] || { echo "no $jar: build it first (mvn -B -o -q package -pl cli -am -DskipTests)" >&2; exit 1; }
read -r -a jvm_flags < "$root/cli/target/classes/gossipbench-jvm.flags" || true

finish() {
  trap - EXIT INT TERM
  timeout 60 "$nc" down --prefix "$prefix" >/dev/null 2>&1 || true
}
trap finish EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

timeout 30 "$nc" up 2 --rate "$rate" --ranks-per-host 4 --prefix "$prefix" || exit 1
timeout 30 "$nc" check --prefix "$prefix" || exit 1

fails=0
measure() {   # measure LABEL COLLECTIVES-ARGS...
  local label="$1"; shift
  echo "## $label: collectives --transport tcp $* -b $min -e $max -f 2 -n $iters -w $warmup"
  # ranks a timeout leaves behind die with their namespace in finish
  if ! timeout "$run_timeout" java "${jvm_flags[@]}" -Dgossipbench.home="$root" -jar "$jar" \
      launch -np 8 --netns "$prefix" -- collectives --transport tcp "$@" \
      -b "$min" -e "$max" -f 2 -n "$iters" -w "$warmup" --results-dir "$results/$label"; then
    echo "FAIL $label" >&2; fails=$((fails + 1))
  fi
}
measure allreduce-ring --op allreduce --algorithm ring
measure neighbor-one-peer-exp --op neighbor-average --algorithm neighbor --topology one-peer-exp
measure hierarchical --op neighbor-average --algorithm hierarchical --topology hier:group=4:inter=one-peer-exp
echo "results in $results"
exit $((fails > 0))
