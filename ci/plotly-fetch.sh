#!/usr/bin/env bash
# Puts plotly (the npm package plotly.js-dist-min, SHA-256 checked) on the analysis module's
# classpath, so report.html inlines it and opens offline. Run by the analysis build
# (generate-resources); the tarball is cached outside target/ so later offline builds keep it.
#
#   bash ci/plotly-fetch.sh VERSION SHA256 CLASSES_DIR
#
# Never fails the build: where npm is absent or the registry unreachable it says so on one line,
# and report.html falls back to plotly's CDN (the page states it).
set -uo pipefail

version="$1"
sha="$2"
dest="$3/org/gossipbench/analysis/plot"
cache="${GOSSIPBENCH_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gossipbench/npm}"
tgz="$cache/plotly.js-dist-min-$version.tgz"

say() { echo "plotly-fetch: $*"; }

# The version travels even when the package cannot be had: the CDN fallback loads the same one.
rm -f "$dest/plotly.min.js"
mkdir -p "$dest"
printf '%s\n' "$version" > "$dest/plotly.version"
if [ ! -f "$tgz" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    say "npm is absent: report.html will load plotly from its CDN"
    exit 0
  fi
  mkdir -p "$cache"
  if ! (cd "$cache" && timeout 120 npm pack --silent "plotly.js-dist-min@$version" >/dev/null 2>&1); then
    say "npm pack plotly.js-dist-min@$version failed (registry unreachable?): report.html will load plotly from its CDN"
    rm -f "$tgz"
    exit 0
  fi
fi
if [ "$(sha256sum "$tgz" | cut -d' ' -f1)" != "$sha" ]; then
  say "$tgz does not have SHA-256 $sha: removed; report.html will load plotly from its CDN"
  rm -f "$tgz"
  exit 0
fi
tar -xzf "$tgz" -O package/plotly.min.js > "$dest/plotly.min.js" &&
  tar -xzf "$tgz" -O package/LICENSE > "$dest/plotly.LICENSE" ||
  { say "cannot unpack $tgz: report.html will load plotly from its CDN"; rm -f "$dest/plotly.min.js"; }
exit 0
