#!/usr/bin/env bash
# Runs gossipbench under a real Slurm: a one-node cluster of this machine (munged, slurmctld and
# slurmd from Debian's slurm-wlm, with a private configuration and ports, so nothing of the
# machine's own Slurm is touched), then
#   srun -n 4 bin/gossipbench collectives --transport tcp ...           (SLURM_* environment)
#   srun --mpi=pmix -n 4 bin/gossipbench collectives --transport mpi ... (Open MPI over PMIx)
# with the exact-result check on; every row must report 0 wrong elements.
#
# Exit status: 0 passed; 1 a check failed; 3 skipped (not root, packages unavailable, or the
# daemons would not start here), with the reason on one line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

skip() {
  echo "slurm-test: skipped: $*"
  exit 3
}
[ "$(id -u)" = 0 ] || skip "needs root to run slurmd"
if ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null 2>&1; } ||
    skip "apt-get install slurm-wlm munge failed"
fi

work="$(mktemp -d /tmp/gossipbench-slurm.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # munged writes its seed file as it exits: removing its folder before it has gone races with it
  for p in "${pids[@]}"; do timeout 10 tail --pid="$p" -f /dev/null 2>/dev/null || true; done
  rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work" || true; }
}
trap cleanup EXIT

host="$(hostname)"
mkdir -p "$work/state" "$work/spool" "$work/munge"
# Slurm checks the node against what slurmd sees; config_overrides lets ranks oversubscribe a
# small CI machine.
cat >"$work/slurm.conf" <<EOF
ClusterName=gossipbench-ci
SlurmctldHost=$host
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SlurmdParameters=config_overrides
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ReturnToService=2
NodeName=$host CPUs=8 Boards=1 SocketsPerBoard=1 CoresPerSocket=8 ThreadsPerCore=1 RealMemory=4000 State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=30 State=UP OverSubscribe=FORCE
EOF
export SLURM_CONF="$work/slurm.conf"

dd if=/dev/urandom bs=1 count=1024 of="$work/munge/munge.key" 2>/dev/null
chmod 400 "$work/munge/munge.key"
/usr/sbin/munged -F --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" \
  --seed-file="$work/munge/munged.seed" >/dev/null 2>&1 &
pids+=($!)
/usr/sbin/slurmctld -D -f "$SLURM_CONF" >/dev/null 2>&1 &
pids+=($!)
/usr/sbin/slurmd -D -f "$SLURM_CONF" >/dev/null 2>&1 &
pids+=($!)
up=0
for _ in $(seq 1 60); do
  if sinfo -h -o %t 2>/dev/null | grep -q idle; then
    up=1
    break
  fi
  sleep 0.5
done
[ "$up" = 1 ] || skip "the one-node cluster did not come up ($(tail -1 "$work/slurmctld.log" 2>/dev/null))"

bin/gossipbench --version >/dev/null # build once, before the ranks start at the same time
status=0
check() {
  local what=$1
  shift
  echo "== $what"
  local out rc=0
  out="$(timeout 300 "$@" -b 4K -e 1M -f 16 -n 2 -w 1 --no-log --format csv 2>&1)" || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "$out"
    echo "slurm-test: FAILED: $what (exit status $rc)"
    status=1
    return
  fi
  echo "$out"
  local rows wrong
  rows=$(echo "$out" | awk -F, '$1 ~ /^[0-9]+$/' | wc -l)
  wrong=$(echo "$out" | awk -F, '$1 ~ /^[0-9]+$/ && $10 != "0"' | wc -l)
  if [ "$rows" -lt 3 ] || [ "$wrong" -ne 0 ]; then
    echo "slurm-test: FAILED: $what ($rows rows, $wrong with wrong elements)"
    status=1
  fi
}
GOSSIPBENCH_TOKEN="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export GOSSIPBENCH_TOKEN
check "srun -n 4, --transport tcp, neighbor averaging over one-peer-exp" \
  srun -n 4 bin/gossipbench collectives --transport tcp --op neighbor-average --topology one-peer-exp
if bash ci/mpi-setup.sh --check; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  check "srun --mpi=pmix -n 4, --transport mpi, ring allreduce" \
    srun --mpi=pmix -n 4 bin/gossipbench collectives --transport mpi --op allreduce --algorithm ring
  check "srun --mpi=pmix -n 4, --transport mpi, MPI_Allreduce" \
    srun --mpi=pmix -n 4 bin/gossipbench collectives --transport mpi --op allreduce --algorithm vendor
else
  echo "slurm-test: the mpi transport is not set up (ci/mpi-setup.sh): srun --mpi=pmix not tried"
fi
exit "$status"
