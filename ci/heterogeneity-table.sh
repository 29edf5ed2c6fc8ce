#!/usr/bin/env bash
# Prints the heterogeneity study's table (ci/heterogeneity-study.sh) from its run logs: per
# algorithm and graph, per n and partition, the final test accuracy of the average model (the
# evaluation after the last step) as the median over seeds with the [min, max] spread, in percent,
# then each algorithm's gain over DSGD on the same graph (median of per-seed differences, points).
# Usage: ci/heterogeneity-table.sh [OUT_DIR]
set -euo pipefail
out=${1:-results/heterogeneity}
shopt -s nullglob
logs=("$out"/*.log)
[ ${#logs[@]} -gt 0 ] || { echo "no runs under $out: run ci/heterogeneity-study.sh first" >&2; exit 2; }
for f in "${logs[@]}"; do
  header=$(grep -m1 '^# ' "$f" || true)
  final=$(grep 'test accuracy' "$f" | tail -1 | sed -n 's/.*test accuracy \([0-9.]*\).*/\1/p')
  [ -n "$header" ] && [ -n "$final" ] || continue
  # "# WORKLOAD ALGORITHM on TOPOLOGY, n=N, partition P, ..." (no " on " for psgd)
  echo "$header|$final|$f"
done | awk -F'|' '
  function median(list,   a, m, i, j, t) {
    m = split(list, a, " ")
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  function rank(row,   parts, g, a) {
    split(row, parts, " on ")
    g = parts[2] == "ring" ? 1 : parts[2] == "one-peer-exp" ? 2 : parts[2] == "exp" ? 3 : 0
    a = parts[1] == "dsgd" ? 0 : parts[1] == "gradient-tracking" ? 1 : parts[1] == "exact-diffusion" ? 2 : parts[1] == "detag" ? 3 : parts[1] == "gossip-pga" ? 4 : 5
    return 10 * g + a
  }
  function colRank(col,   n) {
    n = col; sub(/^n=/, "", n); sub(/ .*/, "", n)
    return 10 * n + (col ~ /sorted/ ? 1 : col ~ /dirichlet/ ? 2 : 3)
  }
  function minmax(list,   a, m, i, lo, hi) {
    m = split(list, a, " "); lo = a[1]; hi = a[1]
    for (i = 2; i <= m; i++) { if (a[i] + 0 < lo + 0) lo = a[i]; if (a[i] + 0 > hi + 0) hi = a[i] }
    return sprintf("%.1f-%.1f", 100 * lo, 100 * hi)
  }
  {
    h = $1
    algorithm = h; sub(/^# [^ ]+ /, "", algorithm); sub(/ .*/, "", algorithm)
    topology = "-"
    if (h ~ / on /) { topology = h; sub(/.* on /, "", topology); sub(/,.*/, "", topology) }
    n = h; sub(/.*n=/, "", n); sub(/,.*/, "", n)
    p = h; sub(/.*partition /, "", p); sub(/,.*/, "", p)
    seed = $3; sub(/.*-s/, "", seed); sub(/\.log$/, "", seed)
    row = algorithm " on " topology
    col = "n=" n " " p
    acc[row SUBSEP col] = acc[row SUBSEP col] " " $2
    bySeed[row SUBSEP col SUBSEP seed] = $2
    if (!(row in rows)) { rows[row] = 1; rowOrder[++nr] = row }
    if (!(col in cols)) { cols[col] = 1; colOrder[++nc] = col }
  }
  END {
    # columns: n ascending, then sorted, dirichlet, iid
    nk = 0
    for (ci = 1; ci <= nc; ci++) key[++nk] = colOrder[ci]
    for (i = 1; i <= nk; i++) for (j = i + 1; j <= nk; j++)
      if (colRank(key[j]) < colRank(key[i])) { t = key[i]; key[i] = key[j]; key[j] = t }
    # rows: PSGD, then per graph (ring, one-peer-exp, exp) DSGD first and the correcting methods
    for (i = 1; i <= nr; i++) for (j = i + 1; j <= nr; j++)
      if (rank(rowOrder[j]) < rank(rowOrder[i])) { t = rowOrder[i]; rowOrder[i] = rowOrder[j]; rowOrder[j] = t }
    printf "| algorithm on graph |"; for (k = 1; k <= nk; k++) printf " %s |", key[k]; printf "\n|---|"
    for (k = 1; k <= nk; k++) printf "---:|"; printf "\n"
    for (r = 1; r <= nr; r++) {
      row = rowOrder[r]; printf "| %s |", row
      for (k = 1; k <= nk; k++) {
        v = acc[row SUBSEP key[k]]
        if (v == "") printf " - |"; else printf " %.1f [%s] |", 100 * median(v), minmax(v)
      }
      printf "\n"
    }
    printf "\nGain over DSGD on the same graph (median over seeds of the per-seed difference, accuracy points):\n\n"
    printf "| algorithm on graph |"; for (k = 1; k <= nk; k++) printf " %s |", key[k]; printf "\n|---|"
    for (k = 1; k <= nk; k++) printf "---:|"; printf "\n"
    for (r = 1; r <= nr; r++) {
      row = rowOrder[r]; split(row, parts, " on "); base = "dsgd on " parts[2]
      if (parts[1] == "dsgd" || !(base in rows)) continue
      printf "| %s |", row
      for (k = 1; k <= nk; k++) {
        d = ""
        for (s = 1; s <= 100; s++) {
          a = bySeed[row SUBSEP key[k] SUBSEP s]; b = bySeed[base SUBSEP key[k] SUBSEP s]
          if (a != "" && b != "") d = d " " (100 * (a - b))
        }
        if (d == "") printf " - |"; else printf " %+.1f |", median(d)
      }
      printf "\n"
    }
  }'
