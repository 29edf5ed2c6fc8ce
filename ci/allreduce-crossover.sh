#!/usr/bin/env bash
# The measurements behind AdaptiveAllreduce's thresholds: recursive doubling, halving-doubling and
# the ring, in-process, size by size (the three algorithms one after another at each size, so
# drift falls on all alike), and which was fastest at each size. Median of the slowest rank.
#
#   bash ci/allreduce-crossover.sh [--ranks 2,3,4,8] [--min 4K] [--max 16M] [--factor 2]
#                                  [--iters 30] [--transport local|tcp]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ranks=2,3,4,8
min=4K
max=16M
factor=2
iters=30
transport=local
while [ $# -gt 0 ]; do
  case "$1" in
    --ranks) ranks=$2; shift 2 ;;
    --min) min=$2; shift 2 ;;
    --max) max=$2; shift 2 ;;
    --factor) factor=$2; shift 2 ;;
    --iters) iters=$2; shift 2 ;;
    --transport) transport=$2; shift 2 ;;
    *) echo "allreduce-crossover: unknown argument $1" >&2; exit 2 ;;
  esac
done
bytes() {
  local v=${1%[KMG]} u=${1: -1}
  case "$u" in K) echo $((v << 10)) ;; M) echo $((v << 20)) ;; G) echo $((v << 30)) ;; *) echo "$1" ;; esac
}
lo=$(bytes "$min")
hi=$(bytes "$max")
algorithms=(recursive-doubling halving-doubling ring)
bin/gossipbench --version >/dev/null

# One sweep of algorithm a on n ranks over every size: "bytes median_us" lines.
sweep() {
  local n=$1 a=$2
  local args=(collectives --op allreduce --algorithm "$a" -b "$lo" -e "$hi" -f "$factor"
    -n "$iters" -w 100 --format csv --no-log)
  case "$transport" in
    local) bin/gossipbench "${args[@]}" -np "$n" ;;
    tcp) bin/gossipbench launch -np "$n" -- "${args[@]}" --transport tcp | sed 's/^\[0\] //' ;;
  esac 2>/dev/null | awk -F, '$1 ~ /^[0-9]+$/ { print $1, $5 }'
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "commit $(git rev-parse --short=12 HEAD)$(git diff --quiet HEAD || echo -dirty), $transport"
echo
printf '| n | size |'
printf ' %s |' "${algorithms[@]}"
printf ' fastest |\n| ---: | ---: |'
printf ' ---: |%.0s' "${algorithms[@]}"
printf ' --- |\n'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
IFS=, read -r -a ns <<<"$ranks"
for n in "${ns[@]}"; do
  # Two passes, the second in reverse order, so drift during the sweeps falls on every algorithm.
  for pass in 1 2; do
    order=("${algorithms[@]}")
    [ "$pass" = 2 ] && order=(ring halving-doubling recursive-doubling)
    for a in "${order[@]}"; do sweep "$n" "$a" >>"$work/$n-$a"; done
  done
  # size -> mean of the two passes' medians per algorithm; the fastest named
  awk -v n="$n" -v names="${algorithms[*]}" '
    { a = FILENAME; sub(/.*\//, "", a); sub(/^[0-9]+-/, "", a)
      sum[$1, a] += $2; cnt[$1, a]++; sizes[$1] = 1 }
    END {
      k = split(names, alg, " ")
      m = 0; for (s in sizes) order[++m] = s + 0
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
      for (i = 1; i <= m; i++) {
        s = order[i]; line = sprintf("| %d | %d KiB |", n, s / 1024); best = ""
        for (j = 1; j <= k; j++) {
          v = sum[s, alg[j]] / cnt[s, alg[j]]; line = line sprintf(" %.1f |", v)
          if (best == "" || v < bestv) { best = alg[j]; bestv = v }
        }
        print line " " best " |"
      }
    }' "${algorithms[@]/#/$work/$n-}"
done
echo
echo "(µs: mean of two sweeps' medians of the slowest rank over $iters timed iterations, 100 warm-up)"
