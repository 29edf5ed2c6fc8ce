#!/usr/bin/env bash
# Assembles the GitHub Pages site of the nightly GPU runs: each nightly folder's dashboard under
# SITE/<gpu kind>/, and SITE/index.html linking them with each night's commit and date.
#
#   usage: ci/nightly-site.sh SITE NIGHTLY_DIR...
#   e.g.   ci/nightly-site.sh target/site target/nightly   (then open target/site/index.html)
#
# Each NIGHTLY_DIR is a folder written by ci/nightly-run.sh (its RUN.txt names the GPU kind), as
# the workflow downloads them, one artifact per GPU kind.
set -euo pipefail

usage() {
  echo "usage: ci/nightly-site.sh SITE NIGHTLY_DIR...   (folders written by ci/nightly-run.sh)" >&2
  exit 2
}
[ $# -ge 2 ] || usage
case "$1" in -*) usage ;; esac
site=$1
shift

html() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }
field() { sed -n "s/^$1: //p" "$2/RUN.txt" | head -1; }

rm -rf "$site"
mkdir -p "$site"
items=""
for dir in "$@"; do
  [ -f "$dir/RUN.txt" ] || { echo "nightly-site: $dir has no RUN.txt (not written by ci/nightly-run.sh?)" >&2; exit 2; }
  gpu="$(field 'gpu kind' "$dir")"
  if [ ! -f "$dir/dashboard/index.html" ]; then
    # A night whose run failed still uploads its RUN.txt: the page says so instead of hiding it.
    items+="<li>$(printf '%s' "$gpu" | html): commit <code>$(field commit "$dir" | html)</code>,"
    items+=" $(field date "$dir" | html): no results (the run failed; see the workflow's log)</li>"$'\n'
    continue
  fi
  # The kind becomes a path: keep it to a safe file name.
  slug="$(printf '%s' "${gpu:-unknown}" | tr -c 'A-Za-z0-9._-' '-')"
  [ ! -e "$site/$slug" ] || { echo "nightly-site: two folders for GPU kind '$gpu'" >&2; exit 2; }
  cp -R "$dir/dashboard" "$site/$slug"
  [ ! -f "$dir/compare.md" ] || cp "$dir/compare.md" "$site/$slug/compare.md"
  items+="<li><a href=\"$slug/index.html\">$(printf '%s' "$gpu" | html)</a>: commit"
  items+=" <code>$(field commit "$dir" | html)</code>, $(field date "$dir" | html), scale"
  items+=" $(field scale "$dir" | html)"
  if [ -f "$dir/compare.md" ]; then items+=", <a href=\"$slug/compare.md\">compare</a>"; fi
  items+="</li>"$'\n'
done
cat >"$site/index.html" <<EOF
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>gossipbench nightly GPU runs</title></head>
<body>
<h1>gossipbench nightly GPU runs</h1>
<p>The latest night per GPU kind, each against the previous night (ci/nightly-compare.sh).</p>
<ul>
$items</ul>
</body>
</html>
EOF
echo "nightly-site: $# nights in $site/index.html"
