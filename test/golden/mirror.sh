#!/usr/bin/env bash
# Lab 'mirror' from labs/mirror.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.mirror.<node>; its daemons' files are in /run/lab/mirror/nodes/<node>.
# Remove it with 'lab down mirror' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.mirror\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/mirror
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/mirror ip netns exec lab.mirror.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/mirror LAB_RUN_DIR=/run/lab/mirror/nodes/central OVS_RUNDIR=/run/lab/mirror/nodes/central OVS_DBDIR=/run/lab/mirror/nodes/central OVS_LOGDIR=/run/lab/mirror/nodes/central OVN_RUNDIR=/run/lab/mirror/nodes/central OVN_DBDIR=/run/lab/mirror/nodes/central OVN_LOGDIR=/run/lab/mirror/nodes/central OVN_NB_DB=unix:/run/lab/mirror/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/mirror/nodes/central/ovnsb_db.sock ip netns exec lab.mirror.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/mirror LAB_RUN_DIR=/run/lab/mirror/nodes/hv1 OVS_RUNDIR=/run/lab/mirror/nodes/hv1 OVS_DBDIR=/run/lab/mirror/nodes/hv1 OVS_LOGDIR=/run/lab/mirror/nodes/hv1 OVN_RUNDIR=/run/lab/mirror/nodes/hv1 OVN_DBDIR=/run/lab/mirror/nodes/hv1 OVN_LOGDIR=/run/lab/mirror/nodes/hv1 OVN_NB_DB=tcp:192.168.81.1:6641 OVN_SB_DB=tcp:192.168.81.1:6642 ip netns exec lab.mirror.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/mirror LAB_RUN_DIR=/run/lab/mirror/nodes/hv2 OVS_RUNDIR=/run/lab/mirror/nodes/hv2 OVS_DBDIR=/run/lab/mirror/nodes/hv2 OVS_LOGDIR=/run/lab/mirror/nodes/hv2 OVN_RUNDIR=/run/lab/mirror/nodes/hv2 OVN_DBDIR=/run/lab/mirror/nodes/hv2 OVN_LOGDIR=/run/lab/mirror/nodes/hv2 OVN_NB_DB=tcp:192.168.81.1:6641 OVN_SB_DB=tcp:192.168.81.1:6642 ip netns exec lab.mirror.hv2 "$@" ;;
    hv3) env LAB_DIR=/run/lab/mirror LAB_RUN_DIR=/run/lab/mirror/nodes/hv3 OVS_RUNDIR=/run/lab/mirror/nodes/hv3 OVS_DBDIR=/run/lab/mirror/nodes/hv3 OVS_LOGDIR=/run/lab/mirror/nodes/hv3 OVN_RUNDIR=/run/lab/mirror/nodes/hv3 OVN_DBDIR=/run/lab/mirror/nodes/hv3 OVN_LOGDIR=/run/lab/mirror/nodes/hv3 OVN_NB_DB=tcp:192.168.81.1:6641 OVN_SB_DB=tcp:192.168.81.1:6642 ip netns exec lab.mirror.hv3 "$@" ;;
    vm1) env LAB_DIR=/run/lab/mirror PATH=/run/lab/mirror/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/mirror/nodes/vm1 ip netns exec lab.mirror.vm1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/mirror PATH=/run/lab/mirror/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/mirror/nodes/vm2 ip netns exec lab.mirror.vm2 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/mirror
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/mirror/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "mirror",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/mirror.yaml",
    "underlay": {
      "subnet": {
        "network": 3232256256,
        "prefix": 24,
        "text": "192.168.81.0/24"
      }
    },
    "central": {
      "name": "central",
      "ip": "192.168.81.1",
      "ssl": false
    },
    "chassis": [
      {
        "name": "hv1",
        "ip": "192.168.81.2",
        "mac": "0a:00:c0:a8:51:02",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      },
      {
        "name": "hv2",
        "ip": "192.168.81.3",
        "mac": "0a:00:c0:a8:51:03",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      },
      {
        "name": "hv3",
        "ip": "192.168.81.4",
        "mac": "0a:00:c0:a8:51:04",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      }
    ],
    "switches": [
      {
        "name": "lan",
        "subnet": {
          "network": 173080576,
          "prefix": 24,
          "text": "10.81.0.0/24"
        }
      }
    ],
    "routers": [],
    "vms": [
      {
        "name": "vm1",
        "chassis": "hv1",
        "switch": "lan",
        "port": "lan-vm1",
        "mac": "02:00:0a:51:00:0b",
        "ip": "10.81.0.11",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "vm2",
        "chassis": "hv2",
        "switch": "lan",
        "port": "lan-vm2",
        "mac": "02:00:0a:51:00:0c",
        "ip": "10.81.0.12",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      }
    ],
    "services": [],
    "localports": [],
    "networks": [],
    "hosts": [],
    "namespaces": [],
    "links": [],
    "nbOptions": {},
    "setup": [],
    "checks": [
      {
        "name": "vm1 pings vm2 across the tunnel, mirrored or not",
        "kind": "ping",
        "from": "vm1",
        "to": "vm2",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "hv1 has a GRE port to hv3 with key 7 for tap-out",
        "kind": "bridge",
        "chassis": "hv1",
        "bridge": "br-int",
        "port": "ovn-tap-out",
        "type": "gre",
        "options": {
          "remote_ip": "192.168.81.4",
          "key": "7"
        },
        "expect": "present"
      },
      {
        "name": "and an ERSPAN port with session and index 8 for tap-in",
        "kind": "bridge",
        "chassis": "hv1",
        "bridge": "br-int",
        "port": "ovn-tap-in",
        "type": "erspan",
        "options": {
          "remote_ip": "192.168.81.4",
          "key": "8",
          "erspan_idx": "8"
        },
        "expect": "present"
      },
      {
        "name": "hv2 has no mirror port (vm2 is not mirrored)",
        "kind": "bridge",
        "chassis": "hv2",
        "bridge": "br-int",
        "port": "ovn-tap-*",
        "expect": "absent"
      },
      {
        "name": "hv3 receives vm1's echo requests in GRE with key 7 (from-lport)",
        "kind": "mirror",
        "mirror": "tap-out",
        "while": {
          "from": "vm1",
          "ping": "vm2"
        },
        "packets": "request",
        "count": 2,
        "expect": "present"
      },
      {
        "name": "from-lport copies nothing vm1 receives - no echo reply in tap-out",
        "kind": "mirror",
        "timeout": 4,
        "mirror": "tap-out",
        "while": {
          "from": "vm1",
          "ping": "vm2"
        },
        "packets": "reply",
        "count": 2,
        "expect": "absent"
      },
      {
        "name": "hv3 receives the echo replies to vm1 in ERSPAN with session 8 (to-lport)",
        "kind": "mirror",
        "mirror": "tap-in",
        "while": {
          "from": "vm1",
          "ping": "vm2"
        },
        "packets": "reply",
        "count": 2,
        "expect": "present"
      },
      {
        "name": "to-lport copies nothing vm1 sends - no echo request in tap-in",
        "kind": "mirror",
        "timeout": 4,
        "mirror": "tap-in",
        "while": {
          "from": "vm1",
          "ping": "vm2"
        },
        "packets": "request",
        "count": 2,
        "expect": "absent"
      },
      {
        "name": "when vm2 pings vm1, tap-in carries vm2's echo requests (what vm1's port receives, whoever sends it)",
        "kind": "mirror",
        "mirror": "tap-in",
        "while": {
          "from": "vm2",
          "ping": "vm1"
        },
        "packets": "request",
        "count": 2,
        "expect": "present"
      },
      {
        "name": "tunnel mirrors are OVS mirrors, not logical flows - OVN before 26.03 has no mirror stage on switches",
        "kind": "flow",
        "timeout": 3,
        "ovn": "<26.03",
        "stage": "ls_in_mirror",
        "datapath": "lan",
        "expect": "absent"
      },
      {
        "name": "OVN 26.03 has the ls_in_mirror stage (for lport mirrors), with only its default flow",
        "kind": "flow",
        "ovn": ">=26.03",
        "stage": "ls_in_mirror",
        "datapath": "lan",
        "match": "1",
        "actions": "next;",
        "expect": "present"
      },
      {
        "name": "and a gre or erspan mirror adds no flow of vm1's port there",
        "kind": "flow",
        "timeout": 3,
        "ovn": ">=26.03",
        "stage": "ls_in_mirror",
        "datapath": "lan",
        "match": "lan-vm1",
        "expect": "absent"
      }
    ],
    "portGroups": [],
    "addressSets": [],
    "acls": [],
    "loadBalancers": [],
    "mirrors": [
      {
        "name": "tap-out",
        "type": "gre",
        "index": 7,
        "filter": "from-lport",
        "sink": "hv3",
        "sinkIp": "192.168.81.4",
        "ports": [
          {
            "vm": "vm1",
            "port": "lan-vm1"
          }
        ]
      },
      {
        "name": "tap-in",
        "type": "erspan",
        "index": 8,
        "filter": "to-lport",
        "sink": "hv3",
        "sinkIp": "192.168.81.4",
        "ports": [
          {
            "vm": "vm1",
            "port": "lan-vm1"
          }
        ]
      }
    ]
  },
  "runtime": "netns",
  "datapath": "netdev",
  "createdAt": "@CREATED@",
  "owner": {
    "user": "root",
    "uid": 0
  },
  "maker": {
    "pid": @PID@,
    "start": "",
    "command": "script"
  },
  "state": "up"
}
LAB_EOF

# --- underlay 192.168.81.0/24
mkdir -p /run/lab/mirror/nodes/underlay
LAB_DIR=/run/lab/mirror ip netns add lab.mirror.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev lo up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link add name underlay type bridge
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev underlay up

# --- nodes: central, hv1, hv2, hv3
mkdir -p /run/lab/mirror/nodes/central
LAB_DIR=/run/lab/mirror ip netns add lab.mirror.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link add name central type veth peer name eth0 netns lab.mirror.central address 0a:00:c0:a8:51:01
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev central up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/mirror ip -n lab.mirror.central link set dev eth0 up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.central addr add 192.168.81.1/24 dev eth0
LAB_DIR=/run/lab/mirror ip -n lab.mirror.central link set dev lo up
mkdir -p /run/lab/mirror/nodes/hv1
LAB_DIR=/run/lab/mirror ip netns add lab.mirror.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link add name hv1 type veth peer name eth0 netns lab.mirror.hv1 address 0c:00:c0:a8:51:02
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev hv1 up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv1 link set dev eth0 up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv1 addr add 192.168.81.2/24 dev eth0
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv1 link set dev lo up
mkdir -p /run/lab/mirror/nodes/hv2
LAB_DIR=/run/lab/mirror ip netns add lab.mirror.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link add name hv2 type veth peer name eth0 netns lab.mirror.hv2 address 0c:00:c0:a8:51:03
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev hv2 up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv2 link set dev eth0 up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv2 addr add 192.168.81.3/24 dev eth0
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv2 link set dev lo up
mkdir -p /run/lab/mirror/nodes/hv3
LAB_DIR=/run/lab/mirror ip netns add lab.mirror.hv3
in_node hv3 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link add name hv3 type veth peer name eth0 netns lab.mirror.hv3 address 0c:00:c0:a8:51:04
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev hv3 up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.underlay link set dev hv3 master underlay
in_node hv3 ethtool -K eth0 tx off
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv3 link set dev eth0 up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv3 addr add 192.168.81.4/24 dev eth0
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv3 link set dev lo up

# --- central 192.168.81.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/mirror/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/mirror/nodes/central/ovnnb_db.db --remote=punix:/run/lab/mirror/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.81.1 --unixctl=/run/lab/mirror/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/mirror/nodes/central/ovnnb_db.pid --log-file=/run/lab/mirror/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/mirror/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/mirror/nodes/central/ovnsb_db.db --remote=punix:/run/lab/mirror/nodes/central/ovnsb_db.sock --unixctl=/run/lab/mirror/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/mirror/nodes/central/ovnsb_db.pid --log-file=/run/lab/mirror/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/mirror/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.81.2 -- chassis-add hv2 geneve 192.168.81.3 -- chassis-add hv3 geneve 192.168.81.4
in_node central ovs-appctl -t /run/lab/mirror/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.81.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/mirror/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/mirror/nodes/central/ovnsb_db.sock --pidfile=/run/lab/mirror/nodes/central/ovn-northd.pid --log-file=/run/lab/mirror/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/mirror/nodes/central/ovnnb_db.pid /run/lab/mirror/nodes/central/ovnsb_db.pid /run/lab/mirror/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.81.2 lladdr 0c:00:c0:a8:51:02 dev eth0 nud permanent' 'neigh replace 192.168.81.3 lladdr 0c:00:c0:a8:51:03 dev eth0 nud permanent' 'neigh replace 192.168.81.4 lladdr 0c:00:c0:a8:51:04 dev eth0 nud permanent'

# --- chassis hv1 192.168.81.2: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/mirror/nodes/vm1
LAB_DIR=/run/lab/mirror ip netns add lab.mirror.vm1
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv1 link add name vm1 type veth peer name eth0 netns lab.mirror.vm1 address 02:00:0a:51:00:0b
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv1 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/mirror ip -n lab.mirror.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/mirror ip -n lab.mirror.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.vm1 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/mirror/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/mirror/nodes/hv1/conf.db --remote=punix:/run/lab/mirror/nodes/hv1/db.sock --pidfile=/run/lab/mirror/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/mirror/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/mirror/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/mirror/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/mirror/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:51:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:51:02"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=lan-vm1 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.81.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.81.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.81.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.81.1/32 dev eth0 src 192.168.81.2
in_node hv1 ip neigh replace 192.168.81.1 lladdr 0a:00:c0:a8:51:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.81.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/mirror/nodes/hv1/db.sock --pidfile=/run/lab/mirror/nodes/hv1/ovn-controller.pid --log-file=/run/lab/mirror/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.81.3 0a:00:c0:a8:51:03
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.81.4 0a:00:c0:a8:51:04

# --- the SB rows of 2 other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2 hv3'

# --- chassis hv2 192.168.81.3: ovs-vswitchd, br-phy, VM vm2 plugged into br-int, ovn-controller
mkdir -p /run/lab/mirror/nodes/vm2
LAB_DIR=/run/lab/mirror ip netns add lab.mirror.vm2
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv2 link add name vm2 type veth peer name eth0 netns lab.mirror.vm2 address 02:00:0a:51:00:0c
LAB_DIR=/run/lab/mirror ip -n lab.mirror.hv2 link set dev vm2 mtu 1400 up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/mirror ip -n lab.mirror.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/mirror ip -n lab.mirror.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/mirror ip -n lab.mirror.vm2 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/mirror/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/mirror/nodes/hv2/conf.db --remote=punix:/run/lab/mirror/nodes/hv2/db.sock --pidfile=/run/lab/mirror/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/mirror/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/mirror/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/mirror/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/mirror/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:51:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:51:03"' -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=lan-vm2 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.81.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.81.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.81.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.81.1/32 dev eth0 src 192.168.81.3
in_node hv2 ip neigh replace 192.168.81.1 lladdr 0a:00:c0:a8:51:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.81.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/mirror/nodes/hv2/db.sock --pidfile=/run/lab/mirror/nodes/hv2/ovn-controller.pid --log-file=/run/lab/mirror/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.81.2 0a:00:c0:a8:51:02
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.81.4 0a:00:c0:a8:51:04

# --- chassis hv3 192.168.81.4: ovs-vswitchd, br-phy, ovn-controller
in_node hv3 ovsdb-tool create /run/lab/mirror/nodes/hv3/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv3 ovsdb-server /run/lab/mirror/nodes/hv3/conf.db --remote=punix:/run/lab/mirror/nodes/hv3/db.sock --pidfile=/run/lab/mirror/nodes/hv3/ovsdb-server.pid --log-file=/run/lab/mirror/nodes/hv3/ovsdb-server.log --detach --no-chdir
in_node hv3 ovs-vswitchd unix:/run/lab/mirror/nodes/hv3/db.sock --disable-system --pidfile=/run/lab/mirror/nodes/hv3/ovs-vswitchd.pid --log-file=/run/lab/mirror/nodes/hv3/ovs-vswitchd.log --detach --no-chdir
in_node hv3 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:51:04"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:51:04"' -- set Open_vSwitch . external_ids:system-id=hv3 external_ids:hostname=hv3 external_ids:ovn-remote=tcp:192.168.81.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.81.4 external_ids:ovn-bridge-datapath-type=netdev
in_node hv3 ip addr flush dev eth0
in_node hv3 ip addr add 192.168.81.4/24 dev br-phy
in_node hv3 ip link set dev br-phy up
in_node hv3 ip route add 192.168.81.1/32 dev eth0 src 192.168.81.4
in_node hv3 ip neigh replace 192.168.81.1 lladdr 0a:00:c0:a8:51:01 dev eth0 nud permanent
in_node hv3 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.81.1:6642 --timeout=5 wait-until Chassis hv3 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv3 ovn-controller unix:/run/lab/mirror/nodes/hv3/db.sock --pidfile=/run/lab/mirror/nodes/hv3/ovn-controller.pid --log-file=/run/lab/mirror/nodes/hv3/ovn-controller.log --detach --no-chdir
in_node hv3 ovs-appctl tnl/neigh/set br-phy 192.168.81.2 0a:00:c0:a8:51:02
in_node hv3 ovs-appctl tnl/neigh/set br-phy 192.168.81.3 0a:00:c0:a8:51:03

# --- logical network, once the 3 chassis have registered: 1 switch, 2 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2 -- wait-until Chassis_Private hv3
in_node central ovn-nbctl --timeout=30 -- ls-add lan -- lsp-add lan lan-vm1 -- lsp-set-addresses lan-vm1 '02:00:0a:51:00:0b 10.81.0.11' -- lsp-add lan lan-vm2 -- lsp-set-addresses lan-vm2 '02:00:0a:51:00:0c 10.81.0.12' -- mirror-add tap-out gre 7 from-lport 192.168.81.4 -- lsp-attach-mirror lan-vm1 tap-out -- mirror-add tap-in erspan 8 to-lport 192.168.81.4 -- lsp-attach-mirror lan-vm1 tap-in
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2 -- wait-until Chassis_Private hv3
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port lan-vm1 up=true -- wait-until Logical_Switch_Port lan-vm2 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: static address
in_node vm1 ip addr add 10.81.0.11/24 dev eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: static address
in_node vm2 ip addr add 10.81.0.12/24 dev eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

echo "lab mirror is up"
