#!/usr/bin/env bash
# Lab 'gateways' from labs/gateways.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.gateways.<node>; its daemons' files are in /run/lab/gateways/nodes/<node>.
# Remove it with 'lab down gateways' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.gateways\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/gateways
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/gateways ip netns exec lab.gateways.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/gateways LAB_RUN_DIR=/run/lab/gateways/nodes/central OVS_RUNDIR=/run/lab/gateways/nodes/central OVS_DBDIR=/run/lab/gateways/nodes/central OVS_LOGDIR=/run/lab/gateways/nodes/central OVN_RUNDIR=/run/lab/gateways/nodes/central OVN_DBDIR=/run/lab/gateways/nodes/central OVN_LOGDIR=/run/lab/gateways/nodes/central OVN_NB_DB=unix:/run/lab/gateways/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/gateways/nodes/central/ovnsb_db.sock ip netns exec lab.gateways.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/gateways LAB_RUN_DIR=/run/lab/gateways/nodes/hv1 OVS_RUNDIR=/run/lab/gateways/nodes/hv1 OVS_DBDIR=/run/lab/gateways/nodes/hv1 OVS_LOGDIR=/run/lab/gateways/nodes/hv1 OVN_RUNDIR=/run/lab/gateways/nodes/hv1 OVN_DBDIR=/run/lab/gateways/nodes/hv1 OVN_LOGDIR=/run/lab/gateways/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.gateways.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/gateways LAB_RUN_DIR=/run/lab/gateways/nodes/hv2 OVS_RUNDIR=/run/lab/gateways/nodes/hv2 OVS_DBDIR=/run/lab/gateways/nodes/hv2 OVS_LOGDIR=/run/lab/gateways/nodes/hv2 OVN_RUNDIR=/run/lab/gateways/nodes/hv2 OVN_DBDIR=/run/lab/gateways/nodes/hv2 OVN_LOGDIR=/run/lab/gateways/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.gateways.hv2 "$@" ;;
    ext1) env LAB_DIR=/run/lab/gateways PATH=/run/lab/gateways/nodes/ext1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/gateways/nodes/ext1 ip netns exec lab.gateways.ext1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/gateways PATH=/run/lab/gateways/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/gateways/nodes/vm2 ip netns exec lab.gateways.vm2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/gateways PATH=/run/lab/gateways/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/gateways/nodes/vm1 ip netns exec lab.gateways.vm1 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/gateways
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/gateways/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "gateways",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/gateways.yaml",
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
        "bridgeMappings": [
          {
            "network": "physnet1",
            "bridge": "br-ex",
            "iface": "ph-physnet1"
          }
        ]
      },
      {
        "name": "hv2",
        "ip": "192.168.100.3",
        "mac": "0a:00:c0:a8:64:03",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": [
          {
            "network": "physnet1",
            "bridge": "br-ex",
            "iface": "ph-physnet1"
          }
        ]
      }
    ],
    "switches": [
      {
        "name": "sw1",
        "subnet": {
          "network": 167772416,
          "prefix": 24,
          "text": "10.0.1.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.0.1.1",
            "server_mac": "02:00:0a:00:01:01",
            "lease_time": "3600",
            "router": "10.0.1.1"
          }
        }
      },
      {
        "name": "sw2",
        "subnet": {
          "network": 167772672,
          "prefix": 24,
          "text": "10.0.2.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.0.2.1",
            "server_mac": "02:00:0a:00:02:01",
            "lease_time": "3600",
            "router": "10.0.2.1"
          }
        }
      },
      {
        "name": "join",
        "subnet": {
          "network": 1681915904,
          "prefix": 24,
          "text": "100.64.0.0/24"
        }
      },
      {
        "name": "ext",
        "subnet": {
          "network": 2886729728,
          "prefix": 24,
          "text": "172.16.0.0/24"
        },
        "provider": "physnet1"
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
          },
          {
            "name": "r1-join",
            "switchPort": "join-r1",
            "switch": "join",
            "ip": "100.64.0.1",
            "prefix": 24,
            "mac": "06:00:64:40:00:01"
          }
        ],
        "routes": [
          {
            "prefix": "10.0.1.0/24",
            "nexthops": [
              "100.64.0.2"
            ],
            "policy": "src-ip"
          },
          {
            "prefix": "10.0.2.0/24",
            "nexthops": [
              "100.64.0.3"
            ],
            "policy": "src-ip"
          }
        ],
        "policies": [],
        "nat": []
      },
      {
        "name": "gw1",
        "chassis": "hv1",
        "options": {
          "snat-ct-zone": "0"
        },
        "ports": [
          {
            "name": "gw1-join",
            "switchPort": "join-gw1",
            "switch": "join",
            "ip": "100.64.0.2",
            "prefix": 24,
            "mac": "06:00:64:40:00:02"
          },
          {
            "name": "gw1-ext",
            "switchPort": "ext-gw1",
            "switch": "ext",
            "ip": "172.16.0.2",
            "prefix": 24,
            "mac": "06:00:ac:10:00:02"
          }
        ],
        "routes": [
          {
            "prefix": "10.0.0.0/16",
            "nexthops": [
              "100.64.0.1"
            ],
            "policy": "dst-ip"
          }
        ],
        "policies": [],
        "nat": [
          {
            "type": "snat",
            "externalIp": "172.16.0.2",
            "logicalIp": "10.0.0.0/16"
          }
        ]
      },
      {
        "name": "gw2",
        "chassis": "hv2",
        "options": {},
        "ports": [
          {
            "name": "gw2-join",
            "switchPort": "join-gw2",
            "switch": "join",
            "ip": "100.64.0.3",
            "prefix": 24,
            "mac": "06:00:64:40:00:03"
          },
          {
            "name": "gw2-ext",
            "switchPort": "ext-gw2",
            "switch": "ext",
            "ip": "172.16.0.3",
            "prefix": 24,
            "mac": "06:00:ac:10:00:03"
          }
        ],
        "routes": [
          {
            "prefix": "10.0.0.0/16",
            "nexthops": [
              "100.64.0.1"
            ],
            "policy": "dst-ip"
          }
        ],
        "policies": [],
        "nat": [
          {
            "type": "snat",
            "externalIp": "172.16.0.3",
            "logicalIp": "10.0.0.0/16"
          }
        ]
      }
    ],
    "vms": [
      {
        "name": "vm1",
        "chassis": "hv2",
        "switch": "sw1",
        "port": "sw1-vm1",
        "mac": "02:00:0a:00:01:0a",
        "ip": "10.0.1.10",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "vm2",
        "chassis": "hv1",
        "switch": "sw2",
        "port": "sw2-vm2",
        "mac": "02:00:0a:00:02:0a",
        "ip": "10.0.2.10",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      }
    ],
    "services": [],
    "localports": [],
    "networks": [
      "physnet1"
    ],
    "hosts": [
      {
        "name": "ext1",
        "network": "physnet1",
        "ip": "172.16.0.1",
        "prefix": 24,
        "mac": "02:00:ac:10:00:01",
        "dhcp": false,
        "servers": [],
        "routes": [],
        "forwarding": false
      }
    ],
    "namespaces": [],
    "links": [],
    "nbOptions": {},
    "setup": [],
    "checks": [
      {
        "name": "vm1 reaches the host outside",
        "kind": "ping",
        "from": "vm1",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "vm2 reaches the host outside",
        "kind": "ping",
        "from": "vm2",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "gw1 resolved the host's MAC by ARP on its port to ext: a MAC_Binding row",
        "kind": "mac_binding",
        "router": "gw1",
        "ip": "172.16.0.1",
        "mac": "ext1",
        "port": "gw1-ext",
        "expect": "learned"
      },
      {
        "name": "and gw2 on its own: each gateway router learns its neighbours",
        "kind": "mac_binding",
        "router": "gw2",
        "ip": "172.16.0.1",
        "mac": "ext1",
        "port": "gw2-ext",
        "expect": "learned"
      },
      {
        "name": "the host sees vm1's packets from gw1's address: sw1 leaves through gw1",
        "kind": "capture",
        "on": "ext1",
        "interface": "eth0",
        "filter": "icmp[icmptype] == icmp-echo",
        "while": {
          "from": "vm1",
          "family": 4,
          "ping": "ext1"
        },
        "src": "172.16.0.2",
        "dst": "172.16.0.1",
        "count": 1,
        "expect": "present"
      },
      {
        "name": "and vm2's from gw2's address: sw2 leaves through gw2",
        "kind": "capture",
        "on": "ext1",
        "interface": "eth0",
        "filter": "icmp[icmptype] == icmp-echo",
        "while": {
          "from": "vm2",
          "family": 4,
          "ping": "ext1"
        },
        "src": "172.16.0.3",
        "dst": "172.16.0.1",
        "count": 1,
        "expect": "present"
      },
      {
        "name": "ovn-trace: vm1's packet goes sw1 → r1 → join → gw1 → ext",
        "kind": "trace",
        "from": "vm1",
        "to": "ext1",
        "family": 4,
        "proto": "icmp",
        "expect": "delivered",
        "port": "ext-localnet",
        "through": [
          "sw1",
          "r1",
          "join",
          "gw1",
          "ext"
        ]
      },
      {
        "name": "ovn-trace: vm2's packet goes sw2 → r1 → join → gw2 → ext",
        "kind": "trace",
        "from": "vm2",
        "to": "ext1",
        "family": 4,
        "proto": "icmp",
        "expect": "delivered",
        "port": "ext-localnet",
        "through": [
          "sw2",
          "r1",
          "join",
          "gw2",
          "ext"
        ]
      },
      {
        "name": "gw1's SNAT is done on hv1, its chassis: the conntrack entry is there",
        "kind": "conntrack",
        "chassis": "hv1",
        "proto": "icmp",
        "original": {
          "src": "10.0.1.10",
          "dst": "172.16.0.1"
        },
        "reply": {
          "src": "172.16.0.1",
          "dst": "172.16.0.2"
        },
        "expect": "present"
      },
      {
        "name": "and gw2's on hv2",
        "kind": "conntrack",
        "chassis": "hv2",
        "proto": "icmp",
        "original": {
          "src": "10.0.2.10",
          "dst": "172.16.0.1"
        },
        "reply": {
          "src": "172.16.0.1",
          "dst": "172.16.0.3"
        },
        "expect": "present"
      },
      {
        "name": "gw1's SNAT is in zone 0 (snat-ct-zone), the zone OVS prints no zone= for",
        "kind": "conntrack",
        "chassis": "hv1",
        "proto": "icmp",
        "original": {
          "src": "10.0.1.10",
          "dst": "172.16.0.1"
        },
        "reply": {
          "dst": "172.16.0.2"
        },
        "zone": 0,
        "expect": "present"
      },
      {
        "name": "gw2's is not: OVN gave it a zone of its own",
        "kind": "conntrack",
        "timeout": 3,
        "chassis": "hv2",
        "proto": "icmp",
        "original": {
          "src": "10.0.2.10",
          "dst": "172.16.0.1"
        },
        "reply": {
          "dst": "172.16.0.3"
        },
        "zone": 0,
        "expect": "absent"
      },
      {
        "name": "r1 routes by source: the src-ip routes are in lr_in_ip_routing",
        "kind": "flow",
        "stage": "lr_in_ip_routing",
        "datapath": "r1",
        "match": "ip4.src == 10.0.1.0/24",
        "expect": "present"
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
mkdir -p /run/lab/gateways/nodes/underlay
LAB_DIR=/run/lab/gateways ip netns add lab.gateways.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link set dev lo up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link add name underlay type bridge
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link set dev underlay up

# --- provider networks: physnet1
mkdir -p /run/lab/gateways/nodes/net.physnet1
LAB_DIR=/run/lab/gateways ip netns add lab.gateways.net.physnet1
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link set dev lo up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link add name bridge0 type bridge
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link set dev bridge0 up

# --- nodes: central, hv1, hv2, ext1
mkdir -p /run/lab/gateways/nodes/central
LAB_DIR=/run/lab/gateways ip netns add lab.gateways.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link add name central type veth peer name eth0 netns lab.gateways.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link set dev central up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/gateways ip -n lab.gateways.central link set dev eth0 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/gateways ip -n lab.gateways.central link set dev lo up
mkdir -p /run/lab/gateways/nodes/hv1
LAB_DIR=/run/lab/gateways ip netns add lab.gateways.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link add name hv1 type veth peer name eth0 netns lab.gateways.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link set dev hv1 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv1 link set dev eth0 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv1 link set dev lo up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link add name hv1 type veth peer name ph-physnet1 netns lab.gateways.hv1
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link set dev hv1 up
in_node hv1 ethtool -K ph-physnet1 tx off
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv1 link set dev ph-physnet1 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link set dev hv1 master bridge0
mkdir -p /run/lab/gateways/nodes/hv2
LAB_DIR=/run/lab/gateways ip netns add lab.gateways.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link add name hv2 type veth peer name eth0 netns lab.gateways.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link set dev hv2 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv2 link set dev eth0 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv2 link set dev lo up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link add name hv2 type veth peer name ph-physnet1 netns lab.gateways.hv2
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link set dev hv2 up
in_node hv2 ethtool -K ph-physnet1 tx off
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv2 link set dev ph-physnet1 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link set dev hv2 master bridge0
mkdir -p /run/lab/gateways/nodes/ext1
LAB_DIR=/run/lab/gateways ip netns add lab.gateways.ext1
LAB_DIR=/run/lab/gateways ip -n lab.gateways.ext1 link set dev lo up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link add name ext1 type veth peer name eth0 netns lab.gateways.ext1 address 02:00:ac:10:00:01
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link set dev ext1 up
in_node ext1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/gateways ip -n lab.gateways.ext1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/gateways ip -n lab.gateways.ext1 link set dev eth0 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.net.physnet1 link set dev ext1 master bridge0

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/gateways/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/gateways/nodes/central/ovnnb_db.db --remote=punix:/run/lab/gateways/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/gateways/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/gateways/nodes/central/ovnnb_db.pid --log-file=/run/lab/gateways/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/gateways/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/gateways/nodes/central/ovnsb_db.db --remote=punix:/run/lab/gateways/nodes/central/ovnsb_db.sock --unixctl=/run/lab/gateways/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/gateways/nodes/central/ovnsb_db.pid --log-file=/run/lab/gateways/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/gateways/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/gateways/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/gateways/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/gateways/nodes/central/ovnsb_db.sock --pidfile=/run/lab/gateways/nodes/central/ovn-northd.pid --log-file=/run/lab/gateways/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/gateways/nodes/central/ovnnb_db.pid /run/lab/gateways/nodes/central/ovnsb_db.pid /run/lab/gateways/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VM vm2 plugged into br-int, ovn-controller
mkdir -p /run/lab/gateways/nodes/vm2
LAB_DIR=/run/lab/gateways ip netns add lab.gateways.vm2
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv1 link add name vm2 type veth peer name eth0 netns lab.gateways.vm2 address 02:00:0a:00:02:0a
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv1 link set dev vm2 mtu 1400 up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/gateways ip -n lab.gateways.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/gateways ip -n lab.gateways.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.vm2 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/gateways/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/gateways/nodes/hv1/conf.db --remote=punix:/run/lab/gateways/nodes/hv1/db.sock --pidfile=/run/lab/gateways/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/gateways/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/gateways/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/gateways/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/gateways/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=sw2-vm2 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 ovs-vsctl --timeout=30 -- --may-exist add-br br-ex -- set Bridge br-ex datapath_type=netdev -- --may-exist add-port br-ex ph-physnet1
in_node hv1 ovs-vsctl set Open_vSwitch . 'external_ids:ovn-bridge-mappings="physnet1:br-ex"'
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/gateways/nodes/hv1/db.sock --pidfile=/run/lab/gateways/nodes/hv1/ovn-controller.pid --log-file=/run/lab/gateways/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/gateways/nodes/vm1
LAB_DIR=/run/lab/gateways ip netns add lab.gateways.vm1
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv2 link add name vm1 type veth peer name eth0 netns lab.gateways.vm1 address 02:00:0a:00:01:0a
LAB_DIR=/run/lab/gateways ip -n lab.gateways.hv2 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/gateways ip -n lab.gateways.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/gateways ip -n lab.gateways.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/gateways ip -n lab.gateways.vm1 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/gateways/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/gateways/nodes/hv2/conf.db --remote=punix:/run/lab/gateways/nodes/hv2/db.sock --pidfile=/run/lab/gateways/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/gateways/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/gateways/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/gateways/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/gateways/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=sw1-vm1 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 ovs-vsctl --timeout=30 -- --may-exist add-br br-ex -- set Bridge br-ex datapath_type=netdev -- --may-exist add-port br-ex ph-physnet1
in_node hv2 ovs-vsctl set Open_vSwitch . 'external_ids:ovn-bridge-mappings="physnet1:br-ex"'
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/gateways/nodes/hv2/db.sock --pidfile=/run/lab/gateways/nodes/hv2/ovn-controller.pid --log-file=/run/lab/gateways/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 4 switches, 2 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add sw1 -- ls-add sw2 -- ls-add join -- ls-add ext -- lsp-add ext ext-localnet -- lsp-set-type ext-localnet localnet -- lsp-set-addresses ext-localnet unknown -- lsp-set-options ext-localnet network_name=physnet1 -- --id=@dhcp0 create DHCP_Options cidr=10.0.1.0/24 'options:server_id="10.0.1.1"' 'options:server_mac="02:00:0a:00:01:01"' 'options:lease_time="3600"' 'options:router="10.0.1.1"' -- lsp-add sw1 sw1-vm1 -- lsp-set-addresses sw1-vm1 '02:00:0a:00:01:0a 10.0.1.10' -- set Logical_Switch_Port sw1-vm1 dhcpv4_options=@dhcp0 -- --id=@dhcp1 create DHCP_Options cidr=10.0.2.0/24 'options:server_id="10.0.2.1"' 'options:server_mac="02:00:0a:00:02:01"' 'options:lease_time="3600"' 'options:router="10.0.2.1"' -- lsp-add sw2 sw2-vm2 -- lsp-set-addresses sw2-vm2 '02:00:0a:00:02:0a 10.0.2.10' -- set Logical_Switch_Port sw2-vm2 dhcpv4_options=@dhcp1 -- lr-add r1 -- lrp-add r1 r1-sw1 06:00:0a:00:01:01 10.0.1.1/24 -- lsp-add sw1 sw1-r1 -- lsp-set-type sw1-r1 router -- lsp-set-addresses sw1-r1 router -- lsp-set-options sw1-r1 router-port=r1-sw1 -- lrp-add r1 r1-sw2 06:00:0a:00:02:01 10.0.2.1/24 -- lsp-add sw2 sw2-r1 -- lsp-set-type sw2-r1 router -- lsp-set-addresses sw2-r1 router -- lsp-set-options sw2-r1 router-port=r1-sw2 -- lrp-add r1 r1-join 06:00:64:40:00:01 100.64.0.1/24 -- lsp-add join join-r1 -- lsp-set-type join-r1 router -- lsp-set-addresses join-r1 router -- lsp-set-options join-r1 router-port=r1-join -- --policy=src-ip lr-route-add r1 10.0.1.0/24 100.64.0.2 -- --policy=src-ip lr-route-add r1 10.0.2.0/24 100.64.0.3 -- lr-add gw1 -- set Logical_Router gw1 'options:chassis="hv1"' 'options:snat-ct-zone="0"' -- lrp-add gw1 gw1-join 06:00:64:40:00:02 100.64.0.2/24 -- lsp-add join join-gw1 -- lsp-set-type join-gw1 router -- lsp-set-addresses join-gw1 router -- lsp-set-options join-gw1 router-port=gw1-join -- lrp-add gw1 gw1-ext 06:00:ac:10:00:02 172.16.0.2/24 -- lsp-add ext ext-gw1 -- lsp-set-type ext-gw1 router -- lsp-set-addresses ext-gw1 router -- lsp-set-options ext-gw1 router-port=gw1-ext -- lr-route-add gw1 10.0.0.0/16 100.64.0.1 -- lr-nat-add gw1 snat 172.16.0.2 10.0.0.0/16 -- lr-add gw2 -- set Logical_Router gw2 'options:chassis="hv2"' -- lrp-add gw2 gw2-join 06:00:64:40:00:03 100.64.0.3/24 -- lsp-add join join-gw2 -- lsp-set-type join-gw2 router -- lsp-set-addresses join-gw2 router -- lsp-set-options join-gw2 router-port=gw2-join -- lrp-add gw2 gw2-ext 06:00:ac:10:00:03 172.16.0.3/24 -- lsp-add ext ext-gw2 -- lsp-set-type ext-gw2 router -- lsp-set-addresses ext-gw2 router -- lsp-set-options ext-gw2 router-port=gw2-ext -- lr-route-add gw2 10.0.0.0/16 100.64.0.1 -- lr-nat-add gw2 snat 172.16.0.3 10.0.0.0/16
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port sw1-vm1 up=true -- wait-until Logical_Switch_Port sw2-vm2 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: DHCP lease
mkdir -p /run/lab/gateways/nodes/vm1
cat > /run/lab/gateways/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/gateways/nodes/vm1/dhclient-script
mkdir -p /run/lab/gateways/nodes/vm1
cat > /run/lab/gateways/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/gateways/nodes/vm1/bin
cat > /run/lab/gateways/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/gateways/nodes/vm1/dhclient.conf -sf /run/lab/gateways/nodes/vm1/dhclient-script -lf /run/lab/gateways/nodes/vm1/dhclient.leases -pf /run/lab/gateways/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/gateways/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/gateways/nodes/vm1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/gateways/nodes/vm1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/gateways/nodes/vm1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/gateways/nodes/vm1/dhclient.conf -sf /run/lab/gateways/nodes/vm1/dhclient-script -lf /run/lab/gateways/nodes/vm1/dhclient.leases -pf /run/lab/gateways/nodes/vm1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: DHCP lease
install -D -m 755 /run/lab/gateways/nodes/vm1/dhclient-script /run/lab/gateways/nodes/vm2/dhclient-script
install -D -m 644 /run/lab/gateways/nodes/vm1/dhclient.conf /run/lab/gateways/nodes/vm2/dhclient.conf
mkdir -p /run/lab/gateways/nodes/vm2/bin
cat > /run/lab/gateways/nodes/vm2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/gateways/nodes/vm2/dhclient.conf -sf /run/lab/gateways/nodes/vm2/dhclient-script -lf /run/lab/gateways/nodes/vm2/dhclient.leases -pf /run/lab/gateways/nodes/vm2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/gateways/nodes/vm2/bin/dhclient
in_node vm2 sh -c 'timeout "$0" "$@" > /run/lab/gateways/nodes/vm2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/gateways/nodes/vm2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/gateways/nodes/vm2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/gateways/nodes/vm2/dhclient.conf -sf /run/lab/gateways/nodes/vm2/dhclient-script -lf /run/lab/gateways/nodes/vm2/dhclient.leases -pf /run/lab/gateways/nodes/vm2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

# --- host ext1: static address
in_node ext1 ip addr add 172.16.0.1/24 dev eth0
in_node ext1 ip -4 -o addr show dev eth0
in_node ext1 ip -6 -o addr show dev eth0 scope global

echo "lab gateways is up"
