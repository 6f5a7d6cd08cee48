#!/usr/bin/env bash
# Builds OVN and the OVS its `ovs` submodule pins from the source tarballs (see
# ../shared/sources/README.md), the way OVN's own docs do (./boot.sh && ./configure && make, OVS
# first, in ovs/ inside the OVN tree), into a cache outside the clone keyed by the tarballs'
# SHA256SUMS, so later runs on this machine reuse it. Nothing is installed: `lab up --ovn DIR` runs
# the binaries from the tree, as `make sandbox` does.
#
#   test/ovn-build/build.sh          build unless a finished build is cached; the tree's path is
#                                    the last line of stdout
#   test/ovn-build/build.sh --print  print the path of the finished build, or fail (builds nothing)
#
# Environment: LAB_OVN_SOURCES (the tarballs and SHA256SUMS; default ../shared/sources beside the
# clone, else /work/shared/sources), LAB_BUILD_CACHE (default /var/cache/ovn-lab/build), JOBS
# (make -j, default the number of cores).
#
# Safe to rerun after an interrupted build (and alongside another run): a build directory without
# the marker a finished build writes last is removed and the build starts over, under a lock.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
sources="${LAB_OVN_SOURCES:-}"
if [ -z "$sources" ]; then
  sources="$(cd "$repo/.." && pwd)/shared/sources"
  [ -f "$sources/SHA256SUMS" ] || sources=/work/shared/sources
fi
cache="${LAB_BUILD_CACHE:-/var/cache/ovn-lab/build}"
jobs="${JOBS:-$(nproc)}"
DONE=.lab-build-done

[ -f "$sources/SHA256SUMS" ] || { echo "build.sh: no SHA256SUMS in $sources (set LAB_OVN_SOURCES)" >&2; exit 2; }
key="$(sha256sum "$sources/SHA256SUMS" | cut -c1-16)"
dir="$cache/$key"
ovn_tarball="$(awk '$2 ~ /^ovn-[0-9].*\.tar\.gz$/ { print $2 }' "$sources/SHA256SUMS")"
ovs_tarball="$(awk '$2 ~ /^ovs-.*\.tar\.gz$/ { print $2 }' "$sources/SHA256SUMS")"
[ -n "$ovn_tarball" ] && [ -n "$ovs_tarball" ] || { echo "build.sh: SHA256SUMS names no ovn-*.tar.gz and ovs-*.tar.gz" >&2; exit 2; }
tree="$dir/${ovn_tarball%.tar.gz}"

if [ "${1:-}" = "--print" ]; then
  [ -f "$dir/$DONE" ] || { echo "build.sh: no finished build in $dir (run test/ovn-build/build.sh)" >&2; exit 1; }
  echo "$tree"
  exit 0
fi

started=$(date +%s)
mkdir -p "$cache"
exec 9>"$cache/$key.lock"
flock 9

if [ -f "$dir/$DONE" ]; then
  echo "== OVN build $key reused from $dir ($(cat "$dir/$DONE")), in $(($(date +%s) - started)) s" >&2
  echo "$tree"
  exit 0
fi

missing=()
for p in build-essential autoconf automake libtool libssl-dev libcap-ng-dev python3 pkg-config git; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing the build's packages: ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

(cd "$sources" && sha256sum --quiet -c SHA256SUMS) >&2

# What an interrupted run left is not trusted: start over.
rm -rf "$dir"
mkdir -p "$dir"
log="$dir/build.log"
echo "== building OVN from $sources into $dir (log: $log)" >&2
bash "$here/unpack.sh" "$sources" "$tree"

step() { # step NAME DIR COMMAND...: runs it in DIR, its output in the log, the tail of it on failure
  local name=$1 where=$2
  shift 2
  if ! (cd "$where" && "$@") >>"$log" 2>&1; then
    echo "build.sh: $name failed in $where; the end of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}
t0=$(date +%s)
step "OVS ./boot.sh" "$tree/ovs" ./boot.sh
step "OVS ./configure" "$tree/ovs" ./configure
step "OVS make" "$tree/ovs" make -j"$jobs"
t1=$(date +%s)
step "OVN ./boot.sh" "$tree" ./boot.sh
step "OVN ./configure" "$tree" ./configure
step "OVN make" "$tree" make -j"$jobs"
t2=$(date +%s)
"$tree/controller/ovn-controller" --version | head -n 2 >&2
note="OVS $((t1 - t0)) s, OVN $((t2 - t1)) s with make -j$jobs, built $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "$note" >"$dir/$DONE"
echo "== OVN build $key done: $note" >&2
echo "$tree"
