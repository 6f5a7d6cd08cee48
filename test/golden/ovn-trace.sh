#!/usr/bin/env bash
# Lab 'ovn-trace' from labs/ovn-trace.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.ovn-trace.<node>; its daemons' files are in /run/lab/ovn-trace/nodes/<node>.
# Remove it with 'lab down ovn-trace' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.ovn-trace\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/ovn-trace
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/ovn-trace ip netns exec lab.ovn-trace.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/ovn-trace LAB_RUN_DIR=/run/lab/ovn-trace/nodes/central OVS_RUNDIR=/run/lab/ovn-trace/nodes/central OVS_DBDIR=/run/lab/ovn-trace/nodes/central OVS_LOGDIR=/run/lab/ovn-trace/nodes/central OVN_RUNDIR=/run/lab/ovn-trace/nodes/central OVN_DBDIR=/run/lab/ovn-trace/nodes/central OVN_LOGDIR=/run/lab/ovn-trace/nodes/central OVN_NB_DB=unix:/run/lab/ovn-trace/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/ovn-trace/nodes/central/ovnsb_db.sock ip netns exec lab.ovn-trace.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/ovn-trace LAB_RUN_DIR=/run/lab/ovn-trace/nodes/hv1 OVS_RUNDIR=/run/lab/ovn-trace/nodes/hv1 OVS_DBDIR=/run/lab/ovn-trace/nodes/hv1 OVS_LOGDIR=/run/lab/ovn-trace/nodes/hv1 OVN_RUNDIR=/run/lab/ovn-trace/nodes/hv1 OVN_DBDIR=/run/lab/ovn-trace/nodes/hv1 OVN_LOGDIR=/run/lab/ovn-trace/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.ovn-trace.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/ovn-trace LAB_RUN_DIR=/run/lab/ovn-trace/nodes/hv2 OVS_RUNDIR=/run/lab/ovn-trace/nodes/hv2 OVS_DBDIR=/run/lab/ovn-trace/nodes/hv2 OVS_LOGDIR=/run/lab/ovn-trace/nodes/hv2 OVN_RUNDIR=/run/lab/ovn-trace/nodes/hv2 OVN_DBDIR=/run/lab/ovn-trace/nodes/hv2 OVN_LOGDIR=/run/lab/ovn-trace/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.ovn-trace.hv2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/ovn-trace PATH=/run/lab/ovn-trace/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/ovn-trace/nodes/vm1 ip netns exec lab.ovn-trace.vm1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/ovn-trace PATH=/run/lab/ovn-trace/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/ovn-trace/nodes/vm2 ip netns exec lab.ovn-trace.vm2 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/ovn-trace
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/ovn-trace/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "ovn-trace",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/ovn-trace.yaml",
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
        "name": "sw0",
        "subnet": {
          "network": 3232235520,
          "prefix": 24,
          "text": "192.168.0.0/24"
        }
      },
      {
        "name": "sw1",
        "subnet": {
          "network": 184549376,
          "prefix": 24,
          "text": "11.0.0.0/24"
        }
      }
    ],
    "routers": [
      {
        "name": "lr0",
        "options": {},
        "ports": [
          {
            "name": "lrp0",
            "switchPort": "lrp0-attachment",
            "switch": "sw0",
            "ip": "192.168.0.1",
            "prefix": 24,
            "mac": "00:00:00:00:ff:01"
          },
          {
            "name": "lrp1",
            "switchPort": "lrp1-attachment",
            "switch": "sw1",
            "ip": "11.0.0.1",
            "prefix": 24,
            "mac": "00:00:00:00:ff:02"
          }
        ],
        "routes": [],
        "policies": [],
        "nat": []
      }
    ],
    "vms": [
      {
        "name": "vm1",
        "chassis": "hv1",
        "switch": "sw0",
        "port": "sw0-port1",
        "mac": "50:54:00:00:00:01",
        "ip": "192.168.0.2",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "gateway": "192.168.0.1",
        "vlans": []
      },
      {
        "name": "vm2",
        "chassis": "hv2",
        "switch": "sw1",
        "port": "sw1-port1",
        "mac": "50:54:00:00:00:03",
        "ip": "11.0.0.2",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "gateway": "11.0.0.1",
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
        "name": "the tutorial's trace, to the letter",
        "kind": "trace",
        "from": "vm1",
        "to": "vm2",
        "family": 4,
        "proto": "icmp",
        "microflow": "inport == \"sw0-port1\" && eth.src == 50:54:00:00:00:01 && ip4.src == 192.168.0.2 && eth.dst == 00:00:00:00:ff:01 && ip4.dst == 11.0.0.2 && ip.ttl == 64",
        "expect": "delivered",
        "through": [
          "sw0",
          "lr0",
          "sw1"
        ],
        "minimal": [
          "ip.ttl--;",
          "eth.src = 00:00:00:00:ff:02;",
          "eth.dst = 50:54:00:00:00:03;",
          "output(\"sw1-port1\");"
        ]
      },
      {
        "name": "a packet with TTL 1 does not cross lr0; the router answers ICMP time exceeded",
        "kind": "trace",
        "from": "vm1",
        "to": "vm2",
        "family": 4,
        "proto": "icmp",
        "microflow": "inport == \"sw0-port1\" && eth.src == 50:54:00:00:00:01 && ip4.src == 192.168.0.2 && eth.dst == 00:00:00:00:ff:01 && ip4.dst == 11.0.0.2 && ip.ttl == 1",
        "expect": "delivered",
        "port": "sw0-port1",
        "minimal": [
          "icmp4 {",
          "eth.dst = 50:54:00:00:00:01;",
          "eth.src = 00:00:00:00:ff:01;",
          "icmp4.type = 11;",
          "icmp4.code = 0;",
          "ip4.dst = 192.168.0.2;",
          "ip4.src = 192.168.0.1;",
          "ip.ttl = 254;",
          "output(\"sw0-port1\");",
          "};"
        ]
      },
      {
        "name": "to an address lr0 has no MAC for, the packet becomes an ARP request on sw1",
        "kind": "trace",
        "from": "vm1",
        "to": "11.0.0.9",
        "family": 4,
        "proto": "icmp",
        "expect": "delivered",
        "port": "sw1-port1",
        "minimal": [
          "ip.ttl--;",
          "eth.src = 00:00:00:00:ff:02;",
          "eth.dst = 00:00:00:00:00:00;",
          "arp {",
          "eth.dst = ff:ff:ff:ff:ff:ff;",
          "arp.spa = 0xb000001;",
          "arp.tpa = 0xb000009;",
          "arp.op = 1;",
          "output(\"sw1-port1\");",
          "};"
        ]
      },
      {
        "name": "lr0 routes 11.0.0.0/24 out of lrp1 (the logical flow behind ip.ttl-- and the new source MAC)",
        "kind": "flow",
        "stage": "lr_in_ip_routing",
        "datapath": "lr0",
        "match": "ip4.dst == 11.0.0.0/24",
        "actions": [
          "outport = \"lrp1\"",
          "eth.src = 00:00:00:00:ff:02"
        ],
        "expect": "present"
      },
      {
        "name": "what ovn-trace predicts happens for real, across the tunnel from hv1 to hv2",
        "kind": "ping",
        "from": "vm1",
        "to": "vm2",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "and back",
        "kind": "ping",
        "from": "vm2",
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
mkdir -p /run/lab/ovn-trace/nodes/underlay
LAB_DIR=/run/lab/ovn-trace ip netns add lab.ovn-trace.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link set dev lo up
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link add name underlay type bridge
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/ovn-trace/nodes/central
LAB_DIR=/run/lab/ovn-trace ip netns add lab.ovn-trace.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link add name central type veth peer name eth0 netns lab.ovn-trace.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link set dev central up
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.central link set dev eth0 up
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.central link set dev lo up
mkdir -p /run/lab/ovn-trace/nodes/hv1
LAB_DIR=/run/lab/ovn-trace ip netns add lab.ovn-trace.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link add name hv1 type veth peer name eth0 netns lab.ovn-trace.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link set dev hv1 up
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv1 link set dev eth0 up
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv1 link set dev lo up
mkdir -p /run/lab/ovn-trace/nodes/hv2
LAB_DIR=/run/lab/ovn-trace ip netns add lab.ovn-trace.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link add name hv2 type veth peer name eth0 netns lab.ovn-trace.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link set dev hv2 up
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv2 link set dev eth0 up
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv2 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/ovn-trace/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/ovn-trace/nodes/central/ovnnb_db.db --remote=punix:/run/lab/ovn-trace/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/ovn-trace/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/ovn-trace/nodes/central/ovnnb_db.pid --log-file=/run/lab/ovn-trace/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/ovn-trace/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/ovn-trace/nodes/central/ovnsb_db.db --remote=punix:/run/lab/ovn-trace/nodes/central/ovnsb_db.sock --unixctl=/run/lab/ovn-trace/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/ovn-trace/nodes/central/ovnsb_db.pid --log-file=/run/lab/ovn-trace/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/ovn-trace/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/ovn-trace/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/ovn-trace/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/ovn-trace/nodes/central/ovnsb_db.sock --pidfile=/run/lab/ovn-trace/nodes/central/ovn-northd.pid --log-file=/run/lab/ovn-trace/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/ovn-trace/nodes/central/ovnnb_db.pid /run/lab/ovn-trace/nodes/central/ovnsb_db.pid /run/lab/ovn-trace/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/ovn-trace/nodes/vm1
LAB_DIR=/run/lab/ovn-trace ip netns add lab.ovn-trace.vm1
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv1 link add name vm1 type veth peer name eth0 netns lab.ovn-trace.vm1 address 50:54:00:00:00:01
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv1 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.vm1 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/ovn-trace/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/ovn-trace/nodes/hv1/conf.db --remote=punix:/run/lab/ovn-trace/nodes/hv1/db.sock --pidfile=/run/lab/ovn-trace/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/ovn-trace/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/ovn-trace/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/ovn-trace/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/ovn-trace/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=sw0-port1 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/ovn-trace/nodes/hv1/db.sock --pidfile=/run/lab/ovn-trace/nodes/hv1/ovn-controller.pid --log-file=/run/lab/ovn-trace/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VM vm2 plugged into br-int, ovn-controller
mkdir -p /run/lab/ovn-trace/nodes/vm2
LAB_DIR=/run/lab/ovn-trace ip netns add lab.ovn-trace.vm2
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv2 link add name vm2 type veth peer name eth0 netns lab.ovn-trace.vm2 address 50:54:00:00:00:03
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.hv2 link set dev vm2 mtu 1400 up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/ovn-trace ip -n lab.ovn-trace.vm2 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/ovn-trace/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/ovn-trace/nodes/hv2/conf.db --remote=punix:/run/lab/ovn-trace/nodes/hv2/db.sock --pidfile=/run/lab/ovn-trace/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/ovn-trace/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/ovn-trace/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/ovn-trace/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/ovn-trace/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=sw1-port1 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/ovn-trace/nodes/hv2/db.sock --pidfile=/run/lab/ovn-trace/nodes/hv2/ovn-controller.pid --log-file=/run/lab/ovn-trace/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 2 switches, 2 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add sw0 -- ls-add sw1 -- lsp-add sw0 sw0-port1 -- lsp-set-addresses sw0-port1 '50:54:00:00:00:01 192.168.0.2' -- lsp-add sw1 sw1-port1 -- lsp-set-addresses sw1-port1 '50:54:00:00:00:03 11.0.0.2' -- lr-add lr0 -- lrp-add lr0 lrp0 00:00:00:00:ff:01 192.168.0.1/24 -- lsp-add sw0 lrp0-attachment -- lsp-set-type lrp0-attachment router -- lsp-set-addresses lrp0-attachment router -- lsp-set-options lrp0-attachment router-port=lrp0 -- lrp-add lr0 lrp1 00:00:00:00:ff:02 11.0.0.1/24 -- lsp-add sw1 lrp1-attachment -- lsp-set-type lrp1-attachment router -- lsp-set-addresses lrp1-attachment router -- lsp-set-options lrp1-attachment router-port=lrp1
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port sw0-port1 up=true -- wait-until Logical_Switch_Port sw1-port1 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: static address
in_node vm1 ip addr add 192.168.0.2/24 dev eth0
in_node vm1 ip route add default via 192.168.0.1 dev eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: static address
in_node vm2 ip addr add 11.0.0.2/24 dev eth0
in_node vm2 ip route add default via 11.0.0.1 dev eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

echo "lab ovn-trace is up"
