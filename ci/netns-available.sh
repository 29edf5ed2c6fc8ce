# Sourced by the namespace tests (ci/netcluster-test.sh, ci/multihost-test.sh):
# netns_available PROBE_NAME prints one "SKIP: reason" line and fails when this machine cannot
# make the emulated cluster (not root, no iproute2, or namespaces refused), so a test can
# `netns_available x || exit 0`.
netns_available() {
  local probe="$1$$" err
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "SKIP: not root (network namespaces, veth and tc need root)"
    return 1
  fi
  if ! command -v ip >/dev/null 2>&1; then
    echo "SKIP: no 'ip' command (iproute2 not installed)"
    return 1
  fi
  if ! err="$(ip netns add "$probe" 2>&1)"; then
    ip netns del "$probe" >/dev/null 2>&1 || true
    echo "SKIP: cannot create network namespaces (ip netns add: ${err//$'\n'/ })"
    return 1
  fi
  ip netns del "$probe" >/dev/null 2>&1 || true
}
