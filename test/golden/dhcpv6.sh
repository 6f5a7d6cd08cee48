#!/usr/bin/env bash
# Lab 'dhcpv6' from labs/dhcpv6.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.dhcpv6.<node>; its daemons' files are in /run/lab/dhcpv6/nodes/<node>.
# Remove it with 'lab down dhcpv6' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.dhcpv6\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/dhcpv6
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/dhcpv6 ip netns exec lab.dhcpv6.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/dhcpv6 LAB_RUN_DIR=/run/lab/dhcpv6/nodes/central OVS_RUNDIR=/run/lab/dhcpv6/nodes/central OVS_DBDIR=/run/lab/dhcpv6/nodes/central OVS_LOGDIR=/run/lab/dhcpv6/nodes/central OVN_RUNDIR=/run/lab/dhcpv6/nodes/central OVN_DBDIR=/run/lab/dhcpv6/nodes/central OVN_LOGDIR=/run/lab/dhcpv6/nodes/central OVN_NB_DB=unix:/run/lab/dhcpv6/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/dhcpv6/nodes/central/ovnsb_db.sock ip netns exec lab.dhcpv6.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/dhcpv6 LAB_RUN_DIR=/run/lab/dhcpv6/nodes/hv1 OVS_RUNDIR=/run/lab/dhcpv6/nodes/hv1 OVS_DBDIR=/run/lab/dhcpv6/nodes/hv1 OVS_LOGDIR=/run/lab/dhcpv6/nodes/hv1 OVN_RUNDIR=/run/lab/dhcpv6/nodes/hv1 OVN_DBDIR=/run/lab/dhcpv6/nodes/hv1 OVN_LOGDIR=/run/lab/dhcpv6/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.dhcpv6.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/dhcpv6 LAB_RUN_DIR=/run/lab/dhcpv6/nodes/hv2 OVS_RUNDIR=/run/lab/dhcpv6/nodes/hv2 OVS_DBDIR=/run/lab/dhcpv6/nodes/hv2 OVS_LOGDIR=/run/lab/dhcpv6/nodes/hv2 OVN_RUNDIR=/run/lab/dhcpv6/nodes/hv2 OVN_DBDIR=/run/lab/dhcpv6/nodes/hv2 OVN_LOGDIR=/run/lab/dhcpv6/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.dhcpv6.hv2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/dhcpv6 PATH=/run/lab/dhcpv6/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/dhcpv6/nodes/vm1 ip netns exec lab.dhcpv6.vm1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/dhcpv6 PATH=/run/lab/dhcpv6/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/dhcpv6/nodes/vm2 ip netns exec lab.dhcpv6.vm2 "$@" ;;
    vm3) env LAB_DIR=/run/lab/dhcpv6 PATH=/run/lab/dhcpv6/nodes/vm3/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/dhcpv6/nodes/vm3 ip netns exec lab.dhcpv6.vm3 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/dhcpv6
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/dhcpv6/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "dhcpv6",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/dhcpv6.yaml",
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
        "name": "stateful",
        "subnet": {
          "network": 171769856,
          "prefix": 24,
          "text": "10.61.0.0/24"
        },
        "subnet6": {
          "text": "fd00:61::/64",
          "prefix": 64
        },
        "dhcp6": {
          "options": {
            "server_id": "02:00:00:61:00:01",
            "dns_server": "{fd00:61::53}"
          }
        }
      },
      {
        "name": "slaac",
        "subnet": {
          "network": 171835392,
          "prefix": 24,
          "text": "10.62.0.0/24"
        },
        "subnet6": {
          "text": "fd00:62::/64",
          "prefix": 64
        }
      },
      {
        "name": "v6only",
        "subnet6": {
          "text": "fd00:63::/64",
          "prefix": 64
        }
      }
    ],
    "routers": [
      {
        "name": "r1",
        "options": {},
        "ports": [
          {
            "name": "r1-stateful",
            "switchPort": "stateful-r1",
            "switch": "stateful",
            "ip": "10.61.0.1",
            "prefix": 24,
            "mac": "02:00:00:61:00:01",
            "ip6": "fd00:61::1",
            "prefix6": 64,
            "ra": "dhcpv6_stateful"
          },
          {
            "name": "r1-slaac",
            "switchPort": "slaac-r1",
            "switch": "slaac",
            "ip": "10.62.0.1",
            "prefix": 24,
            "mac": "02:00:00:62:00:01",
            "ip6": "fd00:62::1",
            "prefix6": 64,
            "ra": "slaac"
          },
          {
            "name": "r1-v6only",
            "switchPort": "v6only-r1",
            "switch": "v6only",
            "mac": "06:01:02:80:79:ef",
            "ip6": "fd00:63::1",
            "prefix6": 64,
            "ra": "slaac"
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
        "switch": "stateful",
        "port": "stateful-vm1",
        "mac": "02:00:00:61:00:11",
        "ip": "10.61.0.11",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "ipv6": {
          "ip": "fd00:61::11",
          "prefix": 64,
          "mode": "dhcpv6"
        },
        "gateway": "10.61.0.1",
        "vlans": []
      },
      {
        "name": "vm2",
        "chassis": "hv2",
        "switch": "slaac",
        "port": "slaac-vm2",
        "mac": "02:00:00:62:00:12",
        "ip": "10.62.0.12",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [
          {
            "kind": "tcp",
            "port": 8080
          }
        ],
        "routes": [],
        "forwarding": false,
        "ipv6": {
          "ip": "fd00:62::ff:fe62:12",
          "prefix": 64,
          "mode": "slaac"
        },
        "gateway": "10.62.0.1",
        "vlans": []
      },
      {
        "name": "vm3",
        "chassis": "hv2",
        "switch": "v6only",
        "port": "v6only-vm3",
        "mac": "02:00:00:63:00:13",
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "ipv6": {
          "ip": "fd00:63::ff:fe63:13",
          "prefix": 64,
          "mode": "slaac"
        },
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
        "name": "vm1 leases fd00:61::11 from OVN's DHCPv6, with the router port's MAC as server and the DNS server",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0",
        "family": 6,
        "address": "fd00:61::11",
        "server_mac": "02:00:00:61:00:01",
        "dns_server": "fd00:61::53",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "OVN answers DHCPv6 with a controller action on the stateful switch",
        "kind": "flow",
        "stage": "ls_in_dhcp_options",
        "datapath": "stateful",
        "match": "udp.dst == 547",
        "actions": "put_dhcpv6_opts(",
        "chassis": "hv1",
        "openflow": [
          "controller(",
          "pause"
        ],
        "expect": "present"
      },
      {
        "name": "no DHCPv6 on the SLAAC switch (it has no dhcp6)",
        "kind": "flow",
        "stage": "ls_in_dhcp_options",
        "datapath": "slaac",
        "actions": "put_dhcpv6_opts(",
        "expect": "absent"
      },
      {
        "name": "r1 answers router solicitations on the stateful switch with the managed flag",
        "kind": "flow",
        "stage": "lr_in_nd_ra_options",
        "datapath": "r1",
        "actions": [
          "put_nd_ra_opts(",
          "addr_mode = \"dhcpv6_stateful\""
        ],
        "expect": "present"
      },
      {
        "name": "r1 advertises fd00:62::/64 for SLAAC on the other switch",
        "kind": "flow",
        "stage": "lr_in_nd_ra_options",
        "datapath": "r1",
        "actions": [
          "addr_mode = \"slaac\"",
          "prefix = fd00:62::/64"
        ],
        "expect": "present"
      },
      {
        "name": "vm2 made its own address from the prefix and its MAC, and vm1 reaches it across r1 and the tunnel",
        "kind": "ping",
        "from": "vm1",
        "to": "vm2",
        "count": 3,
        "family": 6,
        "expect": "reachable"
      },
      {
        "name": "vm2 reaches vm1's leased address back",
        "kind": "ping",
        "from": "vm2",
        "to": "vm1",
        "count": 3,
        "family": 6,
        "expect": "reachable"
      },
      {
        "name": "vm2's TCP server answers vm1 over IPv6",
        "kind": "connect",
        "from": "vm1",
        "to": "vm2",
        "family": 6,
        "port": 8080,
        "proto": "tcp",
        "expect": "open",
        "answer": "vm2"
      },
      {
        "name": "the connection is in hv2's conntrack (vm2's chassis, where the to-lport rule runs), IPv6 both ways, with the rule's label 61",
        "kind": "conntrack",
        "chassis": "hv2",
        "proto": "tcp",
        "original": {
          "src": "fd00:61::11",
          "dst": "fd00:62::ff:fe62:12",
          "dport": 8080
        },
        "reply": {
          "src": "fd00:62::ff:fe62:12",
          "dst": "fd00:61::11"
        },
        "acl_label": 61,
        "expect": "present"
      },
      {
        "name": "OVN before 25.03 stores nothing in that entry's ct_mark",
        "kind": "conntrack",
        "ovn": "<25.03",
        "chassis": "hv2",
        "proto": "tcp",
        "original": {
          "src": "fd00:61::11",
          "dst": "fd00:62::ff:fe62:12",
          "dport": 8080
        },
        "mark": 0,
        "expect": "present"
      },
      {
        "name": "OVN 25.03 and later store the ACL's stage in ct_mark.obs_stage (bits 4-5): 2, a to-lport ACL",
        "kind": "conntrack",
        "ovn": ">=25.03",
        "chassis": "hv2",
        "proto": "tcp",
        "original": {
          "src": "fd00:61::11",
          "dst": "fd00:62::ff:fe62:12",
          "dport": 8080
        },
        "mark": "0x20/0x30",
        "expect": "present"
      },
      {
        "name": "vm3, on a switch with no IPv4 at all, is reached over IPv6 alone",
        "kind": "ping",
        "from": "vm1",
        "to": "vm3",
        "count": 3,
        "family": 6,
        "expect": "reachable"
      },
      {
        "name": "IPv4 still works beside it",
        "kind": "ping",
        "from": "vm1",
        "to": "vm2",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "ovn-trace takes the IPv6 packet through r1",
        "kind": "trace",
        "from": "vm1",
        "to": "vm2",
        "family": 6,
        "proto": "icmp",
        "expect": "delivered",
        "through": [
          "stateful",
          "r1",
          "slaac"
        ]
      }
    ],
    "portGroups": [],
    "addressSets": [],
    "acls": [
      {
        "on": {
          "switch": "slaac"
        },
        "direction": "to-lport",
        "priority": 1002,
        "match": "ip6 && tcp.dst == 8080",
        "action": "allow-related",
        "label": 61,
        "at": {
          "file": "labs/dhcpv6.yaml",
          "line": 62,
          "column": 66
        }
      }
    ],
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
mkdir -p /run/lab/dhcpv6/nodes/underlay
LAB_DIR=/run/lab/dhcpv6 ip netns add lab.dhcpv6.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link set dev lo up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link add name underlay type bridge
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/dhcpv6/nodes/central
LAB_DIR=/run/lab/dhcpv6 ip netns add lab.dhcpv6.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link add name central type veth peer name eth0 netns lab.dhcpv6.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link set dev central up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.central link set dev eth0 up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.central link set dev lo up
mkdir -p /run/lab/dhcpv6/nodes/hv1
LAB_DIR=/run/lab/dhcpv6 ip netns add lab.dhcpv6.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link add name hv1 type veth peer name eth0 netns lab.dhcpv6.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link set dev hv1 up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv1 link set dev eth0 up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv1 link set dev lo up
mkdir -p /run/lab/dhcpv6/nodes/hv2
LAB_DIR=/run/lab/dhcpv6 ip netns add lab.dhcpv6.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link add name hv2 type veth peer name eth0 netns lab.dhcpv6.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link set dev hv2 up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv2 link set dev eth0 up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv2 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/dhcpv6/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/dhcpv6/nodes/central/ovnnb_db.db --remote=punix:/run/lab/dhcpv6/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/dhcpv6/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/dhcpv6/nodes/central/ovnnb_db.pid --log-file=/run/lab/dhcpv6/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/dhcpv6/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/dhcpv6/nodes/central/ovnsb_db.db --remote=punix:/run/lab/dhcpv6/nodes/central/ovnsb_db.sock --unixctl=/run/lab/dhcpv6/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/dhcpv6/nodes/central/ovnsb_db.pid --log-file=/run/lab/dhcpv6/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/dhcpv6/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/dhcpv6/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/dhcpv6/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/dhcpv6/nodes/central/ovnsb_db.sock --pidfile=/run/lab/dhcpv6/nodes/central/ovn-northd.pid --log-file=/run/lab/dhcpv6/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/dhcpv6/nodes/central/ovnnb_db.pid /run/lab/dhcpv6/nodes/central/ovnsb_db.pid /run/lab/dhcpv6/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/dhcpv6/nodes/vm1
LAB_DIR=/run/lab/dhcpv6 ip netns add lab.dhcpv6.vm1
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv1 link add name vm1 type veth peer name eth0 netns lab.dhcpv6.vm1 address 02:00:00:61:00:11
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv1 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.vm1 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/dhcpv6/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/dhcpv6/nodes/hv1/conf.db --remote=punix:/run/lab/dhcpv6/nodes/hv1/db.sock --pidfile=/run/lab/dhcpv6/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/dhcpv6/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/dhcpv6/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/dhcpv6/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/dhcpv6/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=stateful-vm1 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/dhcpv6/nodes/hv1/db.sock --pidfile=/run/lab/dhcpv6/nodes/hv1/ovn-controller.pid --log-file=/run/lab/dhcpv6/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VMs vm2, vm3 plugged into br-int, ovn-controller
mkdir -p /run/lab/dhcpv6/nodes/vm2
mkdir -p /run/lab/dhcpv6/nodes/vm3
LAB_DIR=/run/lab/dhcpv6 ip netns add lab.dhcpv6.vm2
LAB_DIR=/run/lab/dhcpv6 ip netns add lab.dhcpv6.vm3
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv2 link add name vm2 type veth peer name eth0 netns lab.dhcpv6.vm2 address 02:00:00:62:00:12
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv2 link set dev vm2 mtu 1400 up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv2 link add name vm3 type veth peer name eth0 netns lab.dhcpv6.vm3 address 02:00:00:63:00:13
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.hv2 link set dev vm3 mtu 1400 up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.vm2 link set dev lo up
in_node vm3 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.vm3 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/dhcpv6 ip -n lab.dhcpv6.vm3 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/dhcpv6/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/dhcpv6/nodes/hv2/conf.db --remote=punix:/run/lab/dhcpv6/nodes/hv2/db.sock --pidfile=/run/lab/dhcpv6/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/dhcpv6/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/dhcpv6/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/dhcpv6/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/dhcpv6/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=slaac-vm2 -- --may-exist add-port br-int vm3 -- set Interface vm3 external_ids:iface-id=v6only-vm3 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/dhcpv6/nodes/hv2/db.sock --pidfile=/run/lab/dhcpv6/nodes/hv2/ovn-controller.pid --log-file=/run/lab/dhcpv6/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 3 switches, 3 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add stateful -- ls-add slaac -- ls-add v6only -- --id=@dhcp0 create DHCP_Options 'cidr="fd00:61::/64"' 'options:server_id="02:00:00:61:00:01"' 'options:dns_server="{fd00:61::53}"' -- lsp-add stateful stateful-vm1 -- lsp-set-addresses stateful-vm1 '02:00:00:61:00:11 10.61.0.11 fd00:61::11' -- set Logical_Switch_Port stateful-vm1 dhcpv6_options=@dhcp0 -- lsp-add slaac slaac-vm2 -- lsp-set-addresses slaac-vm2 '02:00:00:62:00:12 10.62.0.12 fd00:62::ff:fe62:12' -- lsp-add v6only v6only-vm3 -- lsp-set-addresses v6only-vm3 '02:00:00:63:00:13 fd00:63::ff:fe63:13' -- lr-add r1 -- lrp-add r1 r1-stateful 02:00:00:61:00:01 10.61.0.1/24 fd00:61::1/64 -- set Logical_Router_Port r1-stateful ipv6_ra_configs:address_mode=dhcpv6_stateful -- lsp-add stateful stateful-r1 -- lsp-set-type stateful-r1 router -- lsp-set-addresses stateful-r1 router -- lsp-set-options stateful-r1 router-port=r1-stateful -- lrp-add r1 r1-slaac 02:00:00:62:00:01 10.62.0.1/24 fd00:62::1/64 -- set Logical_Router_Port r1-slaac ipv6_ra_configs:address_mode=slaac -- lsp-add slaac slaac-r1 -- lsp-set-type slaac-r1 router -- lsp-set-addresses slaac-r1 router -- lsp-set-options slaac-r1 router-port=r1-slaac -- lrp-add r1 r1-v6only 06:01:02:80:79:ef fd00:63::1/64 -- set Logical_Router_Port r1-v6only ipv6_ra_configs:address_mode=slaac -- lsp-add v6only v6only-r1 -- lsp-set-type v6only-r1 router -- lsp-set-addresses v6only-r1 router -- lsp-set-options v6only-r1 router-port=r1-v6only -- --id=@acl0 create ACL direction=to-lport priority=1002 'match="ip6 && tcp.dst == 8080"' action=allow-related label=61 -- add Logical_Switch slaac acls @acl0
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port stateful-vm1 up=true -- wait-until Logical_Switch_Port slaac-vm2 up=true -- wait-until Logical_Switch_Port v6only-vm3 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- ACLs: 1 rule parsed by every chassis
in_node hv1 cat /run/lab/dhcpv6/nodes/hv1/ovn-controller.log
in_node hv2 cat /run/lab/dhcpv6/nodes/hv2/ovn-controller.log

# --- vm1: static address, IPv6 by DHCPv6 lease
in_node vm1 ip link set dev eth0 down
in_node vm1 ip link set dev eth0 up
in_node vm1 timeout 15 sh -c 'until ip -6 -o addr show dev eth0 scope link -tentative | grep -q fe80::; do sleep 0.2; done'
mkdir -p /run/lab/dhcpv6/nodes/vm1
cat > /run/lab/dhcpv6/nodes/vm1/dhclient-script <<'LAB_EOF'
#!/bin/sh
# lab: dhclient-script for a VM namespace; touches only $interface.
# prefix: the length of the netmask $1 (in the shell itself: no process for each lease).
mask_to_prefix() {
  prefix=0 ifs=$IFS
  IFS=.
  for octet in $1; do
    case $octet in
      255) prefix=$((prefix + 8));; 254) prefix=$((prefix + 7));; 252) prefix=$((prefix + 6));;
      248) prefix=$((prefix + 5));; 240) prefix=$((prefix + 4));; 224) prefix=$((prefix + 3));;
      192) prefix=$((prefix + 2));; 128) prefix=$((prefix + 1));;
    esac
  done
  IFS=$ifs
}
case "$reason" in
  PREINIT)
    # lab asks for its leases on links it brought up (it says so: -e LAB_LINK_UP=1), a user may not.
    [ -n "$LAB_LINK_UP" ] || ip link set dev "$interface" up ;;
  BOUND|RENEW|REBIND|REBOOT)
    # One ip for the whole lease (a process costs): its lines in order, the empty ones skipped.
    flush= mtu= route=
    if [ -n "$old_ip_address" ] && [ "$old_ip_address" != "$new_ip_address" ]; then
      flush="addr flush dev $interface"
    fi
    if [ -n "$new_interface_mtu" ]; then mtu="link set dev $interface mtu $new_interface_mtu"; fi
    mask_to_prefix "$new_subnet_mask"
    for router in $new_routers; do
      route="route replace default via $router dev $interface"
      break
    done
    ip -4 -batch - <<LAB_LEASE
$flush
$mtu
addr replace $new_ip_address/$prefix dev $interface
$route
LAB_LEASE
    ;;
  EXPIRE|FAIL|RELEASE|STOP)
    ip -4 addr flush dev "$interface" ;;
  PREINIT6)
    [ -n "$LAB_LINK_UP" ] || ip link set dev "$interface" up ;;
  BOUND6|RENEW6|REBIND6|REBOOT6)
    # The prefix and the gateway come from router advertisements; DHCPv6 gives the address.
    if [ -n "$old_ip6_address" ] && [ "$old_ip6_address" != "$new_ip6_address" ]; then
      ip -6 addr del "$old_ip6_address/$old_ip6_prefixlen" dev "$interface"
    fi
    if [ -n "$new_ip6_address" ]; then
      ip -6 addr replace "$new_ip6_address/$new_ip6_prefixlen" dev "$interface" nodad
    fi ;;
  EXPIRE6|RELEASE6|STOP6)
    if [ -n "$old_ip6_address" ]; then ip -6 addr del "$old_ip6_address/$old_ip6_prefixlen" dev "$interface"; fi ;;
esac
exit 0
LAB_EOF
chmod 755 /run/lab/dhcpv6/nodes/vm1/dhclient-script
mkdir -p /run/lab/dhcpv6/nodes/vm1
cat > /run/lab/dhcpv6/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/dhcpv6/nodes/vm1/bin
cat > /run/lab/dhcpv6/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/dhcpv6/nodes/vm1/dhclient.conf -sf /run/lab/dhcpv6/nodes/vm1/dhclient-script -lf /run/lab/dhcpv6/nodes/vm1/dhclient.leases -pf /run/lab/dhcpv6/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/dhcpv6/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/dhcpv6/nodes/vm1/dhclient.v6.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/dhcpv6/nodes/vm1/dhclient.v6.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/dhcpv6/nodes/vm1/dhclient.v6.log; exit $s' 20 /sbin/dhclient -6 -cf /run/lab/dhcpv6/nodes/vm1/dhclient.conf -sf /run/lab/dhcpv6/nodes/vm1/dhclient-script -lf /run/lab/dhcpv6/nodes/vm1/dhclient.v6.leases -pf /run/lab/dhcpv6/nodes/vm1/dhclient.v6.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm1 timeout 15 sh -c 'until ip -6 route show default | grep -q '\''default via'\''; do sleep 0.2; done'
in_node vm1 timeout 15 sh -c 'until ip -6 -o addr show dev eth0 scope global -tentative | grep -qF '\'' fd00:61::11/'\''; do sleep 0.2; done'
in_node vm1 ip addr add 10.61.0.11/24 dev eth0
in_node vm1 ip route add default via 10.61.0.1 dev eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: static address, IPv6 by SLAAC from the router advertisement
in_node vm2 ip link set dev eth0 down
in_node vm2 ip link set dev eth0 up
in_node vm2 timeout 15 sh -c 'until ip -6 route show default | grep -q '\''default via'\''; do sleep 0.2; done'
in_node vm2 timeout 15 sh -c 'until ip -6 -o addr show dev eth0 scope global -tentative | grep -qF '\'' fd00:62::ff:fe62:12/'\''; do sleep 0.2; done'
in_node vm2 ip addr add 10.62.0.12/24 dev eth0
in_node vm2 ip route add default via 10.62.0.1 dev eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

# --- vm3: IPv6 by SLAAC from the router advertisement
in_node vm3 ip link set dev eth0 down
in_node vm3 ip link set dev eth0 up
in_node vm3 timeout 15 sh -c 'until ip -6 route show default | grep -q '\''default via'\''; do sleep 0.2; done'
in_node vm3 timeout 15 sh -c 'until ip -6 -o addr show dev eth0 scope global -tentative | grep -qF '\'' fd00:63::ff:fe63:13/'\''; do sleep 0.2; done'
in_node vm3 ip -4 -o addr show dev eth0
in_node vm3 ip -6 -o addr show dev eth0 scope global

# --- servers: vm2 tcp/8080
in_node vm2 env LOG=/run/lab/dhcpv6/nodes/vm2/server-tcp-8080.log PID=/run/lab/dhcpv6/nodes/vm2/server-tcp-8080.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' tcp 8080 vm2
in_node vm2 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 8080

echo "lab dhcpv6 is up"
