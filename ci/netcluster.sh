#!/usr/bin/env bash
# Emulated cluster for gossipbench's TCP transport: N network namespaces joined by veth pairs to
# one bridge (in a namespace of its own), every link shaped with tc tbf so that each host's
# egress AND ingress are limited to a given rate. Isolated by construction: host addresses come
# only from the benchmarking range 198.18.0.0/15 (RFC 2544), no default route, no NAT, and
# nothing is added to the caller's own network namespace (the veth pairs are created inside the
# bridge namespace with their peers placed straight into the host namespaces).
#
# Needs root, iproute2 (ip, tc) and, for `check` and `measure`, ping or python3.
# Run with no arguments or --help for the usage.
set -euo pipefail

prog="ci/netcluster.sh"
STATE_DIR="${NETCLUSTER_STATE_DIR:-/run}"
SUBNET_BASE="198.18.0"   # hosts get $SUBNET_BASE.(10+i)/24, inside 198.18.0.0/15
HOST_OFFSET=10
MAX_HOSTS=200
HZ_FOR_BURST=250         # burst >= rate/HZ; 250 is this kernel's CONFIG_HZ and a safe floor
MIN_BURST=262144         # 256kb (tc's kb = KiB)

usage() {
  cat <<EOF
usage: $prog COMMAND [OPTIONS]

Emulated cluster of network namespaces on one bridge, every link rate-shaped with tc tbf.
Host i is namespace PREFIX-i with eth0 = $SUBNET_BASE.(10+i)/24; the bridge br0 lives in
namespace PREFIX-br. No default route, no NAT: nothing can reach the host's network.

commands:
  up N [--rate R] [--latency L] [--mtu M] [--ranks-per-host K] [--force]
        create N hosts (1 <= N <= $MAX_HOSTS). R is tc rate syntax (1gbit, 10gbit, 500mbit,
        125mbps, ...; default 1gbit); it limits every host's egress and ingress. L is tbf's
        queue latency (default 50ms), M the links' MTU (default 1500). K (default 1) is how
        many consecutive ranks "gossipbench launch --netns" puts on each host: rank r runs in
        host r/K, and ranks of one host talk over that namespace's loopback, unshaped (a
        two-rate cluster: fast inside a host, R between hosts). Fails if a cluster with this
        prefix exists, unless --force (which tears it down first).
  down  delete every namespace of the cluster (processes left inside them are killed).
        Safe to run twice.
  addr I
        print host I's address.
  exec I -- CMD...
        run CMD inside host I's namespace (ip netns exec PREFIX-I CMD...).
  check
        verify that every host reaches every other (ping, else an ICMP probe in python3)
        and that no namespace has a default route.
  measure [--bytes B] [--from I] [--to J] [--port P] [--timeout S]
        bounded TCP throughput test from host I (default 0) to host J (default 1), B bytes
        (default 200000000); prints the achieved Gbit/s. Needs python3.
  status
        print the cluster's state file and its qdiscs.

common options:
  --prefix P   namespace prefix (default gb; letters, digits, '_' and '.', at most 20)
  -h, --help   this message

State is kept in $STATE_DIR/gossipbench-netcluster-PREFIX.env (KEY="value" lines, sourceable).
EOF
}

die()  { echo "$prog: error: $*" >&2; exit 1; }
bad()  { echo "$prog: error: $*" >&2; echo "run '$prog --help' for the usage" >&2; exit 2; }
info() { echo "$prog: $*" >&2; }

# ---------------------------------------------------------------------------------------------
# tools

require_root() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root (network namespaces need CAP_SYS_ADMIN)"
}

apt_install() {   # only called when a needed tool is missing
  require_root
  command -v apt-get >/dev/null 2>&1 || die "missing tools and no apt-get to install: $*"
  info "installing missing packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "$@" >&2 \
    || { apt-get update -qq >&2 && apt-get install -y --no-install-recommends "$@" >&2; } \
    || die "apt-get install $* failed"
}

ensure_iproute() {
  if ! command -v ip >/dev/null 2>&1 || ! command -v tc >/dev/null 2>&1; then
    apt_install iproute2
  fi
  command -v ip >/dev/null 2>&1 && command -v tc >/dev/null 2>&1 || die "ip/tc still missing"
}

python_bin() {    # the real interpreter (not a pyenv shim), or empty
  local py="${NETCLUSTER_PYTHON:-}"
  if [[ -z "$py" ]]; then
    command -v python3 >/dev/null 2>&1 || return 0
    py="$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)"
  fi
  [[ -n "$py" && -x "$py" ]] && echo "$py"
  return 0
}

# ---------------------------------------------------------------------------------------------
# arguments

prefix="gb"; rate="1gbit"; latency="50ms"; mtu=1500; force=0; ranks_per_host=1
bytes=200000000; from=0; to=1; port=5201; mtimeout=""
positional=(); cmdline=()

parse_args() {
  local opt
  while (($#)); do
    opt="$1"
    case "$opt" in
      --*=*) set -- "${opt%%=*}" "${opt#*=}" "${@:2}"; continue ;;
    esac
    case "$opt" in
      -h|--help) usage; exit 0 ;;
      --prefix|--rate|--latency|--mtu|--bytes|--from|--to|--port|--timeout|--ranks-per-host)
        (($# >= 2)) || bad "$opt needs a value"
        case "$opt" in
          --prefix) prefix="$2" ;; --rate) rate="$2" ;; --latency) latency="$2" ;;
          --mtu) mtu="$2" ;; --bytes) bytes="$2" ;; --from) from="$2" ;; --to) to="$2" ;;
          --port) port="$2" ;; --timeout) mtimeout="$2" ;; --ranks-per-host) ranks_per_host="$2" ;;
        esac
        shift 2 ;;
      --force) force=1; shift ;;
      --) shift; cmdline=("$@"); break ;;
      -*) bad "unknown option: $opt" ;;
      *) positional+=("$opt"); shift ;;
    esac
  done
  [[ "$prefix" =~ ^[A-Za-z0-9_.]{1,20}$ ]] || bad "bad --prefix '$prefix' (letters, digits, '_' and '.', at most 20)"
}

is_uint() { [[ "$1" =~ ^(0|[1-9][0-9]{0,14})$ ]]; }

# tc rate syntax -> bits per second (integer); empty on error
rate_to_bits() {
  awk -v r="$1" 'BEGIN {
    s = tolower(r)
    if (!match(s, /^[0-9]+(\.[0-9]+)?/)) exit 1
    num = substr(s, 1, RLENGTH) + 0; u = substr(s, RLENGTH + 1)
    m[""] = 1; m["bit"] = 1
    m["kbit"] = 1e3; m["mbit"] = 1e6; m["gbit"] = 1e9; m["tbit"] = 1e12
    m["kibit"] = 1024; m["mibit"] = 1048576; m["gibit"] = 1073741824; m["tibit"] = 1099511627776
    m["bps"] = 8; m["kbps"] = 8e3; m["mbps"] = 8e6; m["gbps"] = 8e9; m["tbps"] = 8e12
    m["kibps"] = 8192; m["mibps"] = 8388608; m["gibps"] = 8589934592; m["tibps"] = 8796093022208
    if (!(u in m)) exit 1
    v = num * m[u]
    if (v < 8000) exit 1
    printf "%.0f\n", v
  }' || true
}

burst_for_bits() {   # bytes: ceil(rate_bytes_per_sec / HZ), at least MIN_BURST
  awk -v b="$1" -v hz="$HZ_FOR_BURST" -v min="$MIN_BURST" 'BEGIN {
    x = b / 8 / hz; y = int(x); if (y < x) y++; if (y < min) y = min; printf "%.0f\n", y }'
}

# ---------------------------------------------------------------------------------------------
# state

state_file() { echo "$STATE_DIR/gossipbench-netcluster-$prefix.env"; }
br_ns()      { echo "$prefix-br"; }
host_ns()    { echo "$prefix-$1"; }
host_addr()  { echo "$SUBNET_BASE.$((HOST_OFFSET + $1))"; }
host_mac()    { printf '02:00:c6:12:00:%02x\n' "$((HOST_OFFSET + $1))"; }   # locally administered

declare -A ST=()
load_state() {   # fills ST; returns 1 when there is no state file
  local f k v lines=0
  f="$(state_file)"
  [[ -f "$f" ]] || return 1
  ST=()
  while IFS='=' read -r k v && ((lines++ < 64)); do
    [[ "$k" =~ ^NC_[A-Z_]+$ ]] || continue
    v="${v#\"}"; v="${v%\"}"
    ST["$k"]="$v"
  done < "$f"
  is_uint "${ST[NC_N]:-}" || die "corrupt state file $f (no NC_N)"
}

need_state() {
  load_state || die "no cluster with prefix '$prefix' (no $(state_file)); run '$prog up N --prefix $prefix' first"
}

check_index() {   # check_index NAME VALUE
  is_uint "$2" || bad "$1 must be a host index, got '$2'"
  (("$2" < ST[NC_N])) || bad "$1 $2 out of range: the cluster has ${ST[NC_N]} hosts (0..$((ST[NC_N] - 1)))"
}

# namespaces named PREFIX-br or PREFIX-<digits> that exist now
existing_ns() {
  local name rest n=0
  while read -r name rest && ((n++ < 100000)); do
    [[ "$name" == "$prefix-br" || "$name" =~ ^"$prefix"-[0-9]+$ ]] && echo "$name"
  done < <(ip netns list 2>/dev/null)
  return 0
}

# ---------------------------------------------------------------------------------------------
# up / down

cmd_up() {
  ((${#positional[@]} == 1)) || bad "up needs exactly one argument N"
  local n="${positional[0]}"
  is_uint "$n" && ((n >= 1 && n <= MAX_HOSTS)) || bad "N must be 1..$MAX_HOSTS, got '$n'"
  is_uint "$mtu" && ((mtu >= 576 && mtu <= 65535)) || bad "bad --mtu '$mtu'"
  is_uint "$ranks_per_host" && ((ranks_per_host >= 1 && ranks_per_host <= 256)) || bad "--ranks-per-host must be 1..256, got '$ranks_per_host'"
  [[ "$latency" =~ ^[0-9]+(\.[0-9]+)?(s|sec|secs|ms|msec|msecs|us|usec|usecs)?$ ]] || bad "bad --latency '$latency'"
  local bits burst
  bits="$(rate_to_bits "$rate")"
  [[ -n "$bits" ]] || bad "bad --rate '$rate' (tc rate syntax: 1gbit, 10gbit, 500mbit, 125mbps, ...)"
  burst="$(burst_for_bits "$bits")"
  require_root
  ensure_iproute

  if [[ -f "$(state_file)" || -n "$(existing_ns)" ]]; then
    if ((force)); then
      info "cluster '$prefix' exists; --force: tearing it down first"
      cmd_down
    else
      die "a cluster with prefix '$prefix' exists (state $(state_file), namespaces: $(existing_ns | tr '\n' ' ')); run '$prog down --prefix $prefix' or pass --force"
    fi
  fi

  # any failure from here on removes what was created
  trap 'rc=$?; if ((rc != 0)); then info "up failed, cleaning up"; cmd_down >/dev/null 2>&1 || true; fi' EXIT

  local br i ns addr t0 t1
  t0=$(date +%s.%N)
  br="$(br_ns)"
  ip netns add "$br"
  ip -n "$br" link set lo up
  disable_ipv6 "$br"
  ip -n "$br" link add br0 type bridge stp_state 0 forward_delay 0
  ip -n "$br" link set br0 mtu "$mtu" up
  local addrs=() hosts=() macs=()
  for ((i = 0; i < n; i++)); do
    ns="$(host_ns "$i")"; addr="$(host_addr "$i")"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    disable_ipv6 "$ns"
    ip -n "$br" link add "p$i" mtu "$mtu" type veth peer name eth0 mtu "$mtu" address "$(host_mac "$i")" netns "$ns"
    ip -n "$br" link set "p$i" master br0
    ip -n "$br" link set "p$i" up
    ip -n "$ns" addr add "$addr/24" dev eth0
    ip -n "$ns" link set eth0 up
    # host egress (host side) and host ingress (bridge-port side) limited to the rate
    tc -n "$ns" qdisc add dev eth0 root tbf rate "$rate" burst "$burst" latency "$latency"
    tc -n "$br" qdisc add dev "p$i" root tbf rate "$rate" burst "$burst" latency "$latency"
    addrs+=("$addr"); hosts+=("$ns"); macs+=("$(host_mac "$i")")
  done

  # Static (permanent) ARP entries for every peer. The kernel's ARP table is shared by all
  # namespaces and its dynamic entries are capped host-wide (net.ipv4.neigh.default.gc_thresh3,
  # 1024 by default: "neighbor table overflow" beyond ~32 all-to-all hosts); permanent entries
  # are exempt from that cap, and the cluster needs no ARP traffic at all.
  local j batch lines=()
  batch="$(mktemp)"
  for ((j = 0; j < n; j++)); do
    lines+=("neigh replace ${addrs[$j]} lladdr ${macs[$j]} dev eth0 nud permanent")
  done
  for ((i = 0; i < n && n > 1; i++)); do
    printf '%s\n' "${lines[@]:0:i}" "${lines[@]:i+1}" | grep . > "$batch" || true
    ip -n "$(host_ns "$i")" -batch "$batch" || { rm -f "$batch"; die "up: static ARP entries for $(host_ns "$i") failed"; }
  done
  rm -f "$batch"

  local f tmp
  f="$(state_file)"; tmp="$f.tmp.$$"
  {
    echo "# gossipbench emulated cluster, written by $prog up on $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "NC_PREFIX=\"$prefix\""
    echo "NC_N=\"$n\""
    echo "NC_RATE=\"$rate\""
    echo "NC_RATE_BITS=\"$bits\""
    echo "NC_BURST_BYTES=\"$burst\""
    echo "NC_LATENCY=\"$latency\""
    echo "NC_MTU=\"$mtu\""
    echo "NC_SUBNET=\"$SUBNET_BASE.0/24\""
    echo "NC_BRIDGE_NS=\"$br\""
    echo "NC_BRIDGE=\"br0\""
    echo "NC_HOSTS=\"${hosts[*]}\""
    echo "NC_ADDRS=\"${addrs[*]}\""
    echo "NC_MACS=\"${macs[*]}\""
    echo "NC_RANKS_PER_HOST=\"$ranks_per_host\""
  } > "$tmp"
  mv -f "$tmp" "$f"
  trap - EXIT
  t1=$(date +%s.%N)
  info "up: $n hosts ${hosts[0]}..${hosts[$((n - 1))]} ($(host_addr 0)..$(host_addr $((n - 1)))/24) on $br/br0, every link tbf rate $rate burst $burst latency $latency, mtu $mtu, $ranks_per_host ranks per host ($(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s); state $f"
}

disable_ipv6() {  # no IPv6 chatter (RS/DAD/MLD) on the emulated links; best effort
  ip netns exec "$1" sh -c 'for f in /proc/sys/net/ipv6/conf/all/disable_ipv6 /proc/sys/net/ipv6/conf/default/disable_ipv6; do [ -w "$f" ] && echo 1 > "$f"; done; true' 2>/dev/null || true
}

kill_ns_procs() {   # kill processes still inside namespace $1 (bounded)
  local ns="$1" pids i
  pids="$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ' || true)"
  [[ -n "${pids// /}" ]] || return 0
  info "down: killing processes left in $ns: $pids"
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do
    pids="$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ' || true)"
    [[ -n "${pids// /}" ]] || return 0
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
}

cmd_down() {
  require_root
  command -v ip >/dev/null 2>&1 || { rm -f "$(state_file)"; return 0; }
  local names=() name count=0
  # hosts first, the bridge namespace last
  while read -r name; do [[ -n "$name" && "$name" != "$(br_ns)" ]] && names+=("$name"); done < <(existing_ns)
  while read -r name; do [[ "$name" == "$(br_ns)" ]] && names+=("$name"); done < <(existing_ns)
  for name in "${names[@]}"; do
    kill_ns_procs "$name"
    ip netns del "$name" 2>/dev/null && count=$((count + 1)) || info "down: could not delete namespace $name"
  done
  rm -f "$(state_file)" "$(state_file).tmp."* 2>/dev/null || true
  if ((count)); then info "down: deleted $count namespaces of cluster '$prefix'"
  else info "down: no cluster '$prefix' (nothing to do)"; fi
  [[ -z "$(existing_ns)" ]] || die "namespaces left behind: $(existing_ns | tr '\n' ' ')"
}

# ---------------------------------------------------------------------------------------------
# addr / exec / status

cmd_addr() {
  ((${#positional[@]} == 1)) || bad "addr needs exactly one argument I"
  need_state
  check_index I "${positional[0]}"
  local a=(${ST[NC_ADDRS]})
  echo "${a[${positional[0]}]}"
}

cmd_exec() {
  ((${#positional[@]} >= 1)) || bad "exec needs a host index I"
  local i="${positional[0]}"
  local cmd=("${positional[@]:1}" "${cmdline[@]}")
  ((${#cmd[@]} > 0)) || bad "exec needs a command: $prog exec I -- CMD..."
  require_root
  need_state
  check_index I "$i"
  exec ip netns exec "$(host_ns "$i")" "${cmd[@]}"
}

cmd_status() {
  need_state
  cat "$(state_file)"
  local i
  echo "# qdiscs"
  tc -n "$(br_ns)" qdisc show | grep tbf || true
  for ((i = 0; i < ST[NC_N] && i < 8; i++)); do tc -n "$(host_ns "$i")" qdisc show dev eth0; done
}

# ---------------------------------------------------------------------------------------------
# check

# ICMP echo from the current namespace to every address in argv[1:], 3 rounds of 1 s each.
read -r -d '' PY_ICMP <<'EOF' || true
import os, select, socket, struct, sys, time
targets = sys.argv[1:]
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b)); s = (s >> 16) + (s & 0xFFFF); s += s >> 16
    return ~s & 0xFFFF
ident = os.getpid() & 0xFFFF
sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
pending = {t: i for i, t in enumerate(targets)}
for rnd in range(3):
    for t, seq in pending.items():
        body = struct.pack("!HH", ident, seq) + b"gossipbench-netcluster"
        sock.sendto(struct.pack("!BBH", 8, 0, csum(b"\x08\x00\x00\x00" + body)) + body, (t, 0))
    deadline = time.monotonic() + 1.0
    while pending:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([sock], [], [], left)[0]: break
        data, (src, _) = sock.recvfrom(4096)
        ihl = (data[0] & 0x0F) * 4
        if len(data) < ihl + 8: continue
        typ, code, _, rid, rseq = struct.unpack("!BBHHH", data[ihl:ihl + 8])
        if typ == 0 and rid == ident and pending.get(src) == rseq: del pending[src]
    if not pending: break
for t in targets:
    if t in pending: print("unreachable " + t)
sys.exit(1 if pending else 0)
EOF

cmd_check() {
  ((${#positional[@]} == 0)) || bad "check takes no arguments"
  require_root
  ensure_iproute
  need_state
  local n="${ST[NC_N]}" addrs=(${ST[NC_ADDRS]}) py="" method i tmp fails=0 bad_routes=0 line
  if command -v ping >/dev/null 2>&1; then method=ping
  else
    py="$(python_bin)"
    if [[ -n "$py" ]]; then method=python-icmp
    else apt_install iputils-ping; method=ping; fi
  fi
  tmp="$(mktemp -d)"
  # isolation: only the connected 198.18.0.0/24 route, no default route anywhere
  for ((i = 0; i < n; i++)); do
    if [[ -n "$(ip -n "$(host_ns "$i")" -4 route show default)" ]]; then
      echo "check: $(host_ns "$i") has a default route" >&2; bad_routes=$((bad_routes + 1))
    fi
  done
  [[ -z "$(ip -n "$(br_ns)" -4 route show default)" ]] || { echo "check: $(br_ns) has a default route" >&2; bad_routes=$((bad_routes + 1)); }
  # one prober per source host, all in parallel, each bounded by timeout
  local others j
  for ((i = 0; i < n; i++)); do
    others=()
    for ((j = 0; j < n; j++)); do ((j == i)) || others+=("${addrs[$j]}"); done
    ((${#others[@]})) || continue
    if [[ "$method" == ping ]]; then
      { prc=0; timeout $((5 + 2 * n)) ip netns exec "$(host_ns "$i")" bash -c \
          'for a in "$@"; do ping -n -q -c1 -W1 "$a" >/dev/null 2>&1 || ping -n -q -c1 -W1 "$a" >/dev/null 2>&1 || echo "unreachable $a"; done' \
          _ "${others[@]}" > "$tmp/$i" 2>&1 || prc=$?; echo "$prc" > "$tmp/$i.rc"; } &
    else
      { prc=0; timeout 20 ip netns exec "$(host_ns "$i")" "$py" -c "$PY_ICMP" "${others[@]}" > "$tmp/$i" 2>&1 || prc=$?; echo "$prc" > "$tmp/$i.rc"; } &
    fi
  done
  wait || true
  for ((i = 0; i < n; i++)); do
    [[ -f "$tmp/$i" ]] || continue
    local unreach=0 rc
    while read -r line; do
      [[ -n "$line" ]] || continue
      [[ "$line" == unreachable* ]] && unreach=$((unreach + 1))
      fails=$((fails + 1))
      if ((fails <= 20)); then echo "check: from $(host_ns "$i") (${addrs[$i]}): $line" >&2; fi
    done < "$tmp/$i"
    rc="$(cat "$tmp/$i.rc" 2>/dev/null || echo missing)"
    if [[ "$rc" != 0 ]] && ((unreach == 0)); then   # the probe itself failed
      fails=$((fails + 1))
      echo "check: from $(host_ns "$i"): the $method probe failed (exit status $rc)" >&2
    fi
  done
  rm -rf "$tmp"
  ((fails <= 20)) || echo "check: ... and $((fails - 20)) more" >&2
  if ((fails || bad_routes)); then
    die "check failed: $fails unreachable pairs (or probe errors), $bad_routes namespaces with a default route"
  fi
  echo "check: all $((n * (n - 1))) ordered pairs of $n hosts reachable ($method); no default routes"
}

# ---------------------------------------------------------------------------------------------
# measure

read -r -d '' PY_RECV <<'EOF' || true
import socket, sys, time
host, port, tmo = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind((host, port)); ls.listen(1); ls.settimeout(tmo)
print("READY", flush=True)
c, _ = ls.accept(); c.settimeout(tmo)
buf = bytearray(1 << 20); mv = memoryview(buf)
first = c.recv_into(mv); t0 = time.perf_counter(); got = 0
while first:
    n = c.recv_into(mv)
    if not n: break
    got += n
t1 = time.perf_counter()
c.close()
print("RESULT %d %d %.6f" % (first + got, got, t1 - t0), flush=True)
EOF

read -r -d '' PY_SEND <<'EOF' || true
import socket, sys, time
host, port, nbytes, tmo = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
deadline = time.monotonic() + 5
while True:
    try:
        s = socket.create_connection((host, port), timeout=tmo); break
    except ConnectionRefusedError:
        if time.monotonic() > deadline: raise
        time.sleep(0.05)
mv = memoryview(bytes(1 << 20)); left = nbytes
while left > 0:
    k = min(left, len(mv)); s.sendall(mv[:k]); left -= k
s.shutdown(socket.SHUT_WR)
s.recv(1)
s.close()
EOF

cmd_measure() {
  ((${#positional[@]} == 0)) || bad "measure takes no arguments (use --from/--to/--bytes)"
  require_root
  ensure_iproute
  need_state
  is_uint "$bytes" && ((bytes >= 1048576)) || bad "--bytes must be an integer >= 1048576, got '$bytes'"
  ((ST[NC_N] >= 2)) || die "measure needs at least 2 hosts"
  check_index --from "$from"; check_index --to "$to"
  ((from != to)) || bad "--from and --to must differ"
  is_uint "$port" && ((port >= 1 && port <= 65535)) || bad "bad --port '$port'"
  local py; py="$(python_bin)"
  [[ -n "$py" ]] || die "measure needs python3 (none found; set NETCLUSTER_PYTHON)"
  local addrs=(${ST[NC_ADDRS]}) tmo
  if [[ -n "$mtimeout" ]]; then
    is_uint "$mtimeout" && ((mtimeout >= 1)) || bad "bad --timeout '$mtimeout'"
    tmo="$mtimeout"
  else  # 4x the time at the shaped rate, plus 10 s, at most 600 s
    tmo="$(awk -v b="$bytes" -v r="${ST[NC_RATE_BITS]}" 'BEGIN{t=int(4*b*8/r)+10; if(t>600)t=600; print t}')"
  fi
  local tmp rpid i result
  tmp="$(mktemp -d)"
  timeout "$tmo" ip netns exec "$(host_ns "$to")" "$py" -c "$PY_RECV" "${addrs[$to]}" "$port" "$tmo" > "$tmp/recv" 2>&1 &
  rpid=$!
  for ((i = 0; i < 100; i++)); do grep -q READY "$tmp/recv" 2>/dev/null && break; kill -0 "$rpid" 2>/dev/null || break; sleep 0.05; done
  grep -q READY "$tmp/recv" || { kill "$rpid" 2>/dev/null || true; wait "$rpid" 2>/dev/null || true; cat "$tmp/recv" >&2; rm -rf "$tmp"; die "measure: receiver did not start"; }
  if ! timeout "$tmo" ip netns exec "$(host_ns "$from")" "$py" -c "$PY_SEND" "${addrs[$to]}" "$port" "$bytes" "$tmo" 2> "$tmp/send"; then
    kill "$rpid" 2>/dev/null || true; wait "$rpid" 2>/dev/null || true
    cat "$tmp/send" "$tmp/recv" >&2; rm -rf "$tmp"; die "measure: sender failed or timed out after ${tmo}s"
  fi
  wait "$rpid" || { cat "$tmp/recv" >&2; rm -rf "$tmp"; die "measure: receiver failed"; }
  result="$(grep '^RESULT ' "$tmp/recv" || true)"
  rm -rf "$tmp"
  [[ -n "$result" ]] || die "measure: receiver printed no result"
  local total timed secs
  read -r _ total timed secs <<< "$result"
  ((total == bytes)) || die "measure: receiver got $total of $bytes bytes"
  awk -v t="$total" -v b="$timed" -v s="$secs" -v f="$(host_ns "$from")" -v g="$(host_ns "$to")" \
      -v fa="${addrs[$from]}" -v ga="${addrs[$to]}" -v r="${ST[NC_RATE]}" 'BEGIN {
    printf "measure: %.0f bytes %s (%s) -> %s (%s) in %.3f s, shaped at %s: %.3f Gbit/s\n",
           t, f, fa, g, ga, s, r, (s > 0 ? b * 8 / s / 1e9 : 0) }'
}

# ---------------------------------------------------------------------------------------------

main() {
  (($#)) || { usage >&2; exit 2; }
  local cmd="$1"; shift
  case "$cmd" in
    -h|--help|help) usage; exit 0 ;;
  esac
  parse_args "$@"
  case "$cmd" in
    up)      cmd_up ;;
    down)    ((${#positional[@]} == 0)) || bad "down takes no arguments"; cmd_down ;;
    addr)    cmd_addr ;;
    exec)    cmd_exec ;;
    check)   cmd_check ;;
    measure) cmd_measure ;;
    status)  cmd_status ;;
    *)       bad "unknown command '$cmd'" ;;
  esac
}

main "$@"
