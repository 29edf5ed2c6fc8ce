#!/usr/bin/env bash
# The nccl transport's check on a GPU machine that has a CUDA driver, NCCL (e.g. PyTorch's
# nvidia-nccl-cu13 wheel) and no Java: a JRE and the -Pgpu jar are carried there, made here by
#
#   bash ci/gpu-bundle.sh /tmp/gpu-bundle      # jre/ (jlink) + gossipbench-gpu.jar + MNIST, 55 MiB
#
# which runs, in effect (DEPENDENCIES.md, row "jlink JRE"):
#
#   jlink --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported \
#         --strip-debug --no-header-files --no-man-pages --compress=2 --output DIR/jre
#   mvn -B -Pgpu package -pl cli -am -DskipTests     # then a slim jar without DL4J's natives
#
# Then, on the GPU machine (JAVA and JAR default to the bundle's layout beside this script):
#
#   JAVA=/tmp/gpu-bundle/jre/bin/java JAR=/tmp/gpu-bundle/gossipbench-gpu.jar \
#     OUT=/tmp/gpu-verify bash ci/gpu-verify.sh
#
# Parts, each under its own time limit, run whatever the one before did; each one's exit code goes
# to $OUT/summary.tsv, its output to $OUT/<part>.log, the whole trace (set -x) to $OUT/trace.log:
#   env      versions, nvidia-smi, the library folders found, the probe (and, if it fails, the
#            JavaCPP loader's debug log and ldd of its JNI libraries)
#   refuse   CUDA_VISIBLE_DEVICES= : --transport nccl must refuse in one line with exit 2
#   a-*      correctness: allreduce/nccl, allreduce/nccl-ring and neighbor-average/nccl (ring and
#            one-peer-exp), float32 and float64, sum and avg, #wrong must be 0; 1 rank, then 2 and
#            4 ranks as processes (gossipbench launch): on one GPU NCCL refuses several ranks of
#            one communicator ("Duplicate GPU detected", since NCCL 2.5), and the part records that
#            one-line refusal; with several GPUs one rank per GPU runs
#   b-*      sweeps 1 MiB..1 GiB (x2) of allreduce/nccl (vendor), allreduce/nccl-ring and
#            neighbor-average/nccl on one-peer-exp, busbw in the nccl-tests table, for n = 1 and
#            n = number of GPUs (up to 8) when there are several
#   d-*      train --device cuda --transport nccl on MNIST (MLP 784-256-10, cuBLAS GEMMs, gradients
#            and parameters on the device): PSGD, 1 GPU, 300 steps; the refusal without nccl; DSGD
#            on one-peer-exp over every GPU when there are several
#   c-copy   device-to-device cudaMemcpy bandwidth, 1 MiB..1 GiB, for comparison
# Budget: under 5 minutes on one H200 (from estimates: no GPU to time it on; BUDGET_S=300).
set -u
OUT="${OUT:-/tmp/gpu-verify}"
mkdir -p "$OUT"
HERE="$(cd "$(dirname "$0")" && pwd)"
JAVA="${JAVA:-$HERE/../jre/bin/java}"
JAR="${JAR:-$HERE/../gossipbench-gpu.jar}"
[ -x "$JAVA" ] || JAVA="$(command -v java || echo java)"
exec 3>"$OUT/trace.log"
BASH_XTRACEFD=3
set -x
START=$(date +%s)
BUDGET_S="${BUDGET_S:-300}"
printf 'part\texit\tseconds\tnote\n' >"$OUT/summary.tsv"

# Where libnccl.so.2, libcudart.so.13 and libcublas.so.13 are: the wheels' lib folders first (the
# nvidia-nccl wheel's, as the issue says, then every nvidia/* wheel's: CUDA 13 wheels share
# nvidia/cu13/lib), then the toolkit's.
libdirs=()
if command -v python3 >/dev/null; then
  nccl_lib="$(python3 -c 'import nvidia.nccl, os; print(os.path.dirname(nvidia.nccl.__file__)+"/lib")' 2>/dev/null)"
  [ -n "$nccl_lib" ] && [ -d "$nccl_lib" ] && libdirs+=("$nccl_lib")
  nvidia_root="$(python3 -c 'import nvidia, os; print(list(nvidia.__path__)[0])' 2>/dev/null)"
  if [ -n "$nvidia_root" ] && [ -d "$nvidia_root" ]; then
    while IFS= read -r d; do libdirs+=("$d"); done < <(
      find "$nvidia_root" -maxdepth 3 -type f \( -name 'libcudart.so.*' -o -name 'libcublas.so.*' \
        -o -name 'libcublasLt.so.*' -o -name 'libnccl.so.*' -o -name 'libnvrtc.so.*' \) \
        -printf '%h\n' 2>/dev/null | sort -u)
  fi
fi
for d in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib /usr/local/cuda-13*/lib64; do
  [ -d "$d" ] && libdirs+=("$d")
done
LD_LIBRARY_PATH="$(IFS=:; echo "${libdirs[*]:-}")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH
export NCCL_DEBUG="${NCCL_DEBUG:-WARN}"
CACHE="$HOME/.javacpp/cache" # where JavaCPP unpacks its JNI libraries (the ldd below reads them)
GB=("$JAVA" -jar "$JAR")
COMMON=(--transport nccl --no-log --timeout 60)
SHORT=(--transport nccl --no-log --timeout 20)

# run PART LIMIT_S CMD...: the command's output to $OUT/PART.log (and here), its code to the summary;
# skipped once the budget is spent, so the script as a whole stays within it.
run() {
  local part=$1 limit=$2
  shift 2
  local now=$(($(date +%s) - START))
  if [ $((now + 5)) -ge "$BUDGET_S" ]; then
    printf '%s\tskipped\t0\tbudget of %ss spent\n' "$part" "$BUDGET_S" >>"$OUT/summary.tsv"
    return 0
  fi
  [ $((now + limit)) -gt "$BUDGET_S" ] && limit=$((BUDGET_S - now))
  echo "=== $part (limit ${limit}s): $*"
  local t0
  t0=$(date +%s)
  timeout --kill-after=5 "$limit" "$@" >"$OUT/$part.log" 2>&1
  local rc=$?
  local note=""
  [ "$rc" = 124 ] && note="timed out after ${limit}s"
  # the table's rows (size in bytes first; "[r] " in front under launch): how many, the sum of
  # the #wrong column (10th) and the largest busbw (9th)
  local table
  table=$(sed -E 's/^\[[0-9]+\] //' "$OUT/$part.log" |
    awk '$1 ~ /^[0-9]+$/ && NF >= 12 {rows++; w += $10; if ($9 > b) b = $9}
         END {if (rows) printf "rows=%d wrong=%d max_busbw=%s", rows, w, b}')
  [ -n "$table" ] && note="${note:+$note; }$table"
  [ "$rc" != 0 ] && note="${note:+$note; }$(grep -m1 'error' "$OUT/$part.log" | cut -c1-200)"
  printf '%s\t%s\t%s\t%s\n' "$part" "$rc" "$(($(date +%s) - t0))" "$note" >>"$OUT/summary.tsv"
  tail -n 40 "$OUT/$part.log"
  return 0
}

# ---- env
{
  date -u
  uname -a
  "$JAVA" -version 2>&1
  ls -la "$JAR"
  nvidia-smi 2>&1 | head -20
  nvidia-smi -L 2>&1
  echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
  for lib in libcuda.so.1 libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libnccl.so.2; do
    found=""
    for d in ${LD_LIBRARY_PATH//:/ }; do [ -e "$d/$lib" ] && found="$d/$lib" && break; done
    [ -z "$found" ] && found="$(ldconfig -p 2>/dev/null | awk -v l="$lib" '$1 == l {print $NF; exit}')"
    echo "$lib: ${found:-NOT FOUND}"
  done
  python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "nccl", torch.cuda.nccl.version())' 2>&1 | tail -1
} >"$OUT/env.log" 2>&1
cat "$OUT/env.log"
GPUS=$(nvidia-smi -L 2>/dev/null | grep -c '^GPU' || true)
GPUS=${GPUS:-0}

run probe 60 "$JAVA" -cp "$JAR" org.gossipbench.collectives.transport.nccl.DeviceCopyBandwidth 1048576
if ! grep -q '^# CUDA driver' "$OUT/probe.log"; then
  # Why it would not load, in full: JavaCPP's loader log and what the linker says of its libraries.
  "$JAVA" -Dorg.bytedeco.javacpp.logger.debug=true -cp "$JAR" \
    org.gossipbench.collectives.transport.nccl.DeviceCopyBandwidth 1048576 >"$OUT/probe-debug.log" 2>&1
  find "$CACHE" -name 'libjni*.so' \( -name '*cudart*' -o -name '*nccl*' -o -name '*cublas*' \) \
    -exec sh -c 'echo "== $1"; ldd "$1"' _ {} \; >>"$OUT/probe-debug.log" 2>&1
  tail -n 60 "$OUT/probe-debug.log"
fi

# ---- refuse: no visible device must give one line and exit 2, never a JVM crash
run refuse 30 env CUDA_VISIBLE_DEVICES= "${GB[@]}" collectives "${COMMON[@]}" --algorithm nccl -b 1M -e 1M
sed -i "s/^refuse\t2\t/refuse\t2 (expected 2)\t/" "$OUT/summary.tsv"

# ---- a: correctness, small sizes, every element checked (-c 1 is the default)
SMALL=(-b 4 -e 16M -f 16 -n 3 -w 1)
check_ranks() {
  local np=$1
  local pre=()
  [ "$np" -gt 1 ] && pre=("${GB[@]}" launch -np "$np" --)
  [ "$np" -eq 1 ] && pre=("${GB[@]}")
  run "a-n$np-allreduce-nccl" 45 "${pre[@]}" collectives "${COMMON[@]}" --op allreduce --algorithm nccl "${SMALL[@]}"
  run "a-n$np-allreduce-nccl-avg64" 45 "${pre[@]}" collectives "${COMMON[@]}" --op allreduce --algorithm nccl -d float64 -o avg "${SMALL[@]}"
  run "a-n$np-allreduce-ring" 45 "${pre[@]}" collectives "${COMMON[@]}" --op allreduce --algorithm nccl-ring "${SMALL[@]}"
  run "a-n$np-allreduce-ring-avg" 45 "${pre[@]}" collectives "${COMMON[@]}" --op allreduce --algorithm nccl-ring -o avg "${SMALL[@]}"
  run "a-n$np-neighbor-ring" 45 "${pre[@]}" collectives "${COMMON[@]}" --op neighbor-average --algorithm nccl --topology ring "${SMALL[@]}"
  run "a-n$np-neighbor-onepeer" 45 "${pre[@]}" collectives "${COMMON[@]}" --op neighbor-average --algorithm nccl --topology one-peer-exp -d float64 "${SMALL[@]}"
}
check_ranks 1
run a-n1-heap-allreduce 45 "${GB[@]}" collectives "${COMMON[@]}" --op allreduce --algorithm nccl --memory heap -b 1M -e 16M -f 16 -n 3 -w 1
if [ "$GPUS" -ge 2 ]; then
  check_ranks 2
  [ "$GPUS" -ge 4 ] && check_ranks 4
else
  # One GPU: NCCL refuses two ranks of one communicator on it; record the one-line refusal.
  # --timeout 20: a stuck init ends in our own one line well within the part's limit
  run a-n2-one-gpu 45 "${GB[@]}" launch -np 2 -- collectives "${SHORT[@]}" --op allreduce --algorithm nccl -b 1M -e 1M -n 1 -w 0
  run a-n4-one-gpu 45 "${GB[@]}" launch -np 4 -- collectives "${SHORT[@]}" --op neighbor-average --algorithm nccl --topology one-peer-exp -b 1M -e 1M -n 1 -w 0
fi

# ---- d: training on the device (train --device cuda): MNIST MLP, PSGD on 1 GPU, a few hundred
# steps, the loss must fall and x-bar be evaluated; then DSGD over one-peer-exp on every GPU
# (several processes) when there are several. MNIST comes gzipped in the bundle (gpu-bundle.sh).
DATA_DIR="$OUT/data"
if [ ! -f "$DATA_DIR/mnist/train-images-idx3-ubyte" ] && [ -d "$HERE/../data/mnist" ]; then
  mkdir -p "$DATA_DIR/mnist"
  for f in "$HERE"/../data/mnist/*.gz; do gunzip -c "$f" >"$DATA_DIR/mnist/$(basename "$f" .gz)"; done
fi
TRAIN=(train --device cuda --transport nccl --workload mnist-mlp --data-dir "$DATA_DIR" --progress log
  --results-dir "$OUT/results" --timeout 60)
run d-train-psgd-n1 120 "${GB[@]}" "${TRAIN[@]}" --algorithm psgd -n 1 --max-steps 300 --eval-every 100
run d-refuse-local 30 "${GB[@]}" train --device cuda --transport local -n 1 --max-steps 1
sed -i "s/^d-refuse-local\t2\t/d-refuse-local\t2 (expected 2)\t/" "$OUT/summary.tsv"
if [ "$GPUS" -ge 2 ]; then
  np=$GPUS
  [ "$np" -gt 8 ] && np=8
  run "d-train-dsgd-n$np" 120 "${GB[@]}" launch -np "$np" -- "${TRAIN[@]}" --algorithm dsgd \
    --topology one-peer-exp -n "$np" --max-steps 300 --eval-every 100
fi

# ---- b: the sweeps, nccl-tests style
BIG=(-b 1M -e 1G -f 2 -n 20 -w 5)
sweep() {
  local np=$1
  local pre=("${GB[@]}")
  [ "$np" -gt 1 ] && pre=("${GB[@]}" launch -np "$np" --)
  run "b-n$np-allreduce-nccl" 60 "${pre[@]}" collectives "${COMMON[@]}" --op allreduce --algorithm nccl "${BIG[@]}"
  run "b-n$np-allreduce-ring" 60 "${pre[@]}" collectives "${COMMON[@]}" --op allreduce --algorithm nccl-ring "${BIG[@]}"
  run "b-n$np-neighbor-onepeer" 60 "${pre[@]}" collectives "${COMMON[@]}" --op neighbor-average --algorithm nccl --topology one-peer-exp "${BIG[@]}"
}
sweep 1
if [ "$GPUS" -ge 2 ]; then
  np=$GPUS
  [ "$np" -gt 8 ] && np=8
  sweep "$np"
fi

# ---- c: the device's own copy rate
run c-copy 60 "$JAVA" -cp "$JAR" org.gossipbench.collectives.transport.nccl.DeviceCopyBandwidth

echo "=== summary ($(($(date +%s) - START)) s; logs in $OUT)"
column -t -s $'\t' "$OUT/summary.tsv" 2>/dev/null || cat "$OUT/summary.tsv"
