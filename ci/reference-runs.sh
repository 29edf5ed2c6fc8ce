#!/usr/bin/env bash
# Regenerates the small committed runs under results/reference/ that the analysis golden tests
# read: Spambase logistic regression (pure Java, a second per run; bin/gossipbench data fetch
# spambase first) for PSGD, DSGD and gradient tracking on the ring, n = 4 and 8, iid and sorted
# partitions, 3 seeds, synthetic least squares (a loss-scored workload, for T5) with PSGD and DSGD, the quick
# theory checks, consensus runs for T1, the topology table for T2 and in-process collectives for T3. Each file records its own command line. After
# regenerating, refresh the golden tables: mvn -B verify -pl analysis -am -Dgolden.update=true
# Usage: ci/reference-runs.sh [OUT_DIR]   (GOSSIPBENCH="java -jar …" to use a built jar)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-results/reference}
read -r -a gb <<< "${GOSSIPBENCH:-bin/gossipbench}"
mkdir -p "$out/train" "$out/theory"
for p in iid sorted; do for n in 4 8; do for s in 1 2 3; do
  for r in psgd@- dsgd@ring gradient-tracking@ring; do
    algorithm=${r%@*}
    topology=${r#*@}
    topo_args=()
    name="spambase-logreg-n$n-$p-$algorithm-s$s"
    if [ "$topology" != "-" ]; then
      topo_args=(--topology "$topology")
      name="spambase-logreg-n$n-$p-$algorithm-$topology-s$s"
    fi
    [ -f "$out/train/$name-summary.arrow" ] && continue
    "${gb[@]}" train --workload spambase-logreg --algorithm "$algorithm" "${topo_args[@]}" \
      -n "$n" --partition "$p" --batch 64 --max-epochs 2 --eval-every 0.5ep --target-accuracy 0.9 \
      --seed "$s" --progress none --out "$out/train/$name.arrow" > /dev/null
  done
done; done; done
# T5: a loss-scored workload (synthetic least squares, metric test_loss), PSGD and DSGD on the ring
for n in 4 8; do for s in 1 2 3; do for r in psgd@- dsgd@ring; do
  algorithm=${r%@*}
  topology=${r#*@}
  topo_args=()
  name="synthetic-lsq-n$n-$algorithm-s$s"
  if [ "$topology" != "-" ]; then
    topo_args=(--topology "$topology")
    name="synthetic-lsq-n$n-$algorithm-$topology-s$s"
  fi
  [ -f "$out/train/$name-summary.arrow" ] && continue
  "${gb[@]}" train --workload synthetic-lsq --algorithm "$algorithm" "${topo_args[@]}" -n "$n" \
    --batch 16 --max-epochs 4 --eval-every 0.5ep --target-accuracy 0.5 --seed "$s" --progress none \
    --out "$out/train/$name.arrow" > /dev/null
done; done; done
# T2: the topology table's rows, logged
mkdir -p "$out/topology"
[ -f "$out/topology/topology-table.arrow" ] || "${gb[@]}" topology table -n 4,8,16 \
  --topologies ring,exp,one-peer-exp,torus --out "$out/topology/topology-table.arrow" > /dev/null
# T1: partial averaging over the ring and the static exponential graph, n = 5 (SPEC 7)
for t in ring exp; do
  [ -f "$out/topology/consensus-$t.arrow" ] ||
    "${gb[@]}" topology consensus "$t" -n 5 --out "$out/topology/consensus-$t.arrow" > /dev/null 2>&1
done
# T3: in-process collectives, global and neighbor averaging, n = 4 and 8, 64 KiB to 1 MiB
mkdir -p "$out/collectives"
for np in 4 8; do
  for c in "allreduce ring allreduce-ring" "allreduce parameter-server allreduce-ps" \
    "neighbor-average ring neighbor-average-ring" \
    "neighbor-average one-peer-exp neighbor-average-one-peer-exp"; do
    read -r op graph name <<< "$c"
    f="$out/collectives/$name-np$np.arrow"
    [ -f "$f" ] && continue
    if [ "$op" = allreduce ]; then pick=(--algorithm "$graph"); else pick=(--topology "$graph"); fi
    "${gb[@]}" collectives --op "$op" "${pick[@]}" -np "$np" -b 64K -e 1M -n 10 -w 3 --out "$f" > /dev/null
  done
done
[ -f "$out/theory/theory-points.arrow" ] || "${gb[@]}" theory --quick --out "$out/theory" > /dev/null
mkdir -p "$out/projection"
[ -f "$out/projection/projection.arrow" ] || "${gb[@]}" project --fit "$out/collectives" \
  --training "$out/train" --out "$out/projection/projection.arrow" > /dev/null
