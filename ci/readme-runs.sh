#!/usr/bin/env bash
# Makes the runs behind the README's results tables, under results/readme/ (committed, so the
# README's tables regenerate from them: its blocks read `bin/gossipbench report DIR --print TABLES`,
# and ReadmeTest fails when a block differs from what report prints now). Each file records its own
# command line and machine load; steps are logged at the evaluations only (--log-steps evaluated),
# which is all the tables read, so the files stay small. About 30 minutes on the 2-core development machine.
#   training/       MNIST MLP to 97 %: PSGD, DSGD on the ring and on one-peer-exp, n = 4, 8, 16,
#                   iid, 3 seeds (T4 accuracy/time, T6 scalability)
#   heterogeneity/  the sorted, n = 16 column of ci/heterogeneity-study.sh: Fashion-MNIST MLP,
#                   PSGD and the ring's DSGD, gradient tracking, DeTAG, Gossip-PGA, 3 seeds (T7)
#   collectives/    in-process ring and parameter-server allreduce against neighbor averaging on
#                   the ring and one-peer-exp, n = 2, 4, 8, 64 KiB to 64 MiB (T3)
#   theory/         the full theory checks (theory-points, theory-fits, theory-transient)
#   projection/     gossipbench project onto the cluster presets (T3-projected)
# Resumable: a run whose summary exists is skipped. Then: mvn -B verify -pl cli -am
# -Dtest=ReadmeTest -Dreadme.update=true rewrites the README's blocks.
# Usage: ci/readme-runs.sh [OUT_DIR]   (GOSSIPBENCH="java -jar …" to use a built jar)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-results/readme}
read -r -a gb <<< "${GOSSIPBENCH:-bin/gossipbench}"
"${gb[@]}" data fetch mnist > /dev/null
"${gb[@]}" data fetch fashion-mnist > /dev/null

# train DIR NAME ARGS…: one run, skipped when its summary exists
train() {
  local dir=$1 name=$2
  shift 2
  mkdir -p "$dir"
  [ -f "$dir/$name-summary.arrow" ] && return 0
  "${gb[@]}" train "$@" --progress none --out "$dir/$name.arrow" > /dev/null
  echo "$name done (load $(cut -d' ' -f1 /proc/loadavg))"
}

for n in 4 8 16; do for s in 1 2 3; do
  train "$out/training" "mnist-mlp-n$n-psgd-s$s" --workload mnist-mlp --algorithm psgd -n "$n" \
    --batch 32 --lr 0.1 --momentum nesterov --beta 0.9 --target-accuracy 0.97 --max-epochs 5 \
    --eval-every 0.25ep --log-steps evaluated --seed "$s"
  for t in ring one-peer-exp; do
    train "$out/training" "mnist-mlp-n$n-dsgd-$t-s$s" --workload mnist-mlp --algorithm dsgd \
      --topology "$t" -n "$n" --batch 32 --lr 0.1 --momentum nesterov --beta 0.9 \
      --target-accuracy 0.97 --max-epochs 5 --eval-every 0.25ep --log-steps evaluated --seed "$s"
  done
done; done

for s in 1 2 3; do for r in psgd@- dsgd@ring gradient-tracking@ring detag@ring gossip-pga@ring; do
  algorithm=${r%@*}
  topology=${r#*@}
  topo_args=()
  name="fashion-mnist-mlp-n16-sorted-$algorithm-s$s"
  if [ "$topology" != "-" ]; then
    topo_args=(--topology "$topology")
    name="fashion-mnist-mlp-n16-sorted-$algorithm-$topology-s$s"
  fi
  train "$out/heterogeneity" "$name" --workload fashion-mnist-mlp --algorithm "$algorithm" \
    "${topo_args[@]}" -n 16 --partition sorted --batch 32 --lr 0.1 --max-epochs 2 \
    --eval-every 0.5ep --log-steps evaluated --seed "$s"
done; done

# in-process collectives: global against neighbor averaging, n = 2, 4, 8, 64 KiB to 64 MiB (T3)
mkdir -p "$out/collectives"
for np in 2 4 8; do
  for c in "allreduce ring allreduce-ring" "allreduce parameter-server allreduce-ps" \
    "neighbor-average ring neighbor-average-ring" \
    "neighbor-average one-peer-exp neighbor-average-one-peer-exp"; do
    read -r op graph name <<< "$c"
    f="$out/collectives/$name-np$np.arrow"
    [ -f "$f" ] && continue
    if [ "$op" = allreduce ]; then pick=(--algorithm "$graph"); else pick=(--topology "$graph"); fi
    "${gb[@]}" collectives --op "$op" "${pick[@]}" -np "$np" -b 64K -e 64M -f 4 -n 20 -w 5 \
      --out "$f" > /dev/null
    echo "$name-np$np done (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done

mkdir -p "$out/theory"
[ -f "$out/theory/theory-points.arrow" ] || "${gb[@]}" theory --out "$out/theory" > /dev/null
# the projection onto the cluster presets (T3 projected), its iteration factor from training/
mkdir -p "$out/projection"
[ -f "$out/projection/projection.arrow" ] || "${gb[@]}" project --training "$out/training" \
  --out "$out/projection/projection.arrow" > /dev/null
echo "readme runs in $out"
