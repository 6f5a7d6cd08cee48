#!/usr/bin/env bash
# Lab 'router-vm' from labs/router-vm.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.router-vm.<node>; its daemons' files are in /run/lab/router-vm/nodes/<node>.
# Remove it with 'lab down router-vm' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.router-vm\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/router-vm
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/router-vm ip netns exec lab.router-vm.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/router-vm LAB_RUN_DIR=/run/lab/router-vm/nodes/central OVS_RUNDIR=/run/lab/router-vm/nodes/central OVS_DBDIR=/run/lab/router-vm/nodes/central OVS_LOGDIR=/run/lab/router-vm/nodes/central OVN_RUNDIR=/run/lab/router-vm/nodes/central OVN_DBDIR=/run/lab/router-vm/nodes/central OVN_LOGDIR=/run/lab/router-vm/nodes/central OVN_NB_DB=unix:/run/lab/router-vm/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/router-vm/nodes/central/ovnsb_db.sock ip netns exec lab.router-vm.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/router-vm LAB_RUN_DIR=/run/lab/router-vm/nodes/hv1 OVS_RUNDIR=/run/lab/router-vm/nodes/hv1 OVS_DBDIR=/run/lab/router-vm/nodes/hv1 OVS_LOGDIR=/run/lab/router-vm/nodes/hv1 OVN_RUNDIR=/run/lab/router-vm/nodes/hv1 OVN_DBDIR=/run/lab/router-vm/nodes/hv1 OVN_LOGDIR=/run/lab/router-vm/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.router-vm.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/router-vm LAB_RUN_DIR=/run/lab/router-vm/nodes/hv2 OVS_RUNDIR=/run/lab/router-vm/nodes/hv2 OVS_DBDIR=/run/lab/router-vm/nodes/hv2 OVS_LOGDIR=/run/lab/router-vm/nodes/hv2 OVN_RUNDIR=/run/lab/router-vm/nodes/hv2 OVN_DBDIR=/run/lab/router-vm/nodes/hv2 OVN_LOGDIR=/run/lab/router-vm/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.router-vm.hv2 "$@" ;;
    rtr) env LAB_DIR=/run/lab/router-vm PATH=/run/lab/router-vm/nodes/rtr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/router-vm/nodes/rtr ip netns exec lab.router-vm.rtr "$@" ;;
    vm1) env LAB_DIR=/run/lab/router-vm PATH=/run/lab/router-vm/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/router-vm/nodes/vm1 ip netns exec lab.router-vm.vm1 "$@" ;;
    ext) env LAB_DIR=/run/lab/router-vm PATH=/run/lab/router-vm/nodes/ext/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/router-vm/nodes/ext ip netns exec lab.router-vm.ext "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/router-vm
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/router-vm/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "router-vm",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/router-vm.yaml",
    "underlay": {
      "subnet": {
        "network": 3232261120,
        "prefix": 24,
        "text": "192.168.100.0/24"
      }
    },
    "central": {
      "name": "central",
      "ip": "192.168.100.1",
      "ssl": false
    },
    "chassis": [
      {
        "name": "hv1",
        "ip": "192.168.100.2",
        "mac": "0a:00:c0:a8:64:02",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      },
      {
        "name": "hv2",
        "ip": "192.168.100.3",
        "mac": "0a:00:c0:a8:64:03",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      }
    ],
    "switches": [
      {
        "name": "sw1",
        "subnet": {
          "network": 167772416,
          "prefix": 24,
          "text": "10.0.1.0/24"
        }
      },
      {
        "name": "sw2",
        "subnet": {
          "network": 167772672,
          "prefix": 24,
          "text": "10.0.2.0/24"
        }
      }
    ],
    "routers": [
      {
        "name": "r1",
        "options": {},
        "ports": [
          {
            "name": "r1-sw1",
            "switchPort": "sw1-r1",
            "switch": "sw1",
            "ip": "10.0.1.1",
            "prefix": 24,
            "mac": "06:00:0a:00:01:01"
          },
          {
            "name": "r1-sw2",
            "switchPort": "sw2-r1",
            "switch": "sw2",
            "ip": "10.0.2.1",
            "prefix": 24,
            "mac": "06:00:0a:00:02:01"
          }
        ],
        "routes": [
          {
            "prefix": "10.99.0.0/24",
            "nexthops": [
              "10.0.1.5"
            ],
            "policy": "dst-ip"
          }
        ],
        "policies": [],
        "nat": []
      }
    ],
    "vms": [
      {
        "name": "rtr",
        "chassis": "hv1",
        "switch": "sw1",
        "port": "sw1-rtr",
        "mac": "02:00:0a:00:01:05",
        "ip": "10.0.1.5",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": true,
        "gateway": "10.0.1.1",
        "vlans": []
      },
      {
        "name": "vm1",
        "chassis": "hv2",
        "switch": "sw2",
        "port": "sw2-vm1",
        "mac": "02:00:0a:00:02:0a",
        "ip": "10.0.2.10",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "gateway": "10.0.2.1",
        "vlans": []
      }
    ],
    "services": [],
    "localports": [],
    "networks": [],
    "hosts": [],
    "namespaces": [
      {
        "name": "ext",
        "chassis": "hv1",
        "routes": [
          {
            "to": "default",
            "via": "10.99.0.1"
          }
        ],
        "forwarding": false,
        "servers": [
          {
            "kind": "tcp",
            "port": 7000
          }
        ]
      }
    ],
    "links": [
      {
        "ends": [
          {
            "node": "rtr",
            "iface": "eth1",
            "address": "10.99.0.1/24"
          },
          {
            "node": "ext",
            "iface": "eth0",
            "address": "10.99.0.2/24"
          }
        ],
        "mtu": 1500
      }
    ],
    "nbOptions": {},
    "setup": [],
    "checks": [
      {
        "name": "ovn-trace sends the packet for the external network to rtr's port, as r1's static route says",
        "kind": "trace",
        "from": "vm1",
        "to": "10.99.0.2",
        "family": 4,
        "proto": "icmp",
        "expect": "delivered",
        "port": "sw1-rtr",
        "through": [
          "sw2",
          "r1",
          "sw1"
        ]
      },
      {
        "name": "vm1 reaches ext behind rtr (r1, the tunnel to hv1, then rtr forwards out of eth1)",
        "kind": "ping",
        "from": "vm1",
        "to": "ext",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "ext's server answers vm1",
        "kind": "connect",
        "from": "vm1",
        "to": "ext",
        "family": 4,
        "port": 7000,
        "proto": "tcp",
        "expect": "open",
        "answer": "ext"
      },
      {
        "name": "ext sees vm1's own address arrive on eth0 (routed by r1 and rtr, no NAT on the way)",
        "kind": "capture",
        "on": "ext",
        "interface": "eth0",
        "filter": "icmp[icmptype] == icmp-echo",
        "while": {
          "from": "vm1",
          "family": 4,
          "ping": "ext"
        },
        "src": "10.0.2.10",
        "dst": "10.99.0.2",
        "count": 1,
        "expect": "present"
      },
      {
        "name": "ext reaches vm1 back through rtr",
        "kind": "ping",
        "from": "ext",
        "to": "vm1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      }
    ],
    "portGroups": [],
    "addressSets": [],
    "acls": [],
    "loadBalancers": []
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

# --- underlay 192.168.100.0/24
mkdir -p /run/lab/router-vm/nodes/underlay
LAB_DIR=/run/lab/router-vm ip netns add lab.router-vm.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link set dev lo up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link add name underlay type bridge
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/router-vm/nodes/central
LAB_DIR=/run/lab/router-vm ip netns add lab.router-vm.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link add name central type veth peer name eth0 netns lab.router-vm.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link set dev central up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.central link set dev eth0 up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.central link set dev lo up
mkdir -p /run/lab/router-vm/nodes/hv1
LAB_DIR=/run/lab/router-vm ip netns add lab.router-vm.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link add name hv1 type veth peer name eth0 netns lab.router-vm.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link set dev hv1 up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv1 link set dev eth0 up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv1 link set dev lo up
mkdir -p /run/lab/router-vm/nodes/hv2
LAB_DIR=/run/lab/router-vm ip netns add lab.router-vm.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link add name hv2 type veth peer name eth0 netns lab.router-vm.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link set dev hv2 up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv2 link set dev eth0 up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv2 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/router-vm/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/router-vm/nodes/central/ovnnb_db.db --remote=punix:/run/lab/router-vm/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/router-vm/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/router-vm/nodes/central/ovnnb_db.pid --log-file=/run/lab/router-vm/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/router-vm/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/router-vm/nodes/central/ovnsb_db.db --remote=punix:/run/lab/router-vm/nodes/central/ovnsb_db.sock --unixctl=/run/lab/router-vm/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/router-vm/nodes/central/ovnsb_db.pid --log-file=/run/lab/router-vm/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/router-vm/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/router-vm/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/router-vm/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/router-vm/nodes/central/ovnsb_db.sock --pidfile=/run/lab/router-vm/nodes/central/ovn-northd.pid --log-file=/run/lab/router-vm/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/router-vm/nodes/central/ovnnb_db.pid /run/lab/router-vm/nodes/central/ovnsb_db.pid /run/lab/router-vm/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VM rtr plugged into br-int, ovn-controller
mkdir -p /run/lab/router-vm/nodes/rtr
LAB_DIR=/run/lab/router-vm ip netns add lab.router-vm.rtr
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv1 link add name rtr type veth peer name eth0 netns lab.router-vm.rtr address 02:00:0a:00:01:05
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv1 link set dev rtr mtu 1400 up
in_node rtr ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.rtr link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.rtr link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.rtr link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/router-vm/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/router-vm/nodes/hv1/conf.db --remote=punix:/run/lab/router-vm/nodes/hv1/db.sock --pidfile=/run/lab/router-vm/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/router-vm/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/router-vm/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/router-vm/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/router-vm/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- --may-exist add-port br-int rtr -- set Interface rtr external_ids:iface-id=sw1-rtr -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/router-vm/nodes/hv1/db.sock --pidfile=/run/lab/router-vm/nodes/hv1/ovn-controller.pid --log-file=/run/lab/router-vm/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/router-vm/nodes/vm1
LAB_DIR=/run/lab/router-vm ip netns add lab.router-vm.vm1
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv2 link add name vm1 type veth peer name eth0 netns lab.router-vm.vm1 address 02:00:0a:00:02:0a
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.hv2 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.vm1 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/router-vm/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/router-vm/nodes/hv2/conf.db --remote=punix:/run/lab/router-vm/nodes/hv2/db.sock --pidfile=/run/lab/router-vm/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/router-vm/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/router-vm/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/router-vm/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/router-vm/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=sw2-vm1 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/router-vm/nodes/hv2/db.sock --pidfile=/run/lab/router-vm/nodes/hv2/ovn-controller.pid --log-file=/run/lab/router-vm/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 2 switches, 2 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add sw1 -- ls-add sw2 -- lsp-add sw1 sw1-rtr -- lsp-set-addresses sw1-rtr '02:00:0a:00:01:05 10.0.1.5' -- lsp-add sw2 sw2-vm1 -- lsp-set-addresses sw2-vm1 '02:00:0a:00:02:0a 10.0.2.10' -- lr-add r1 -- lrp-add r1 r1-sw1 06:00:0a:00:01:01 10.0.1.1/24 -- lsp-add sw1 sw1-r1 -- lsp-set-type sw1-r1 router -- lsp-set-addresses sw1-r1 router -- lsp-set-options sw1-r1 router-port=r1-sw1 -- lrp-add r1 r1-sw2 06:00:0a:00:02:01 10.0.2.1/24 -- lsp-add sw2 sw2-r1 -- lsp-set-type sw2-r1 router -- lsp-set-addresses sw2-r1 router -- lsp-set-options sw2-r1 router-port=r1-sw2 -- lr-route-add r1 10.99.0.0/24 10.0.1.5
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- links outside OVN: namespace ext, rtr:eth1 — ext:eth0
mkdir -p /run/lab/router-vm/nodes/ext
LAB_DIR=/run/lab/router-vm ip netns add lab.router-vm.ext
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.ext link set dev lo up
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.rtr link add name eth1 type veth peer name eth0 netns lab.router-vm.ext
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.rtr link set dev eth1 addrgenmode none
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.rtr link set dev eth1 mtu 1500 up
in_node rtr ethtool -K eth1 tx off
in_node ext ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.ext link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/router-vm ip -n lab.router-vm.ext link set dev eth0 mtu 1500 up

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port sw1-rtr up=true -- wait-until Logical_Switch_Port sw2-vm1 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- rtr: static address
in_node rtr ip addr add 10.0.1.5/24 dev eth0
in_node rtr ip route add default via 10.0.1.1 dev eth0
in_node rtr ip -4 -o addr show dev eth0
in_node rtr ip -6 -o addr show dev eth0 scope global

# --- vm1: static address
in_node vm1 ip addr add 10.0.2.10/24 dev eth0
in_node vm1 ip route add default via 10.0.2.1 dev eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- addresses on links, forwarding and static routes: rtr, ext
in_node rtr ip addr add 10.99.0.1/24 dev eth1
in_node ext ip addr add 10.99.0.2/24 dev eth0
in_node rtr unshare -m sh -c 'mount -o remount,rw /proc/sys 2>/dev/null; exec sysctl -qw "net.ipv4.ip_forward=$1"' sh 1
in_node ext unshare -m sh -c 'mount -o remount,rw /proc/sys 2>/dev/null; exec sysctl -qw "net.ipv4.ip_forward=$1"' sh 0
in_node ext ip route replace default via 10.99.0.1

# --- servers: ext tcp/7000
in_node ext env LOG=/run/lab/router-vm/nodes/ext/server-tcp-7000.log PID=/run/lab/router-vm/nodes/ext/server-tcp-7000.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
import socket, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
kind, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
answer = (name + "\n").encode()
# One socket for both families where the node has IPv6 (an IPv4 peer shows as ::ffff:a.b.c.d).
def listening(type):
    try:
        s = socket.socket(socket.AF_INET6, type); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0); any = "::"
    except OSError:
        s = socket.socket(socket.AF_INET, type); any = "0.0.0.0"
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((any, port)); return s
def who(peer): return peer[0][7:] if peer[0].startswith("::ffff:") else peer[0]
if kind == "tcp":
    s = listening(socket.SOCK_STREAM); s.listen(64)
    while True:
        c, peer = s.accept(); print("tcp from %s:%d" % (who(peer), peer[1]), flush=True)
        try: c.sendall(answer)
        finally: c.close()
elif kind == "udp":
    s = listening(socket.SOCK_DGRAM)
    while True:
        data, peer = s.recvfrom(2048); print("udp from %s:%d" % (who(peer), peer[1]), flush=True); s.sendto(answer, peer)
else:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200); self.send_header("Content-Type", "text/plain"); self.send_header("Content-Length", str(len(answer)))
            self.end_headers(); self.wfile.write(answer)
        def log_message(self, fmt, *args):
            print("http from %s: %s" % (who(self.client_address), fmt % args), flush=True)
    class Server(ThreadingHTTPServer):
        allow_reuse_address = True
        def server_bind(self): self.socket = listening(socket.SOCK_STREAM); self.server_address = self.socket.getsockname()
    Server(("", port), Handler).serve_forever()
' tcp 7000 ext
in_node ext sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 7000

echo "lab router-vm is up"
