#!/usr/bin/env bash
# Fetches the results of the previous nightly GPU run for one GPU kind with the GitHub CLI: the
# artifact nightly-results-GPU of the newest successful run of the workflow on the branch, into
# OUT (the folder ci/nightly-run.sh wrote there, for ci/nightly-compare.sh).
#
#   usage: ci/nightly-previous.sh GPU OUT
#   e.g.   GH_REPO=owner/gossipbench ci/nightly-previous.sh h100 /tmp/previous
#
# Environment: WORKFLOW (default nightly-gpu.yml), BRANCH (default $GITHUB_REF_NAME, else the
# checkout's branch), STATUS (the runs to consider, a `gh run list --status`: default success, so
# a night that flagged a regression is never the baseline), GH_REPO and GH_TOKEN as gh reads them.
# The run in progress ($GITHUB_RUN_ID) is never its own baseline.
#
# Exit status: 0 fetched, 3 no earlier run has that artifact (the first night, or all expired;
# the reason on one line), 2 bad arguments, 1 anything else (no gh, not logged in).
set -euo pipefail

usage() {
  echo "usage: ci/nightly-previous.sh GPU OUT   (env: WORKFLOW, BRANCH, STATUS, GH_REPO, GH_TOKEN)" >&2
  exit 2
}
[ $# -eq 2 ] || usage
case "$1" in -* | */* | "") usage ;; esac
gpu=$1
out=$2
artifact="nightly-results-$gpu"
workflow=${WORKFLOW:-nightly-gpu.yml}
branch=${BRANCH:-${GITHUB_REF_NAME:-$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --abbrev-ref HEAD)}}
status=${STATUS:-success}

command -v gh >/dev/null 2>&1 || { echo "nightly-previous: no 'gh' (GitHub CLI) on PATH" >&2; exit 1; }
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "nightly-previous: $out exists and is not empty" >&2
  exit 2
fi

runs="$(gh run list --workflow "$workflow" --branch "$branch" --status "$status" --limit 30 \
  --json databaseId --jq '.[].databaseId')" ||
  { echo "nightly-previous: gh run list failed (see above)" >&2; exit 1; }

tried=0
last_error=""
for id in $runs; do
  [ "$id" = "${GITHUB_RUN_ID:-}" ] && continue
  tried=$((tried + 1))
  tmp="$(mktemp -d)"
  if error="$(gh run download "$id" --name "$artifact" --dir "$tmp" 2>&1)"; then
    mkdir -p "$out"
    cp -R "$tmp"/. "$out"/
    rm -rf "$tmp"
    echo "nightly-previous: $artifact of run $id into $out ($(sed -n 's/^commit: //p' "$out/RUN.txt" 2>/dev/null || echo 'no RUN.txt'))"
    exit 0
  fi
  rm -rf "$tmp"
  last_error="$(printf '%s' "$error" | tail -1)"
done
if [ "$tried" = 0 ]; then
  echo "nightly-previous: no earlier $status run of $workflow on branch $branch" >&2
else
  echo "nightly-previous: none of the $tried earlier $status runs of $workflow on $branch has an artifact $artifact (last: $last_error)" >&2
fi
exit 3
