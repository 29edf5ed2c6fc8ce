#!/usr/bin/env bash
# Multi-host test of the TCP transport on the emulated cluster (ci/netcluster.sh): 3 hosts, one
# rank per network namespace, each started directly with `ip netns exec` and only the variables a
# launcher would set, as a user on a real cluster would start them:
#   torchrun-style  RANK, WORLD_SIZE, MASTER_ADDR (rank 0's address), MASTER_PORT
#   Slurm           SLURM_PROCID, SLURM_NTASKS, SLURM_JOB_ID, SLURM_STEP_NODELIST (rank 0's host
#                   first), so the rendezvous address and port are derived as under srun
# plus GOSSIPBENCH_TOKEN, and --bind 0.0.0.0 as the README's multi-host examples use. A rank that
# published its wildcard would make every peer dial itself; the hosts here share no loopback, so
# the job only completes when each rank publishes an address the others can reach. Runs ring
# allreduce and neighbor averaging over one-peer-exp for each launcher, and requires every rank to
# exit 0 and rank 0 to report 0 wrong elements on every row.
#
# Skips (exit 0, "SKIP: ...") when not root or when network namespaces cannot be created. Tears
# the cluster down in an EXIT trap and checks that no namespace is left behind. Every step is
# bounded by `timeout`; takes about a minute on 2 cores.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
nc="$here/netcluster.sh"
gb="$root/bin/gossipbench"
N=3

# shellcheck source=netns-available.sh
source "$here/netns-available.sh"
netns_available mhtprobe || exit 0

prefix="mht$$r$RANDOM"
state="${NETCLUSTER_STATE_DIR:-/run}/gossipbench-netcluster-$prefix.env"
tmp="$(mktemp -d)"
pass=0; fail=0
ok()   { pass=$((pass + 1)); echo "ok    $1"; }
nok()  { fail=$((fail + 1)); echo "FAIL  $1${2:+: $2}"; }
left() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$prefix-" || true; }

finish() {
  local rc=$? ns pid
  trap - EXIT INT TERM
  for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
  timeout 30 "$nc" down --prefix "$prefix" >/dev/null 2>&1 || true
  for ns in $(left); do ip netns del "$ns" 2>/dev/null || true; done   # belt and braces
  rm -f "$state"
  rm -rf "$tmp"
  if [[ -z "$(left)" ]]; then ok "nothing left behind (no '$prefix-*' namespace)"
  else nok "namespaces left behind" "$(left | tr '\n' ' ')"; fi
  echo "multihost: $pass passed, $fail failed"
  ((fail == 0 && rc < 128)) && exit 0
  exit 1
}
trap finish EXIT
trap 'echo "interrupted"; exit 130' INT TERM

t0=$SECONDS

# Built once here: a rank that found the jar stale would start Maven inside a namespace that has
# no route to anything.
if out="$(timeout 600 "$gb" --version 2>&1)"; then ok "built: $(tail -n 1 <<< "$out" | sed "s/\x1b\[[0-9;]*m//g")"
else nok "bin/gossipbench --version" "$out"; exit 1; fi

if out="$(timeout 30 "$nc" up "$N" --rate 1gbit --prefix "$prefix" 2>&1)"; then ok "up $N hosts"
else nok "up $N hosts" "$out"; exit 1; fi
addrs=()
for ((i = 0; i < N; i++)); do addrs+=("$(timeout 10 "$nc" addr "$i" --prefix "$prefix")"); done
nodelist="$(IFS=,; echo "${addrs[*]}")"

# The variables launcher $1 would give rank $2, one NAME=value per line.
launcher_vars() {
  case "$1" in
    torchrun)
      printf '%s\n' "RANK=$2" "WORLD_SIZE=$N" "MASTER_ADDR=${addrs[0]}" "MASTER_PORT=29511" ;;
    slurm)
      printf '%s\n' "SLURM_PROCID=$2" "SLURM_NTASKS=$N" "SLURM_JOB_ID=$job_id" \
        "SLURM_STEP_NODELIST=$nodelist" ;;
  esac
}

# run_job LAUNCHER NAME COLLECTIVE-FLAGS...: one rank per host, all at once; checks the outcome.
run_job() {
  local launcher="$1" name="$2" i rc bad="" key
  shift 2
  seq=$((seq + 1)); key="$tmp/job$seq"
  local token pids=() vars
  token="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  job_id=$((100000 + RANDOM))
  for ((i = 0; i < N; i++)); do
    mapfile -t vars < <(launcher_vars "$launcher" "$i")
    # env -i: the rank sees only what the launcher would set, not this shell's GOSSIPBENCH_*.
    timeout 180 ip netns exec "$prefix-$i" env -i PATH="$PATH" HOME="$HOME" \
      ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} GOSSIPBENCH_TOKEN="$token" "${vars[@]}" \
      "$gb" collectives --transport tcp --bind 0.0.0.0 "$@" \
      -b 1K -e 1M -n 3 -c 1 --timeout 30 --no-log --format csv \
      > "$key.$i.out" 2> "$key.$i.err" &
    pids+=($!)
  done
  for ((i = 0; i < N; i++)); do
    rc=0; wait "${pids[$i]}" || rc=$?
    ((rc == 0)) || bad+="rank $i exited $rc ($(tail -n 3 "$key.$i.err" | tr '\n' ' ')); "
  done
  local rows wrong
  rows="$(awk -F, '$1 ~ /^[0-9]+$/' "$key.0.out" | wc -l)"
  # The column is found by its name, so a reordered table cannot make this check pass vacuously.
  wrong="$(awk -F, '
    /^#/ { next }
    !col { for (c = 1; c <= NF; c++) if ($c == "wrong") col = c; next }
    $1 ~ /^[0-9]+$/ && $col != "0" { n++ }
    END { if (!col) print "no-wrong-column"; else print n + 0 }' "$key.0.out")"
  ((rows >= 6)) || bad+="rank 0 printed $rows rows, want 6 (1K..1M); "
  if [[ "$wrong" == no-wrong-column ]]; then bad+="rank 0 printed no table with a wrong column; "
  elif [[ "$wrong" != 0 ]]; then bad+="rank 0: wrong elements on $wrong rows; "; fi
  if [[ -z "$bad" ]]; then
    ok "$name: $N ranks, one per host, exit 0; $rows rows, wrong = 0 on every row"
  else
    nok "$name" "$bad"
    sed 's/^/    rank 0: /' "$key.0.out" | head -n 20
  fi
}

seq=0
for launcher in torchrun slurm; do
  run_job "$launcher" "$launcher, --bind 0.0.0.0, allreduce ring" --op allreduce --algorithm ring
  run_job "$launcher" "$launcher, --bind 0.0.0.0, neighbor-average one-peer-exp" \
    --op neighbor-average --topology one-peer-exp
done

echo "($((SECONDS - t0)) s)"
