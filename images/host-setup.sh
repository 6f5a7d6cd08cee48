#!/usr/bin/env bash
# Installs what `lab` needs on a Debian/Ubuntu host (netns runtime) and puts `lab` on PATH.
# Run as root from the repository: `sudo npm run setup`. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
  echo "host-setup: run as root (sudo npm run setup)" >&2
  exit 2
fi

# The OVS/OVN daemons lab starts itself, one set per node; the packages' own services are not needed.
# dnsmasq-base is the binary only (no service), for labs with dnsmasq services; python3-minimal
# runs the servers VMs declare and the connect check's client; tcpdump, the capture check. (`lab graph` draws
# svg with Graphviz compiled to WebAssembly, from npm: no graphviz package.)
PACKAGES=(openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool iputils-ping procps dnsmasq-base python3-minimal tcpdump)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "host-setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("host-setup: lab needs Node.js 20.19 or newer, this is "+process.versions.node); process.exit(2) }'

npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
npm link --no-audit --no-fund --loglevel=error >/dev/null
echo "host-setup: done; $(command -v lab) is ready"
