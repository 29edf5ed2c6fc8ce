#!/usr/bin/env bash
# The nightly GPU job's measurement (.github/workflows/nightly-gpu.yml): records the toolchain and
# the GPUs, runs the README's main job with the gpu profile, and gathers this commit's results and
# a dashboard of them into one folder, the artifact a later night compares against.
#
#   usage: ci/nightly-run.sh [OUT [MAVEN_ARG...]]     (OUT defaults to target/nightly)
#   e.g.   SCALE=tiny ci/nightly-run.sh /tmp/nightly -Dbench.args="-f 1 -wi 1 -i 2 -p ranks=2"
#
# Environment: SCALE (reproduce scale: tiny|small|medium|full, default small), GPU (the runner's
# GPU kind, recorded only; default: the first name nvidia-smi reports, else "none"), REPEATS (how
# often the judged collective sweeps repeat, default 3).
#
# OUT gets runs/<commit>[-dirty]/ (results/runs/ of this commit, as ci/nightly-compare.sh reads it),
# dashboard/index.html and RUN.txt. Runs of the same commit from an earlier run in this checkout are
# included: reproduce resumes finished parts rather than redoing them.
set -euo pipefail

usage() {
  echo "usage: ci/nightly-run.sh [OUT [MAVEN_ARG...]]   (env: SCALE=tiny|small|medium|full, GPU=KIND)" >&2
  exit 2
}
case "${1:-}" in -h | --help | -*) usage ;; esac
scale=${SCALE:-small}
case "$scale" in tiny | small | medium | full) ;; *) echo "nightly-run: bad SCALE '$scale'" >&2; usage ;; esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=${1:-$root/target/nightly}
[ $# -gt 0 ] && shift
mkdir -p "$out"
out="$(cd "$out" && pwd)"
case "$out/" in "$root/results/"*) echo "nightly-run: OUT must lie outside results/ ($out)" >&2; exit 2 ;; esac
cd "$root"

gpus="none"
if command -v nvidia-smi >/dev/null 2>&1; then
  gpus="$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 || true)"
fi
gpu=${GPU:-$(printf '%s\n' "$gpus" | head -1 | cut -d, -f1)}
commit="$(git rev-parse HEAD)"
# Provenance names result folders after the first 12 hex digits (ResultsLayout.runFile).
short=${commit:0:12}

command=(mvn -B verify "-Pbench,gpu" "-Dreproduce.scale=$scale" "$@")
{
  echo "commit: $commit"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(hostname)"
  echo "gpu kind: $gpu"
  echo "scale: $scale"
  echo "command: $(printf '%q ' "${command[@]}")"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  echo "cores: $(nproc)"
  echo "gpus:"
  printf '  %s\n' "$gpus"
  echo "java:"
  java -version 2>&1 | sed 's/^/  /'
  echo "maven:"
  mvn -B -v 2>&1 | sed 's/^/  /'
} >"$out/RUN.txt"
cat "$out/RUN.txt"

echo "== ${command[*]}"
"${command[@]}"

# gossipbench compare judges a change only against the spread of repeats at one commit, and the
# reproduction runs each collective sweep once: so the night repeats a few sweeps (REPEATS times,
# default 3) into this commit's results, which makes collective regressions judgeable too.
repeats=${REPEATS:-3}
sweeps=("collectives --op allreduce -np 2 -b 1M -e 64M -f 4 -n 20 -w 5"
  "collectives --op neighbor-average --topology one-peer-exp -np 4 -b 1M -e 64M -f 4 -n 20 -w 5")
if [ "$gpus" != none ]; then
  sweeps+=("collectives --transport nccl --algorithm nccl -b 1M -e 1G -f 4 -n 20 -w 5"
    "collectives --transport nccl --algorithm nccl-ring -b 1M -e 1G -f 4 -n 20 -w 5")
fi
for sweep in "${sweeps[@]}"; do
  for ((i = 1; i <= repeats; i++)); do
    echo "== repeat $i/$repeats: bin/gossipbench $sweep"
    # shellcheck disable=SC2086 # the sweep is a word list on purpose
    bin/gossipbench $sweep --results-dir results >/dev/null
  done
done

shopt -s nullglob
dirs=(results/runs/"$short" results/runs/"$short"-dirty)
shopt -u nullglob
found=()
for d in "${dirs[@]}"; do [ -d "$d" ] && found+=("$d"); done
[ ${#found[@]} -gt 0 ] || { echo "nightly-run: the run left no results/runs/$short*" >&2; exit 1; }

rm -rf "$out/runs" "$out/dashboard"
mkdir -p "$out/runs"
cp -R "${found[@]}" "$out/runs/"
bin/gossipbench dashboard "$out/runs" --out "$out/dashboard"
echo "nightly-run: $(find "$out/runs" -type f | wc -l) files in $out/runs, dashboard $out/dashboard/index.html"
