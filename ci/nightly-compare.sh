#!/usr/bin/env bash
# Judges one nightly against the previous: `gossipbench compare` of the two folders'
# commits (exit 1 when it flags a regression), and the dashboard of both, baseline the previous.
#
#   usage: ci/nightly-compare.sh PREV CURR
#
# PREV and CURR are folders written by ci/nightly-run.sh (or fetched by ci/nightly-previous.sh):
# each holds runs/<commit>[-dirty]/ of one commit. Writes CURR/compare.md (compare's Markdown
# table) and CURR/dashboard/index.html, and appends the table to $GITHUB_STEP_SUMMARY when set.
#
# Exit status: 0 no regression flagged (or both folders hold the same commit: nothing to compare),
# 1 a regression flagged, 2 bad arguments or nothing comparable (compare's own status 2).
set -euo pipefail

usage() {
  echo "usage: ci/nightly-compare.sh PREV CURR   (folders written by ci/nightly-run.sh)" >&2
  exit 2
}
[ $# -eq 2 ] || usage
case "$1" in -*) usage ;; esac
prev=$1
curr=$2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The one commit a nightly folder holds, from its runs/ folder names (<commit-12>[-dirty]).
commit_of() {
  local dir=$1 names
  [ -d "$dir/runs" ] || { echo "nightly-compare: $dir has no runs/ folder (not written by ci/nightly-run.sh?)" >&2; exit 2; }
  names="$(find "$dir/runs" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sed 's/-dirty$//' | sort -u)"
  case "$(printf '%s' "$names" | grep -c .)" in
    1) printf '%s\n' "$names" ;;
    0) echo "nightly-compare: $dir/runs holds no results" >&2; exit 2 ;;
    *) echo "nightly-compare: $dir/runs holds several commits ($(printf '%s' "$names" | tr '\n' ' ')); a nightly holds one" >&2; exit 2 ;;
  esac
}
base="$(commit_of "$prev")"
head="$(commit_of "$curr")"
prev="$(cd "$prev" && pwd)"
curr="$(cd "$curr" && pwd)"
gossipbench="$root/bin/gossipbench"

"$gossipbench" dashboard "$prev/runs" "$curr/runs" --out "$curr/dashboard" --baseline "$base"

if [ "$base" = "$head" ]; then
  # compare groups runs by commit, so the two nights would be one side: no change to judge.
  echo "nightly-compare: the previous nightly measured the same commit $base: nothing to compare" |
    tee "$curr/compare.md"
  exit 0
fi

set +e
"$gossipbench" compare "$base" "$head" "$prev/runs" "$curr/runs" --format markdown >"$curr/compare.md"
status=$?
set -e
cat "$curr/compare.md"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  { echo "## gossipbench compare $base $head"; echo; cat "$curr/compare.md"; } >>"$GITHUB_STEP_SUMMARY"
fi
unjudged="$(grep -c '| no interval |' "$curr/compare.md" || true)"
if [ "$unjudged" -gt 0 ]; then
  echo "nightly-compare: $unjudged comparisons not judged: no configuration repeated at one commit to measure their noise"
fi
case "$status" in
  0) echo "nightly-compare: no regression of $head against $base" ;;
  1) echo "nightly-compare: regression of $head against $base flagged (table above)" >&2 ;;
  *) echo "nightly-compare: gossipbench compare failed with status $status" >&2 ;;
esac
exit "$status"
