#!/usr/bin/env bash
# Lab 'multicast' from labs/multicast.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.multicast.<node>; its daemons' files are in /run/lab/multicast/nodes/<node>.
# Remove it with 'lab down multicast' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.multicast\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/multicast
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/multicast ip netns exec lab.multicast.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/multicast LAB_RUN_DIR=/run/lab/multicast/nodes/central OVS_RUNDIR=/run/lab/multicast/nodes/central OVS_DBDIR=/run/lab/multicast/nodes/central OVS_LOGDIR=/run/lab/multicast/nodes/central OVN_RUNDIR=/run/lab/multicast/nodes/central OVN_DBDIR=/run/lab/multicast/nodes/central OVN_LOGDIR=/run/lab/multicast/nodes/central OVN_NB_DB=unix:/run/lab/multicast/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/multicast/nodes/central/ovnsb_db.sock ip netns exec lab.multicast.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/multicast LAB_RUN_DIR=/run/lab/multicast/nodes/hv1 OVS_RUNDIR=/run/lab/multicast/nodes/hv1 OVS_DBDIR=/run/lab/multicast/nodes/hv1 OVS_LOGDIR=/run/lab/multicast/nodes/hv1 OVN_RUNDIR=/run/lab/multicast/nodes/hv1 OVN_DBDIR=/run/lab/multicast/nodes/hv1 OVN_LOGDIR=/run/lab/multicast/nodes/hv1 OVN_NB_DB=tcp:192.168.86.1:6641 OVN_SB_DB=tcp:192.168.86.1:6642 ip netns exec lab.multicast.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/multicast LAB_RUN_DIR=/run/lab/multicast/nodes/hv2 OVS_RUNDIR=/run/lab/multicast/nodes/hv2 OVS_DBDIR=/run/lab/multicast/nodes/hv2 OVS_LOGDIR=/run/lab/multicast/nodes/hv2 OVN_RUNDIR=/run/lab/multicast/nodes/hv2 OVN_DBDIR=/run/lab/multicast/nodes/hv2 OVN_LOGDIR=/run/lab/multicast/nodes/hv2 OVN_NB_DB=tcp:192.168.86.1:6641 OVN_SB_DB=tcp:192.168.86.1:6642 ip netns exec lab.multicast.hv2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/multicast PATH=/run/lab/multicast/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/multicast/nodes/vm1 ip netns exec lab.multicast.vm1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/multicast PATH=/run/lab/multicast/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/multicast/nodes/vm2 ip netns exec lab.multicast.vm2 "$@" ;;
    vm3) env LAB_DIR=/run/lab/multicast PATH=/run/lab/multicast/nodes/vm3/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/multicast/nodes/vm3 ip netns exec lab.multicast.vm3 "$@" ;;
    vm4) env LAB_DIR=/run/lab/multicast PATH=/run/lab/multicast/nodes/vm4/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/multicast/nodes/vm4 ip netns exec lab.multicast.vm4 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/multicast
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/multicast/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "multicast",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/multicast.yaml",
    "underlay": {
      "subnet": {
        "network": 3232257536,
        "prefix": 24,
        "text": "192.168.86.0/24"
      }
    },
    "central": {
      "name": "central",
      "ip": "192.168.86.1",
      "ssl": false
    },
    "chassis": [
      {
        "name": "hv1",
        "ip": "192.168.86.2",
        "mac": "0a:00:c0:a8:56:02",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      },
      {
        "name": "hv2",
        "ip": "192.168.86.3",
        "mac": "0a:00:c0:a8:56:03",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      }
    ],
    "switches": [
      {
        "name": "lan",
        "subnet": {
          "network": 173408256,
          "prefix": 24,
          "text": "10.86.0.0/24"
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
        "mac": "02:00:0a:56:00:0b",
        "ip": "10.86.0.11",
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
        "chassis": "hv1",
        "switch": "lan",
        "port": "lan-vm2",
        "mac": "02:00:0a:56:00:0c",
        "ip": "10.86.0.12",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "vm3",
        "chassis": "hv2",
        "switch": "lan",
        "port": "lan-vm3",
        "mac": "02:00:0a:56:00:0d",
        "ip": "10.86.0.13",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "vm4",
        "chassis": "hv2",
        "switch": "lan",
        "port": "lan-vm4",
        "mac": "02:00:0a:56:00:0e",
        "ip": "10.86.0.14",
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
        "name": "each chassis writes its own IGMP_Group row, with its own member",
        "kind": "igmp_group",
        "group": "239.1.1.1",
        "members": [
          "vm2",
          "vm3"
        ]
      },
      {
        "name": "OVN 24.09 and later say in each row that the members reported in IGMPv3 (the protocol column)",
        "kind": "igmp_group",
        "ovn": ">=24.09",
        "group": "239.1.1.1",
        "members": [
          "vm2",
          "vm3"
        ],
        "protocol": "IGMPv3"
      },
      {
        "name": "IGMP reports go to ovn-controller (the igmp action) from ls_in_l2_lkup, not to other ports",
        "kind": "flow",
        "stage": "ls_in_l2_lkup",
        "datapath": "lan",
        "match": "igmp",
        "actions": "igmp;",
        "expect": "present"
      },
      {
        "name": "OVN 25.09 and later punt only reports not looped back once (flags.igmp_loopback, for reports OVN floods on)",
        "kind": "flow",
        "ovn": ">=25.09",
        "stage": "ls_in_l2_lkup",
        "datapath": "lan",
        "match": "flags.igmp_loopback == 0 && igmp",
        "actions": "igmp;",
        "expect": "present"
      },
      {
        "name": "before OVN 25.09 the igmp flow has no such flag",
        "kind": "flow",
        "timeout": 3,
        "ovn": "<25.09",
        "stage": "ls_in_l2_lkup",
        "datapath": "lan",
        "match": "igmp_loopback",
        "expect": "absent"
      },
      {
        "name": "northd turns the group into a flow to its Multicast_Group, named by the group address",
        "kind": "flow",
        "stage": "ls_in_l2_lkup",
        "datapath": "lan",
        "match": "ip4.dst == 239.1.1.1",
        "actions": "outport = \"239.1.1.1\"",
        "expect": "present"
      },
      {
        "name": "and drops other IP multicast (mcast_flood_unregistered is false)",
        "kind": "flow",
        "stage": "ls_in_l2_lkup",
        "datapath": "lan",
        "match": "ip4.mcast || ip6.mcast",
        "actions": "drop;",
        "expect": "present"
      },
      {
        "name": "vm1 (hv1) sends to 239.1.1.1, and vm2 on its chassis and vm3 across the tunnel receive it, vm4 does not",
        "kind": "multicast",
        "from": "vm1",
        "group": "239.1.1.1",
        "port": 5000,
        "count": 3,
        "receivers": [
          "vm2",
          "vm3"
        ]
      },
      {
        "name": "vm4 (hv2) sends, and the same members receive",
        "kind": "multicast",
        "from": "vm4",
        "group": "239.1.1.1",
        "port": 5000,
        "count": 3,
        "receivers": [
          "vm2",
          "vm3"
        ]
      },
      {
        "name": "a group nobody joined reaches no VM (mcast_flood_unregistered is false)",
        "kind": "multicast",
        "timeout": 5,
        "from": "vm1",
        "group": "239.2.2.2",
        "port": 5000,
        "count": 3,
        "receivers": []
      },
      {
        "name": "link-local multicast (224.0.0.0/24, here mDNS's group) reaches every VM, joined or not",
        "kind": "multicast",
        "from": "vm1",
        "group": "224.0.0.251",
        "port": 5353,
        "count": 3,
        "receivers": [
          "vm2",
          "vm3",
          "vm4"
        ]
      },
      {
        "name": "vm4 joins 239.1.1.1",
        "kind": "step",
        "join": {
          "vm": "vm4",
          "group": "239.1.1.1"
        }
      },
      {
        "name": "hv2's row gets vm4's port beside vm3's",
        "kind": "igmp_group",
        "group": "239.1.1.1",
        "members": [
          "vm2",
          "vm3",
          "vm4"
        ]
      },
      {
        "name": "and vm4 receives too",
        "kind": "multicast",
        "from": "vm1",
        "group": "239.1.1.1",
        "port": 5000,
        "count": 3,
        "receivers": [
          "vm2",
          "vm3",
          "vm4"
        ]
      },
      {
        "name": "vm2 leaves 239.1.1.1",
        "kind": "step",
        "leave": {
          "vm": "vm2",
          "group": "239.1.1.1"
        }
      },
      {
        "name": "hv1's row goes (vm2's IGMP leave), hv2's stays",
        "kind": "igmp_group",
        "group": "239.1.1.1",
        "members": [
          "vm3",
          "vm4"
        ]
      },
      {
        "name": "vm1 sends again, and only the members on hv2 receive",
        "kind": "multicast",
        "from": "vm1",
        "group": "239.1.1.1",
        "port": 5000,
        "count": 3,
        "receivers": [
          "vm3",
          "vm4"
        ]
      }
    ],
    "portGroups": [],
    "addressSets": [],
    "acls": [],
    "loadBalancers": [],
    "multicast": [
      {
        "switch": "lan",
        "otherConfig": {
          "mcast_snoop": "true",
          "mcast_querier": "true",
          "mcast_query_interval": "10",
          "mcast_eth_src": "0a:00:00:86:00:fe",
          "mcast_ip4_src": "10.86.0.254"
        },
        "groups": [
          {
            "group": "239.1.1.1",
            "members": [
              "vm2",
              "vm3"
            ]
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

# --- underlay 192.168.86.0/24
mkdir -p /run/lab/multicast/nodes/underlay
LAB_DIR=/run/lab/multicast ip netns add lab.multicast.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link set dev lo up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link add name underlay type bridge
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/multicast/nodes/central
LAB_DIR=/run/lab/multicast ip netns add lab.multicast.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link add name central type veth peer name eth0 netns lab.multicast.central address 0a:00:c0:a8:56:01
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link set dev central up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/multicast ip -n lab.multicast.central link set dev eth0 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.central addr add 192.168.86.1/24 dev eth0
LAB_DIR=/run/lab/multicast ip -n lab.multicast.central link set dev lo up
mkdir -p /run/lab/multicast/nodes/hv1
LAB_DIR=/run/lab/multicast ip netns add lab.multicast.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link add name hv1 type veth peer name eth0 netns lab.multicast.hv1 address 0c:00:c0:a8:56:02
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link set dev hv1 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv1 link set dev eth0 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv1 addr add 192.168.86.2/24 dev eth0
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv1 link set dev lo up
mkdir -p /run/lab/multicast/nodes/hv2
LAB_DIR=/run/lab/multicast ip netns add lab.multicast.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link add name hv2 type veth peer name eth0 netns lab.multicast.hv2 address 0c:00:c0:a8:56:03
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link set dev hv2 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv2 link set dev eth0 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv2 addr add 192.168.86.3/24 dev eth0
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv2 link set dev lo up

# --- central 192.168.86.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/multicast/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/multicast/nodes/central/ovnnb_db.db --remote=punix:/run/lab/multicast/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.86.1 --unixctl=/run/lab/multicast/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/multicast/nodes/central/ovnnb_db.pid --log-file=/run/lab/multicast/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/multicast/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/multicast/nodes/central/ovnsb_db.db --remote=punix:/run/lab/multicast/nodes/central/ovnsb_db.sock --unixctl=/run/lab/multicast/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/multicast/nodes/central/ovnsb_db.pid --log-file=/run/lab/multicast/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/multicast/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.86.2 -- chassis-add hv2 geneve 192.168.86.3
in_node central ovs-appctl -t /run/lab/multicast/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.86.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/multicast/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/multicast/nodes/central/ovnsb_db.sock --pidfile=/run/lab/multicast/nodes/central/ovn-northd.pid --log-file=/run/lab/multicast/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/multicast/nodes/central/ovnnb_db.pid /run/lab/multicast/nodes/central/ovnsb_db.pid /run/lab/multicast/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.86.2 lladdr 0c:00:c0:a8:56:02 dev eth0 nud permanent' 'neigh replace 192.168.86.3 lladdr 0c:00:c0:a8:56:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.86.2: ovs-vswitchd, br-phy, VMs vm1, vm2 plugged into br-int, ovn-controller
mkdir -p /run/lab/multicast/nodes/vm1
mkdir -p /run/lab/multicast/nodes/vm2
LAB_DIR=/run/lab/multicast ip netns add lab.multicast.vm1
LAB_DIR=/run/lab/multicast ip netns add lab.multicast.vm2
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv1 link add name vm1 type veth peer name eth0 netns lab.multicast.vm1 address 02:00:0a:56:00:0b
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv1 link set dev vm1 mtu 1400 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv1 link add name vm2 type veth peer name eth0 netns lab.multicast.vm2 address 02:00:0a:56:00:0c
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv1 link set dev vm2 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm1 link set dev lo up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm2 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/multicast/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/multicast/nodes/hv1/conf.db --remote=punix:/run/lab/multicast/nodes/hv1/db.sock --pidfile=/run/lab/multicast/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/multicast/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/multicast/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/multicast/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/multicast/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:56:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:56:02"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=lan-vm1 -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=lan-vm2 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.86.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.86.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.86.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.86.1/32 dev eth0 src 192.168.86.2
in_node hv1 ip neigh replace 192.168.86.1 lladdr 0a:00:c0:a8:56:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.86.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/multicast/nodes/hv1/db.sock --pidfile=/run/lab/multicast/nodes/hv1/ovn-controller.pid --log-file=/run/lab/multicast/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.86.3 0a:00:c0:a8:56:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.86.3: ovs-vswitchd, br-phy, VMs vm3, vm4 plugged into br-int, ovn-controller
mkdir -p /run/lab/multicast/nodes/vm3
mkdir -p /run/lab/multicast/nodes/vm4
LAB_DIR=/run/lab/multicast ip netns add lab.multicast.vm3
LAB_DIR=/run/lab/multicast ip netns add lab.multicast.vm4
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv2 link add name vm3 type veth peer name eth0 netns lab.multicast.vm3 address 02:00:0a:56:00:0d
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv2 link set dev vm3 mtu 1400 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv2 link add name vm4 type veth peer name eth0 netns lab.multicast.vm4 address 02:00:0a:56:00:0e
LAB_DIR=/run/lab/multicast ip -n lab.multicast.hv2 link set dev vm4 mtu 1400 up
in_node vm3 ethtool -K eth0 tx off
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm3 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm3 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm3 link set dev lo up
in_node vm4 ethtool -K eth0 tx off
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm4 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm4 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/multicast ip -n lab.multicast.vm4 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/multicast/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/multicast/nodes/hv2/conf.db --remote=punix:/run/lab/multicast/nodes/hv2/db.sock --pidfile=/run/lab/multicast/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/multicast/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/multicast/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/multicast/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/multicast/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:56:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:56:03"' -- --may-exist add-port br-int vm3 -- set Interface vm3 external_ids:iface-id=lan-vm3 -- --may-exist add-port br-int vm4 -- set Interface vm4 external_ids:iface-id=lan-vm4 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.86.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.86.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.86.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.86.1/32 dev eth0 src 192.168.86.3
in_node hv2 ip neigh replace 192.168.86.1 lladdr 0a:00:c0:a8:56:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.86.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/multicast/nodes/hv2/db.sock --pidfile=/run/lab/multicast/nodes/hv2/ovn-controller.pid --log-file=/run/lab/multicast/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.86.2 0a:00:c0:a8:56:02

# --- logical network, once the 2 chassis have registered: 1 switch, 4 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add lan -- set Logical_Switch lan 'other_config:mcast_snoop="true"' 'other_config:mcast_querier="true"' 'other_config:mcast_query_interval="10"' 'other_config:mcast_eth_src="0a:00:00:86:00:fe"' 'other_config:mcast_ip4_src="10.86.0.254"' -- lsp-add lan lan-vm1 -- lsp-set-addresses lan-vm1 '02:00:0a:56:00:0b 10.86.0.11' -- lsp-add lan lan-vm2 -- lsp-set-addresses lan-vm2 '02:00:0a:56:00:0c 10.86.0.12' -- lsp-add lan lan-vm3 -- lsp-set-addresses lan-vm3 '02:00:0a:56:00:0d 10.86.0.13' -- lsp-add lan lan-vm4 -- lsp-set-addresses lan-vm4 '02:00:0a:56:00:0e 10.86.0.14'
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port lan-vm1 up=true -- wait-until Logical_Switch_Port lan-vm2 up=true -- wait-until Logical_Switch_Port lan-vm3 up=true -- wait-until Logical_Switch_Port lan-vm4 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: static address
in_node vm1 ip addr add 10.86.0.11/24 dev eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: static address
in_node vm2 ip addr add 10.86.0.12/24 dev eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

# --- vm3: static address
in_node vm3 ip addr add 10.86.0.13/24 dev eth0
in_node vm3 ip -4 -o addr show dev eth0
in_node vm3 ip -6 -o addr show dev eth0 scope global

# --- vm4: static address
in_node vm4 ip addr add 10.86.0.14/24 dev eth0
in_node vm4 ip -4 -o addr show dev eth0
in_node vm4 ip -6 -o addr show dev eth0 scope global

# --- multicast: vm2 joins 239.1.1.1, vm3 joins 239.1.1.1
in_node vm2 env PID=/run/lab/multicast/nodes/vm2/mcast-239.1.1.1.pid LOG=/run/lab/multicast/nodes/vm2/mcast-239.1.1.1.log sh -c 'p=$(cat "$PID" 2>/dev/null) && kill -0 "$p" 2>/dev/null && grep -q joined "$LOG" && { echo "already a member"; exit 0; }
nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"
for i in $(seq 50); do grep -q joined "$LOG" && { echo joined; exit 0; }; kill -0 $! 2>/dev/null || break; sleep 0.1; done
tail -n1 "$LOG"; exit 1' join /usr/bin/python3 -c '
import socket, struct, sys, time
group, iface = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, struct.pack("4s4si", socket.inet_aton(group), socket.inet_aton("0.0.0.0"), socket.if_nametoindex(iface)))
print("joined %s on %s" % (group, iface), flush=True)
while True: time.sleep(3600)
' 239.1.1.1 eth0
in_node vm3 env PID=/run/lab/multicast/nodes/vm3/mcast-239.1.1.1.pid LOG=/run/lab/multicast/nodes/vm3/mcast-239.1.1.1.log sh -c 'p=$(cat "$PID" 2>/dev/null) && kill -0 "$p" 2>/dev/null && grep -q joined "$LOG" && { echo "already a member"; exit 0; }
nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"
for i in $(seq 50); do grep -q joined "$LOG" && { echo joined; exit 0; }; kill -0 $! 2>/dev/null || break; sleep 0.1; done
tail -n1 "$LOG"; exit 1' join /usr/bin/python3 -c '
import socket, struct, sys, time
group, iface = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, struct.pack("4s4si", socket.inet_aton(group), socket.inet_aton("0.0.0.0"), socket.if_nametoindex(iface)))
print("joined %s on %s" % (group, iface), flush=True)
while True: time.sleep(3600)
' 239.1.1.1 eth0

echo "lab multicast is up"
