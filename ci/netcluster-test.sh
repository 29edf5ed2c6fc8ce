#!/usr/bin/env bash
# Self-test for ci/netcluster.sh: brings up a 3-host cluster at 1gbit under a unique prefix,
# checks addressing, isolation, shaping, reachability and throughput, then tears it down (in an
# EXIT trap, so also on failure or interrupt) and verifies that no namespace is left behind.
# Skips (exit 0, "SKIP: ...") when not root or when network namespaces cannot be created.
# Takes about 5 s; every step is bounded by `timeout`.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nc="$here/netcluster.sh"

# shellcheck source=netns-available.sh
source "$here/netns-available.sh"
netns_available nctprobe || exit 0

prefix="nct$$r$RANDOM"
state="${NETCLUSTER_STATE_DIR:-/run}/gossipbench-netcluster-$prefix.env"
pass=0; fail=0; skip=0
ok()   { pass=$((pass + 1)); echo "ok    $1"; }
nok()  { fail=$((fail + 1)); echo "FAIL  $1${2:+: $2}"; }
skp()  { skip=$((skip + 1)); echo "skip  $1${2:+: $2}"; }
run()  { timeout "$1" "$nc" "${@:2}"; }   # every call bounded
left() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^$prefix-" || true; }

finish() {
  local rc=$? ns
  trap - EXIT INT TERM
  timeout 30 "$nc" down --prefix "$prefix" >/dev/null 2>&1 || true
  for ns in $(left); do ip netns del "$ns" 2>/dev/null || true; done   # belt and braces
  rm -f "$state"
  if [[ -z "$(left)" ]]; then ok "nothing left behind (no '$prefix-*' namespace, no state file)"
  else nok "namespaces left behind" "$(left | tr '\n' ' ')"; fi
  if ((skip)); then echo "netcluster: $pass passed, $fail failed, $skip skipped"
  else echo "netcluster: $pass passed, $fail failed"; fi
  ((fail == 0 && rc < 128)) && exit 0
  exit 1
}
trap finish EXIT
trap 'echo "interrupted"; exit 130' INT TERM

t0=$SECONDS

# 1. up
if out="$(run 30 up 3 --rate 1gbit --prefix "$prefix" 2>&1)"; then ok "up 3 --rate 1gbit"
else nok "up 3 --rate 1gbit" "$out"; exit 1; fi

# 2. addresses and state
for i in 0 1 2; do
  a="$(run 10 addr "$i" --prefix "$prefix" 2>&1)"
  [[ "$a" == "198.18.0.$((10 + i))" ]] && ok "addr $i = $a" || nok "addr $i" "got '$a'"
done
grep -q '^NC_N="3"$' "$state" 2>/dev/null && ok "state file $state" || nok "state file" "missing or wrong"
run 10 addr 3 --prefix "$prefix" >/dev/null 2>&1 && nok "addr 3 rejected" || ok "addr 3 rejected (out of range)"

# 3. isolation: benchmarking range only, no default route, nothing routable outside
iso=""
for ns in "$prefix-br" "$prefix-0" "$prefix-1" "$prefix-2"; do
  [[ -z "$(ip -n "$ns" -4 route show default)" ]] || iso+="$ns has a default route; "
  while read -r cidr; do
    [[ "$cidr" =~ ^198\.1[89]\. || "$cidr" =~ ^127\. ]] || iso+="$ns has $cidr; "
  done < <(ip -n "$ns" -4 -o addr show | awk '{print $4}')
  ip -n "$ns" route get 192.0.2.1 >/dev/null 2>&1 && iso+="$ns can route to 192.0.2.1; "
done
[[ -z "$iso" ]] && ok "isolated (198.18.0.0/15 only, no default route)" || nok "isolation" "$iso"

# 4. shaping on both ends of every link
shp=""
for i in 0 1 2; do
  tc -n "$prefix-$i" qdisc show dev eth0 | grep -q 'tbf .*root.*rate 1Gbit' || shp+="$prefix-$i eth0; "
  tc -n "$prefix-br" qdisc show dev "p$i" | grep -q 'tbf .*root.*rate 1Gbit' || shp+="$prefix-br p$i; "
done
[[ -z "$shp" ]] && ok "tbf 1Gbit on both ends of all 3 links" || nok "shaping" "missing on $shp"

# 5. a second up without --force fails
if out="$(run 30 up 3 --prefix "$prefix" 2>&1)"; then nok "second up refused" "it succeeded"
elif [[ "$out" == *exists* ]]; then ok "second up without --force refused (cluster exists)"
else nok "second up refused" "unexpected message: $out"; fi

# 6. exec runs in the host's namespace and passes the exit status through
out="$(run 10 exec 1 --prefix "$prefix" -- ip -4 -o addr show dev eth0 2>&1)"
[[ "$out" == *"198.18.0.11/24"* ]] && ok "exec 1 -- ip addr: in $prefix-1" || nok "exec 1" "$out"
run 10 exec 0 --prefix "$prefix" -- sh -c 'exit 7' >/dev/null 2>&1; rc=$?
((rc == 7)) && ok "exec passes the exit status through" || nok "exec exit status" "got $rc, want 7"

# 7. reachability
if out="$(run 30 check --prefix "$prefix" 2>&1)"; then ok "$out"
else nok "check" "$out"; fi

# 8. throughput at 1gbit
if command -v python3 >/dev/null 2>&1; then
  if out="$(run 40 measure --prefix "$prefix" --bytes 100000000 2>&1)"; then
    g="$(grep -o '[0-9.]* Gbit/s' <<< "$out" | awk '{print $1}')"
    if [[ -n "$g" ]] && awk -v g="$g" 'BEGIN{exit !(g >= 0.5 && g <= 1.05)}'; then ok "measure 100 MB at 1gbit: $g Gbit/s (want 0.5..1.05)"
    else nok "measure 100 MB at 1gbit" "${g:-?} Gbit/s outside 0.5..1.05 ($out)"; fi
  else nok "measure" "$out"; fi
else
  skp "measure" "no python3"
fi

# 9. down, twice
if out="$(run 30 down --prefix "$prefix" 2>&1)" && [[ -z "$(left)" && ! -e "$state" ]]; then ok "down removed every namespace and the state file"
else nok "down" "$out; left: $(left | tr '\n' ' ')"; fi
out="$(run 30 down --prefix "$prefix" 2>&1)" && ok "down again is a no-op" || nok "down again" "$out"

echo "($((SECONDS - t0)) s)"
