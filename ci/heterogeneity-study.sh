#!/usr/bin/env bash
# The heterogeneity study of issue 12 (SPEC §7 table T7): Fashion-MNIST MLP on n simulated nodes,
# partitions iid / dirichlet:alpha=0.1 / sorted, PSGD and every decentralized algorithm on the ring
# and on an exponential graph, several seeds, equal budgets (the same number of gradient samples:
# DeTAG's R accumulated mini-batches count against its epochs). Every algorithm takes plain SGD
# steps at the same step size, because exact diffusion takes no momentum. DeTAG's accelerated gossip
# needs a static graph, so on the exponential side it runs on the static exponential graph (exp),
# where DSGD runs too; the others run on the one-peer exponential graph (one-peer-exp).
#
# Resumable: a run whose summary file exists is skipped. Prints the table at the end
# (ci/heterogeneity-table.sh). Usage: ci/heterogeneity-study.sh [OUT_DIR]
# Knobs (environment): NODES="8 16" PARTITIONS="sorted dirichlet:alpha=0.1 iid" SEEDS="1 2 3"
#   EPOCHS=2 LR=0.1 BATCH=32 WORKLOAD=fashion-mnist-mlp RUNS="algorithm@topology ..." ("-" for none)
# e.g. DeTAG alone at another step size, into its own folder:
#   RUNS="detag@ring" LR=0.3 NODES=8 PARTITIONS=sorted ci/heterogeneity-study.sh results/detag-lr0.3
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-results/heterogeneity}
mkdir -p "$out"
NODES=${NODES:-8 16}
PARTITIONS=${PARTITIONS:-sorted dirichlet:alpha=0.1 iid}
SEEDS=${SEEDS:-1 2 3}
EPOCHS=${EPOCHS:-2}
LR=${LR:-0.1}
BATCH=${BATCH:-32}
WORKLOAD=${WORKLOAD:-fashion-mnist-mlp}
# algorithm@topology
RUNS=${RUNS:-psgd@- dsgd@ring gradient-tracking@ring exact-diffusion@ring detag@ring gossip-pga@ring
dsgd@one-peer-exp gradient-tracking@one-peer-exp exact-diffusion@one-peer-exp gossip-pga@one-peer-exp
dsgd@exp detag@exp}

total=0
for p in $PARTITIONS; do for n in $NODES; do for s in $SEEDS; do for r in $RUNS; do
  total=$((total + 1))
done; done; done; done
echo "heterogeneity study: $total runs of $WORKLOAD, $EPOCHS epochs, lr $LR, batch $BATCH per node, into $out"
done_runs=0
for p in $PARTITIONS; do for n in $NODES; do for s in $SEEDS; do for r in $RUNS; do
  algorithm=${r%@*}
  topology=${r#*@}
  name="$WORKLOAD-n$n-${p//[:=]/_}-$algorithm-$topology-s$s"
  [ "$topology" = "-" ] && name="$WORKLOAD-n$n-${p//[:=]/_}-$algorithm-s$s"
  done_runs=$((done_runs + 1))
  if [ -f "$out/$name-summary.arrow" ]; then
    continue
  fi
  topo_args=()
  [ "$topology" != "-" ] && topo_args=(--topology "$topology")
  start=$(date +%s)
  bin/gossipbench train --workload "$WORKLOAD" --algorithm "$algorithm" "${topo_args[@]}" \
    -n "$n" --partition "$p" --batch "$BATCH" --lr "$LR" --max-epochs "$EPOCHS" \
    --eval-every 0.5ep --seed "$s" --progress log --out "$out/$name.arrow" > "$out/$name.log" 2>&1 ||
    { echo "run $name failed:"; tail -3 "$out/$name.log"; exit 1; }
  echo "[$done_runs/$total] $name: $(grep -o 'best top1_accuracy [0-9.]*' "$out/$name.log") ($(( $(date +%s) - start )) s, load $(cut -d' ' -f1 /proc/loadavg))"
done; done; done; done
bash ci/heterogeneity-table.sh "$out"
