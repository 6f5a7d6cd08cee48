#!/usr/bin/env bash
# A Debian 13 host for the netns runtime, on this machine: a container of Debian 13's OVS 3.5 and
# OVN 25.03 (the trixie node image, plus Node.js), in which this checkout's lab runs its default
# runtime, namespaces and all, as on a Debian 13 laptop or the Vagrant box. The checkout is mounted
# read-only at /lab; labs run there as root with their state in the container's own /run/lab.
#   host.sh image        print the image's name (its tag follows the trixie node image's and its own Dockerfile)
#   host.sh build        build it unless it exists (and the trixie node image first, unless it exists)
#   host.sh start NAME   start a container NAME of it (one made before under that name is replaced)
#   host.sh lab NAME ARGS...   run `lab ARGS...` in it (CI=true, in /lab)
#   host.sh stop NAME    remove it
# Needs root, a running dockerd, and the built CLI (npm run build).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

node_image() {
  (cd "$ROOT" && node --input-type=module -e "const m = await import('./dist/runtime/docker/images.js'); console.log(m.nodeImage('trixie'))")
}
# Node.js from Debian 13 itself (20.19, what package.json asks at least); no npm: the checkout
# brings its node_modules.
dockerfile() {
  printf 'FROM %s\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs && rm -rf /var/lib/apt/lists/*\n' "$1"
}
image() {
  local node; node=$(node_image)
  echo "ovn-lab/debian13-host:${node#*:}-$(dockerfile "$node" | sha256sum | cut -c1-8)"
}

case "${1:-}" in
  image) image ;;
  build)
    ref=$(image)
    if docker image inspect "$ref" >/dev/null 2>&1; then echo "$ref: already built"; exit 0; fi
    node=$(node_image)
    docker image inspect "$node" >/dev/null 2>&1 || (cd "$ROOT" && CI=true node dist/lab/main.js images build --release trixie)
    dockerfile "$node" | docker build -q -t "$ref" - >/dev/null 2>/tmp/debian13-host-build.log || { cat /tmp/debian13-host-build.log >&2; exit 1; }
    echo "$ref: built"
    ;;
  start)
    name=${2:?host.sh start NAME}
    docker rm -f "$name" >/dev/null 2>&1 || true
    # What the netns runtime needs of a host: namespaces (NET_ADMIN, SYS_ADMIN for `ip netns`'
    # mounts), raw sockets for dhclient, /dev/net/tun for the userspace datapath's taps.
    docker run -d --init --name "$name" --label ovn-lab.test=debian13-host \
      --cap-add NET_ADMIN --cap-add NET_RAW --cap-add SYS_ADMIN --device /dev/net/tun \
      --security-opt apparmor=unconfined --security-opt seccomp=unconfined --security-opt systempaths=unconfined \
      -v "$ROOT:/lab:ro" "$(image)" sleep infinity >/dev/null
    ;;
  lab)
    name=${2:?host.sh lab NAME ARGS...}; shift 2
    docker exec -e CI=true -w /lab "$name" node dist/lab/main.js "$@"
    ;;
  stop) docker rm -f "${2:?host.sh stop NAME}" >/dev/null 2>&1 || true ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
