#!/usr/bin/env bash
# Builds what ci/gpu-verify.sh needs on a GPU machine that has no Java, into DIR:
#   DIR/jre/                 a jlink'ed JRE (DEPENDENCIES.md, row "jlink JRE"; JLINK_MODULES to change)
#   DIR/gossipbench-gpu.jar  cli's -Pgpu slim jar: collectives + launch with the nccl transport
#                            (GpuMain; no DL4J, whose natives make the full jar about 200 MB)
#   DIR/gossipbench.jar      only with FULL_JAR=1: the full -Pgpu shaded jar (every command)
#   DIR/ci/gpu-verify.sh     the check itself, which finds jre/ and the jar beside ci/
#   DIR/data/mnist/*.gz      MNIST (11 MB) for its training part, from $GOSSIPBENCH_DATA or data/
# and prints their sizes: about 55 MiB with MNIST (a device call here carries 64 MiB with the
# checkout). Copy DIR over, then run there
#   OUT=/tmp/gpu-verify bash DIR/ci/gpu-verify.sh
# Usage: bash ci/gpu-bundle.sh DIR   (needs a JDK 17+ with jlink, and Maven; builds with -o when
# MAVEN_OFFLINE=1)
set -euo pipefail
DIR="${1:?usage: ci/gpu-bundle.sh DIR}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# The slim jar needs no desktop, sql or compiler module (checked: collectives with Arrow logs,
# launch over tcp): 35 MB instead of 49, so the bundle and the checkout fit the 64 MiB a device
# call carries.
MODULES="${JLINK_MODULES:-java.base,java.logging,java.management,jdk.management,jdk.unsupported}"
mkdir -p "$DIR/ci"
DIR="$(cd "$DIR" && pwd)"

offline=()
[ "${MAVEN_OFFLINE:-0}" = 1 ] && offline=(-o)
# package, never install: the reactor hands the modules to each other
(cd "$ROOT" && mvn -B -q "${offline[@]}" -Pgpu package -pl cli -am -DskipTests)
cp "$ROOT/cli/target/gossipbench-gpu.jar" "$DIR/"
[ "${FULL_JAR:-0}" = 1 ] && cp "$ROOT/cli/target/gossipbench.jar" "$DIR/"
cp "$ROOT/ci/gpu-verify.sh" "$DIR/ci/"
# MNIST for gpu-verify.sh's training part (the GPU machine has no internet): the four IDX files,
# gzipped (55 MB -> 11 MB); the script unpacks them into its own data folder. DATA=0 leaves them out.
if [ "${DATA:-1}" = 1 ]; then
  MNIST="${GOSSIPBENCH_DATA:-$ROOT/data}/mnist"
  if [ -f "$MNIST/train-images-idx3-ubyte" ]; then
    mkdir -p "$DIR/data/mnist"
    for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
      gzip -9 -c "$MNIST/$f" >"$DIR/data/mnist/$f.gz"
    done
  else
    echo "warning: no MNIST in $MNIST (bin/gossipbench data fetch mnist): the bundle trains nothing"
  fi
fi

JLINK="${JAVA_HOME:+$JAVA_HOME/bin/}jlink"
command -v "$JLINK" >/dev/null || JLINK="$(dirname "$(readlink -f "$(command -v java)")")/jlink"
rm -rf "$DIR/jre"
"$JLINK" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$DIR/jre"

# The bundle must run as it will there: the JRE, the jar, and one line with exit 2 without a GPU.
"$DIR/jre/bin/java" -jar "$DIR/gossipbench-gpu.jar" --version
set +e
"$DIR/jre/bin/java" -jar "$DIR/gossipbench-gpu.jar" collectives --transport nccl --no-log -b 1M -e 1M
echo "collectives --transport nccl here: exit $? (2 without a GPU)"
"$DIR/jre/bin/java" -jar "$DIR/gossipbench-gpu.jar" train --device cuda --transport nccl -n 1 --max-steps 1
echo "train --device cuda here: exit $? (2 without a GPU)"
set -e

echo "bundle in $DIR:"
du -sh "$DIR/jre" "$DIR"/*.jar "$DIR"
du -sm "$DIR" | awk '{ if ($1 > 56) print "warning: " $1 " MiB: with the checkout over the 64 MiB a device call carries"; else print $1 " MiB in all" }'
