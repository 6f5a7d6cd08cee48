#!/usr/bin/env bash
# Two Docker engines joined in a swarm, on this one machine, for the swarm tests and CI:
# each engine is its own dockerd (own data-root, exec-root, socket and containerd) in its own
# network namespace, the two namespaces joined by a veth. Nothing in the host's root network
# namespace changes; the host's own dockerd, if any, is not touched.
#   engines.sh up [IMAGE...]   start both, init the swarm on a, join b, load IMAGEs from the host engine
#   engines.sh down            leave the swarm, stop both engines by their pid files, remove everything
#   engines.sh env             print LAB_ENGINES for a lab spread over both
#   engines.sh mtu N           the MTU of the link between the two engines
set -euo pipefail
ROOT=${LAB_TEST_ENGINES_DIR:-/run/lab-test-engines}
DATA=${LAB_TEST_ENGINES_DATA:-/var/lib/lab-test-engines}
NAMES=(a b)
declare -A IP=([a]=198.18.239.1 [b]=198.18.239.2)
ns() { echo "lab-test-engine-$1"; }
sock() { echo "unix://$ROOT/$1/docker.sock"; }
d() { local e=$1; shift; docker -H "$(sock "$e")" "$@"; }

up() {
  for e in "${NAMES[@]}"; do
    ip netns add "$(ns "$e")"
    ip -n "$(ns "$e")" link set lo up
    mkdir -p "$ROOT/$e" "$DATA/$e"
  done
  # Jumbo frames between the two "machines", as in a data centre: the lab's overlay (Geneve inside
  # Docker's VXLAN) then carries the VMs' 1400 bytes. `engines.sh mtu 1500` makes it a plain LAN.
  ip -n "$(ns a)" link add eth0 mtu 9000 type veth peer name eth0 netns "$(ns b)" mtu 9000
  for e in "${NAMES[@]}"; do
    ip -n "$(ns "$e")" addr add "${IP[$e]}/24" dev eth0
    ip -n "$(ns "$e")" link set eth0 up
    # Only the network namespace changes (nsenter), not the mount namespace: dockerd needs the
    # host's /sys/fs/cgroup, which `ip netns exec` would hide behind a fresh /sys.
    nsenter --net="/run/netns/$(ns "$e")" dockerd \
      --data-root "$DATA/$e" --exec-root "$ROOT/$e/exec" --pidfile "$ROOT/$e/docker.pid" \
      -H "$(sock "$e")" --cgroup-parent "lab-test-engine-$e" \
      >"$ROOT/$e/dockerd.log" 2>&1 &
  done
  for e in "${NAMES[@]}"; do
    for _ in $(seq 100); do d "$e" info >/dev/null 2>&1 && break; sleep 0.2; done
    d "$e" info >/dev/null || { echo "engine $e did not start; see $ROOT/$e/dockerd.log" >&2; exit 1; }
  done
  d a swarm init --advertise-addr "${IP[a]}" --listen-addr "${IP[a]}:2377" >/dev/null
  d b swarm join --advertise-addr "${IP[b]}" --listen-addr "${IP[b]}:2377" --token "$(d a swarm join-token -q worker)" "${IP[a]}:2377" >/dev/null
  for image in "$@"; do
    for e in "${NAMES[@]}"; do docker save "$image" | d "$e" load -q >/dev/null; done
  done
}

down() {
  for e in b a; do
    [ -S "$ROOT/$e/docker.sock" ] && d "$e" swarm leave --force >/dev/null 2>&1 || true
    if [ -f "$ROOT/$e/docker.pid" ]; then
      pid=$(cat "$ROOT/$e/docker.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
  done
  for e in "${NAMES[@]}"; do
    # The engines' own mounts (overlay layers, network namespaces of sandboxes) under their roots.
    grep -o " $DATA/$e[^ ]*\| $ROOT/$e[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    ip netns del "$(ns "$e")" 2>/dev/null || true
    rm -rf "${ROOT:?}/$e" "${DATA:?}/$e"
    # The cgroup parent its containers were under (cgroup v1: one per controller).
    for d in /sys/fs/cgroup/*/"lab-test-engine-$e" /sys/fs/cgroup/"lab-test-engine-$e"; do [ -d "$d" ] && rmdir "$d" 2>/dev/null; done
  done
  rmdir "$ROOT" "$DATA" 2>/dev/null || true
}

case ${1:-} in
  up) shift; up "$@" ;;
  down) down ;;
  env) echo "LAB_ENGINES=a=$(sock a),b=$(sock b)" ;;
  mtu) for e in "${NAMES[@]}"; do ip -n "$(ns "$e")" link set eth0 mtu "$2"; done ;;
  *) echo "usage: $0 up [IMAGE...] | down | env | mtu N" >&2; exit 2 ;;
esac
