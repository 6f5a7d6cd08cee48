#!/usr/bin/env bash
# Lab 'l3-ha' from labs/l3-ha.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.l3-ha.<node>; its daemons' files are in /run/lab/l3-ha/nodes/<node>.
# Remove it with 'lab down l3-ha' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.l3-ha\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/l3-ha
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/l3-ha ip netns exec lab.l3-ha.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/l3-ha LAB_RUN_DIR=/run/lab/l3-ha/nodes/central OVS_RUNDIR=/run/lab/l3-ha/nodes/central OVS_DBDIR=/run/lab/l3-ha/nodes/central OVS_LOGDIR=/run/lab/l3-ha/nodes/central OVN_RUNDIR=/run/lab/l3-ha/nodes/central OVN_DBDIR=/run/lab/l3-ha/nodes/central OVN_LOGDIR=/run/lab/l3-ha/nodes/central OVN_NB_DB=unix:/run/lab/l3-ha/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/l3-ha/nodes/central/ovnsb_db.sock ip netns exec lab.l3-ha.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/l3-ha LAB_RUN_DIR=/run/lab/l3-ha/nodes/hv1 OVS_RUNDIR=/run/lab/l3-ha/nodes/hv1 OVS_DBDIR=/run/lab/l3-ha/nodes/hv1 OVS_LOGDIR=/run/lab/l3-ha/nodes/hv1 OVN_RUNDIR=/run/lab/l3-ha/nodes/hv1 OVN_DBDIR=/run/lab/l3-ha/nodes/hv1 OVN_LOGDIR=/run/lab/l3-ha/nodes/hv1 OVN_NB_DB=tcp:192.168.164.1:6641 OVN_SB_DB=tcp:192.168.164.1:6642 ip netns exec lab.l3-ha.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/l3-ha LAB_RUN_DIR=/run/lab/l3-ha/nodes/hv2 OVS_RUNDIR=/run/lab/l3-ha/nodes/hv2 OVS_DBDIR=/run/lab/l3-ha/nodes/hv2 OVS_LOGDIR=/run/lab/l3-ha/nodes/hv2 OVN_RUNDIR=/run/lab/l3-ha/nodes/hv2 OVN_DBDIR=/run/lab/l3-ha/nodes/hv2 OVN_LOGDIR=/run/lab/l3-ha/nodes/hv2 OVN_NB_DB=tcp:192.168.164.1:6641 OVN_SB_DB=tcp:192.168.164.1:6642 ip netns exec lab.l3-ha.hv2 "$@" ;;
    hv3) env LAB_DIR=/run/lab/l3-ha LAB_RUN_DIR=/run/lab/l3-ha/nodes/hv3 OVS_RUNDIR=/run/lab/l3-ha/nodes/hv3 OVS_DBDIR=/run/lab/l3-ha/nodes/hv3 OVS_LOGDIR=/run/lab/l3-ha/nodes/hv3 OVN_RUNDIR=/run/lab/l3-ha/nodes/hv3 OVN_DBDIR=/run/lab/l3-ha/nodes/hv3 OVN_LOGDIR=/run/lab/l3-ha/nodes/hv3 OVN_NB_DB=tcp:192.168.164.1:6641 OVN_SB_DB=tcp:192.168.164.1:6642 ip netns exec lab.l3-ha.hv3 "$@" ;;
    ext1) env LAB_DIR=/run/lab/l3-ha PATH=/run/lab/l3-ha/nodes/ext1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/l3-ha/nodes/ext1 ip netns exec lab.l3-ha.ext1 "$@" ;;
    vm1) env LAB_DIR=/run/lab/l3-ha PATH=/run/lab/l3-ha/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/l3-ha/nodes/vm1 ip netns exec lab.l3-ha.vm1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/l3-ha PATH=/run/lab/l3-ha/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/l3-ha/nodes/vm2 ip netns exec lab.l3-ha.vm2 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/l3-ha
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/l3-ha/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "l3-ha",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/l3-ha.yaml",
    "underlay": {
      "subnet": {
        "network": 3232277504,
        "prefix": 24,
        "text": "192.168.164.0/24"
      }
    },
    "central": {
      "name": "central",
      "ip": "192.168.164.1",
      "ssl": false
    },
    "chassis": [
      {
        "name": "hv1",
        "ip": "192.168.164.2",
        "mac": "0a:00:c0:a8:a4:02",
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
        "ip": "192.168.164.3",
        "mac": "0a:00:c0:a8:a4:03",
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
        "name": "hv3",
        "ip": "192.168.164.4",
        "mac": "0a:00:c0:a8:a4:04",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      }
    ],
    "switches": [
      {
        "name": "net1",
        "subnet": {
          "network": 171966720,
          "prefix": 24,
          "text": "10.64.1.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.64.1.1",
            "server_mac": "02:00:0a:40:01:01",
            "lease_time": "3600",
            "router": "10.64.1.1"
          }
        }
      },
      {
        "name": "net2",
        "subnet": {
          "network": 171966976,
          "prefix": 24,
          "text": "10.64.2.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.64.2.1",
            "server_mac": "02:00:0a:40:02:01",
            "lease_time": "3600",
            "router": "10.64.2.1"
          }
        }
      },
      {
        "name": "public",
        "subnet": {
          "network": 2886746112,
          "prefix": 24,
          "text": "172.16.64.0/24"
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
            "name": "r1-net1",
            "switchPort": "net1-r1",
            "switch": "net1",
            "ip": "10.64.1.1",
            "prefix": 24,
            "mac": "06:00:0a:40:01:01"
          },
          {
            "name": "r1-public",
            "switchPort": "public-r1",
            "switch": "public",
            "ip": "172.16.64.10",
            "prefix": 24,
            "mac": "06:00:ac:10:40:0a",
            "gatewayChassis": [
              "hv1",
              "hv2"
            ]
          }
        ],
        "routes": [],
        "policies": [],
        "nat": [
          {
            "type": "snat",
            "externalIp": "172.16.64.10",
            "logicalIp": "10.64.1.0/24"
          }
        ]
      },
      {
        "name": "r2",
        "options": {},
        "ports": [
          {
            "name": "r2-net2",
            "switchPort": "net2-r2",
            "switch": "net2",
            "ip": "10.64.2.1",
            "prefix": 24,
            "mac": "06:00:0a:40:02:01"
          },
          {
            "name": "r2-public",
            "switchPort": "public-r2",
            "switch": "public",
            "ip": "172.16.64.20",
            "prefix": 24,
            "mac": "06:00:ac:10:40:14"
          }
        ],
        "routes": [],
        "policies": [],
        "nat": [
          {
            "type": "snat",
            "externalIp": "172.16.64.20",
            "logicalIp": "10.64.2.0/24"
          }
        ]
      }
    ],
    "vms": [
      {
        "name": "vm1",
        "chassis": "hv3",
        "switch": "net1",
        "port": "net1-vm1",
        "mac": "02:00:0a:40:01:0b",
        "ip": "10.64.1.11",
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
        "chassis": "hv3",
        "switch": "net2",
        "port": "net2-vm2",
        "mac": "02:00:0a:40:02:0b",
        "ip": "10.64.2.11",
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
        "ip": "172.16.64.1",
        "prefix": 24,
        "mac": "02:00:ac:10:40:01",
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
        "name": "OVN turned BFD on from hv3 to both gateway chassis, sessions up",
        "kind": "bfd",
        "chassis": "hv3",
        "peer": "hv1",
        "state": "up"
      },
      {
        "name": "and to hv2",
        "kind": "bfd",
        "chassis": "hv3",
        "peer": "hv2",
        "state": "up"
      },
      {
        "name": "the gateway chassis watch each other too",
        "kind": "bfd",
        "chassis": "hv2",
        "peer": "hv1",
        "state": "up"
      },
      {
        "name": "r1's gateway port is resident on hv1, northd's SB HA group has hv1 before hv2",
        "kind": "gateway",
        "port": "r1-public",
        "chassis": "hv1",
        "ha_chassis": [
          "hv1",
          "hv2"
        ]
      },
      {
        "name": "r2's, served by the HA chassis group edge, on hv2",
        "kind": "gateway",
        "port": "r2-public",
        "chassis": "hv2",
        "ha_chassis": [
          "hv2",
          "hv1"
        ]
      },
      {
        "name": "vm1 reaches ext1 through r1's gateway on hv1",
        "kind": "ping",
        "from": "vm1",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "ext1 sees vm1's pings from r1's address (SNAT)",
        "kind": "capture",
        "on": "ext1",
        "interface": "eth0",
        "filter": "icmp[icmptype] == icmp-echo",
        "while": {
          "from": "vm1",
          "family": 4,
          "ping": "ext1"
        },
        "src": "172.16.64.10",
        "dst": "172.16.64.1",
        "count": 1,
        "expect": "present"
      },
      {
        "name": "the SNAT is hv1's (its conntrack)",
        "kind": "conntrack",
        "chassis": "hv1",
        "proto": "icmp",
        "original": {
          "src": "10.64.1.11",
          "dst": "172.16.64.1"
        },
        "reply": {
          "src": "172.16.64.1",
          "dst": "172.16.64.10"
        },
        "expect": "present"
      },
      {
        "name": "vm2 reaches ext1 through r2's gateway on hv2",
        "kind": "ping",
        "from": "vm2",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "hv2 fails as a whole host (every daemon SIGKILLed)",
        "kind": "step",
        "fail_chassis": "hv2"
      },
      {
        "name": "r2's port moves to hv1, the group's next chassis (the check says how long after the fault)",
        "kind": "gateway",
        "timeout": 30,
        "port": "r2-public",
        "chassis": "hv1"
      },
      {
        "name": "vm2 reaches ext1 again, through hv1",
        "kind": "ping",
        "timeout": 30,
        "from": "vm2",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "ext1 sees vm2's pings from r2's address, SNATed on hv1 now",
        "kind": "capture",
        "on": "ext1",
        "interface": "eth0",
        "filter": "icmp[icmptype] == icmp-echo",
        "while": {
          "from": "vm2",
          "family": 4,
          "ping": "ext1"
        },
        "src": "172.16.64.20",
        "dst": "172.16.64.1",
        "count": 1,
        "expect": "present"
      },
      {
        "name": "hv2 boots again",
        "kind": "step",
        "recover_chassis": "hv2"
      },
      {
        "name": "hv2 takes r2's port back",
        "kind": "gateway",
        "timeout": 30,
        "port": "r2-public",
        "chassis": "hv2"
      },
      {
        "name": "vm2 reaches ext1 through hv2 again",
        "kind": "ping",
        "timeout": 30,
        "from": "vm2",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "hv1's ovs-vswitchd dies (SIGKILL)",
        "kind": "step",
        "kill": {
          "daemon": "ovs-vswitchd",
          "node": "hv1"
        }
      },
      {
        "name": "r1's port moves to hv2 (the check says how long after the fault)",
        "kind": "gateway",
        "timeout": 30,
        "port": "r1-public",
        "chassis": "hv2"
      },
      {
        "name": "hv3's BFD session to hv1 is down",
        "kind": "bfd",
        "timeout": 15,
        "chassis": "hv3",
        "peer": "hv1",
        "state": "down"
      },
      {
        "name": "vm1 reaches ext1 again, through hv2",
        "kind": "ping",
        "timeout": 30,
        "from": "vm1",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "r1's address, SNATed by hv2 now (its conntrack)",
        "kind": "conntrack",
        "chassis": "hv2",
        "proto": "icmp",
        "original": {
          "src": "10.64.1.11",
          "dst": "172.16.64.1"
        },
        "reply": {
          "src": "172.16.64.1",
          "dst": "172.16.64.10"
        },
        "expect": "present"
      },
      {
        "name": "r2's port stays on hv2, its first chassis",
        "kind": "gateway",
        "port": "r2-public",
        "chassis": "hv2"
      },
      {
        "name": "hv1's ovs-vswitchd starts again",
        "kind": "step",
        "restart": {
          "daemon": "ovs-vswitchd",
          "node": "hv1"
        }
      },
      {
        "name": "BFD from hv3 to hv1 comes up again",
        "kind": "bfd",
        "timeout": 30,
        "ovn": "<26.03",
        "chassis": "hv3",
        "peer": "hv1",
        "state": "up"
      },
      {
        "name": "hv1 takes r1's port back (OVN always preempts)",
        "kind": "gateway",
        "timeout": 30,
        "ovn": "<26.03",
        "port": "r1-public",
        "chassis": "hv1"
      },
      {
        "name": "vm1 reaches ext1 through hv1 again",
        "kind": "ping",
        "timeout": 30,
        "ovn": "<26.03",
        "from": "vm1",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "OVN 26.03: vm1 still reaches ext1, through hv2 or, if ovn-controller noticed the restart, hv1",
        "kind": "ping",
        "timeout": 30,
        "ovn": ">=26.03",
        "from": "vm1",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      }
    ],
    "portGroups": [],
    "addressSets": [],
    "acls": [],
    "loadBalancers": [],
    "haChassisGroups": [
      {
        "name": "edge",
        "chassis": [
          {
            "name": "hv2",
            "priority": 30
          },
          {
            "name": "hv1",
            "priority": 20
          }
        ],
        "ports": [
          "r2-public"
        ]
      }
    ],
    "bfd": {
      "bfd-min-rx": "300",
      "bfd-min-tx": "300",
      "bfd-mult": "3"
    }
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

# --- underlay 192.168.164.0/24
mkdir -p /run/lab/l3-ha/nodes/underlay
LAB_DIR=/run/lab/l3-ha ip netns add lab.l3-ha.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev lo up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link add name underlay type bridge
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev underlay up

# --- provider networks: physnet1
mkdir -p /run/lab/l3-ha/nodes/net.physnet1
LAB_DIR=/run/lab/l3-ha ip netns add lab.l3-ha.net.physnet1
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link set dev lo up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link add name bridge0 type bridge
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link set dev bridge0 up

# --- nodes: central, hv1, hv2, hv3, ext1
mkdir -p /run/lab/l3-ha/nodes/central
LAB_DIR=/run/lab/l3-ha ip netns add lab.l3-ha.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link add name central type veth peer name eth0 netns lab.l3-ha.central address 0a:00:c0:a8:a4:01
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev central up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.central link set dev eth0 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.central addr add 192.168.164.1/24 dev eth0
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.central link set dev lo up
mkdir -p /run/lab/l3-ha/nodes/hv1
LAB_DIR=/run/lab/l3-ha ip netns add lab.l3-ha.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link add name hv1 type veth peer name eth0 netns lab.l3-ha.hv1 address 0c:00:c0:a8:a4:02
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev hv1 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv1 link set dev eth0 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv1 addr add 192.168.164.2/24 dev eth0
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv1 link set dev lo up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link add name hv1 type veth peer name ph-physnet1 netns lab.l3-ha.hv1
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link set dev hv1 up
in_node hv1 ethtool -K ph-physnet1 tx off
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv1 link set dev ph-physnet1 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link set dev hv1 master bridge0
mkdir -p /run/lab/l3-ha/nodes/hv2
LAB_DIR=/run/lab/l3-ha ip netns add lab.l3-ha.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link add name hv2 type veth peer name eth0 netns lab.l3-ha.hv2 address 0c:00:c0:a8:a4:03
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev hv2 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv2 link set dev eth0 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv2 addr add 192.168.164.3/24 dev eth0
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv2 link set dev lo up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link add name hv2 type veth peer name ph-physnet1 netns lab.l3-ha.hv2
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link set dev hv2 up
in_node hv2 ethtool -K ph-physnet1 tx off
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv2 link set dev ph-physnet1 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link set dev hv2 master bridge0
mkdir -p /run/lab/l3-ha/nodes/hv3
LAB_DIR=/run/lab/l3-ha ip netns add lab.l3-ha.hv3
in_node hv3 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link add name hv3 type veth peer name eth0 netns lab.l3-ha.hv3 address 0c:00:c0:a8:a4:04
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev hv3 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.underlay link set dev hv3 master underlay
in_node hv3 ethtool -K eth0 tx off
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv3 link set dev eth0 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv3 addr add 192.168.164.4/24 dev eth0
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv3 link set dev lo up
mkdir -p /run/lab/l3-ha/nodes/ext1
LAB_DIR=/run/lab/l3-ha ip netns add lab.l3-ha.ext1
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.ext1 link set dev lo up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link add name ext1 type veth peer name eth0 netns lab.l3-ha.ext1 address 02:00:ac:10:40:01
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link set dev ext1 up
in_node ext1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.ext1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.ext1 link set dev eth0 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.net.physnet1 link set dev ext1 master bridge0

# --- central 192.168.164.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/l3-ha/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/l3-ha/nodes/central/ovnnb_db.db --remote=punix:/run/lab/l3-ha/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.164.1 --unixctl=/run/lab/l3-ha/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/l3-ha/nodes/central/ovnnb_db.pid --log-file=/run/lab/l3-ha/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/l3-ha/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/l3-ha/nodes/central/ovnsb_db.db --remote=punix:/run/lab/l3-ha/nodes/central/ovnsb_db.sock --unixctl=/run/lab/l3-ha/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/l3-ha/nodes/central/ovnsb_db.pid --log-file=/run/lab/l3-ha/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/l3-ha/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.164.2 -- chassis-add hv2 geneve 192.168.164.3 -- chassis-add hv3 geneve 192.168.164.4
in_node central ovs-appctl -t /run/lab/l3-ha/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.164.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/l3-ha/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/l3-ha/nodes/central/ovnsb_db.sock --pidfile=/run/lab/l3-ha/nodes/central/ovn-northd.pid --log-file=/run/lab/l3-ha/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/l3-ha/nodes/central/ovnnb_db.pid /run/lab/l3-ha/nodes/central/ovnsb_db.pid /run/lab/l3-ha/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.164.2 lladdr 0c:00:c0:a8:a4:02 dev eth0 nud permanent' 'neigh replace 192.168.164.3 lladdr 0c:00:c0:a8:a4:03 dev eth0 nud permanent' 'neigh replace 192.168.164.4 lladdr 0c:00:c0:a8:a4:04 dev eth0 nud permanent'

# --- chassis hv1 192.168.164.2: ovs-vswitchd, br-phy, ovn-controller
in_node hv1 ovsdb-tool create /run/lab/l3-ha/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/l3-ha/nodes/hv1/conf.db --remote=punix:/run/lab/l3-ha/nodes/hv1/db.sock --pidfile=/run/lab/l3-ha/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/l3-ha/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/l3-ha/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/l3-ha/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/l3-ha/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:a4:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:a4:02"' -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.164.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.164.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.164.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.164.1/32 dev eth0 src 192.168.164.2
in_node hv1 ip neigh replace 192.168.164.1 lladdr 0a:00:c0:a8:a4:01 dev eth0 nud permanent
in_node hv1 ovs-vsctl --timeout=30 -- --may-exist add-br br-ex -- set Bridge br-ex datapath_type=netdev -- --may-exist add-port br-ex ph-physnet1
in_node hv1 ovs-vsctl set Open_vSwitch . 'external_ids:ovn-bridge-mappings="physnet1:br-ex"'
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.164.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/l3-ha/nodes/hv1/db.sock --pidfile=/run/lab/l3-ha/nodes/hv1/ovn-controller.pid --log-file=/run/lab/l3-ha/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.164.3 0a:00:c0:a8:a4:03
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.164.4 0a:00:c0:a8:a4:04

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.164.3: ovs-vswitchd, br-phy, ovn-controller
in_node hv2 ovsdb-tool create /run/lab/l3-ha/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/l3-ha/nodes/hv2/conf.db --remote=punix:/run/lab/l3-ha/nodes/hv2/db.sock --pidfile=/run/lab/l3-ha/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/l3-ha/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/l3-ha/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/l3-ha/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/l3-ha/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:a4:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:a4:03"' -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.164.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.164.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.164.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.164.1/32 dev eth0 src 192.168.164.3
in_node hv2 ip neigh replace 192.168.164.1 lladdr 0a:00:c0:a8:a4:01 dev eth0 nud permanent
in_node hv2 ovs-vsctl --timeout=30 -- --may-exist add-br br-ex -- set Bridge br-ex datapath_type=netdev -- --may-exist add-port br-ex ph-physnet1
in_node hv2 ovs-vsctl set Open_vSwitch . 'external_ids:ovn-bridge-mappings="physnet1:br-ex"'
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.164.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/l3-ha/nodes/hv2/db.sock --pidfile=/run/lab/l3-ha/nodes/hv2/ovn-controller.pid --log-file=/run/lab/l3-ha/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.164.2 0a:00:c0:a8:a4:02
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.164.4 0a:00:c0:a8:a4:04

# --- chassis hv3 192.168.164.4: ovs-vswitchd, br-phy, VMs vm1, vm2 plugged into br-int, ovn-controller
mkdir -p /run/lab/l3-ha/nodes/vm1
mkdir -p /run/lab/l3-ha/nodes/vm2
LAB_DIR=/run/lab/l3-ha ip netns add lab.l3-ha.vm1
LAB_DIR=/run/lab/l3-ha ip netns add lab.l3-ha.vm2
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv3 link add name vm1 type veth peer name eth0 netns lab.l3-ha.vm1 address 02:00:0a:40:01:0b
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv3 link set dev vm1 mtu 1400 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv3 link add name vm2 type veth peer name eth0 netns lab.l3-ha.vm2 address 02:00:0a:40:02:0b
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.hv3 link set dev vm2 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.vm1 link set dev lo up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/l3-ha ip -n lab.l3-ha.vm2 link set dev lo up
in_node hv3 ovsdb-tool create /run/lab/l3-ha/nodes/hv3/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv3 ovsdb-server /run/lab/l3-ha/nodes/hv3/conf.db --remote=punix:/run/lab/l3-ha/nodes/hv3/db.sock --pidfile=/run/lab/l3-ha/nodes/hv3/ovsdb-server.pid --log-file=/run/lab/l3-ha/nodes/hv3/ovsdb-server.log --detach --no-chdir
in_node hv3 ovs-vswitchd unix:/run/lab/l3-ha/nodes/hv3/db.sock --disable-system --pidfile=/run/lab/l3-ha/nodes/hv3/ovs-vswitchd.pid --log-file=/run/lab/l3-ha/nodes/hv3/ovs-vswitchd.log --detach --no-chdir
in_node hv3 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:a4:04"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:a4:04"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=net1-vm1 -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=net2-vm2 -- set Open_vSwitch . external_ids:system-id=hv3 external_ids:hostname=hv3 external_ids:ovn-remote=tcp:192.168.164.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.164.4 external_ids:ovn-bridge-datapath-type=netdev
in_node hv3 ip addr flush dev eth0
in_node hv3 ip addr add 192.168.164.4/24 dev br-phy
in_node hv3 ip link set dev br-phy up
in_node hv3 ip route add 192.168.164.1/32 dev eth0 src 192.168.164.4
in_node hv3 ip neigh replace 192.168.164.1 lladdr 0a:00:c0:a8:a4:01 dev eth0 nud permanent
in_node hv3 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.164.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv3 ovn-controller unix:/run/lab/l3-ha/nodes/hv3/db.sock --pidfile=/run/lab/l3-ha/nodes/hv3/ovn-controller.pid --log-file=/run/lab/l3-ha/nodes/hv3/ovn-controller.log --detach --no-chdir
in_node hv3 ovs-appctl tnl/neigh/set br-phy 192.168.164.2 0a:00:c0:a8:a4:02
in_node hv3 ovs-appctl tnl/neigh/set br-phy 192.168.164.3 0a:00:c0:a8:a4:03

# --- logical network, once the 3 chassis have registered: 3 switches, 2 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2 -- wait-until Chassis_Private hv3
in_node central ovn-nbctl --timeout=30 -- ls-add net1 -- ls-add net2 -- ls-add public -- lsp-add public public-localnet -- lsp-set-type public-localnet localnet -- lsp-set-addresses public-localnet unknown -- lsp-set-options public-localnet network_name=physnet1 -- --id=@dhcp0 create DHCP_Options cidr=10.64.1.0/24 'options:server_id="10.64.1.1"' 'options:server_mac="02:00:0a:40:01:01"' 'options:lease_time="3600"' 'options:router="10.64.1.1"' -- lsp-add net1 net1-vm1 -- lsp-set-addresses net1-vm1 '02:00:0a:40:01:0b 10.64.1.11' -- set Logical_Switch_Port net1-vm1 dhcpv4_options=@dhcp0 -- --id=@dhcp1 create DHCP_Options cidr=10.64.2.0/24 'options:server_id="10.64.2.1"' 'options:server_mac="02:00:0a:40:02:01"' 'options:lease_time="3600"' 'options:router="10.64.2.1"' -- lsp-add net2 net2-vm2 -- lsp-set-addresses net2-vm2 '02:00:0a:40:02:0b 10.64.2.11' -- set Logical_Switch_Port net2-vm2 dhcpv4_options=@dhcp1 -- lr-add r1 -- lrp-add r1 r1-net1 06:00:0a:40:01:01 10.64.1.1/24 -- lsp-add net1 net1-r1 -- lsp-set-type net1-r1 router -- lsp-set-addresses net1-r1 router -- lsp-set-options net1-r1 router-port=r1-net1 -- lrp-add r1 r1-public 06:00:ac:10:40:0a 172.16.64.10/24 -- lsp-add public public-r1 -- lsp-set-type public-r1 router -- lsp-set-addresses public-r1 router -- lsp-set-options public-r1 router-port=r1-public -- lrp-set-gateway-chassis r1-public hv1 20 -- lrp-set-gateway-chassis r1-public hv2 10 -- lr-nat-add r1 snat 172.16.64.10 10.64.1.0/24 -- lr-add r2 -- lrp-add r2 r2-net2 06:00:0a:40:02:01 10.64.2.1/24 -- lsp-add net2 net2-r2 -- lsp-set-type net2-r2 router -- lsp-set-addresses net2-r2 router -- lsp-set-options net2-r2 router-port=r2-net2 -- lrp-add r2 r2-public 06:00:ac:10:40:14 172.16.64.20/24 -- lsp-add public public-r2 -- lsp-set-type public-r2 router -- lsp-set-addresses public-r2 router -- lsp-set-options public-r2 router-port=r2-public -- lr-nat-add r2 snat 172.16.64.20 10.64.2.0/24 -- --id=@ha_edge_0 create HA_Chassis 'chassis_name="hv2"' priority=30 -- --id=@ha_edge_1 create HA_Chassis 'chassis_name="hv1"' priority=20 -- --id=@ha_edge create HA_Chassis_Group 'name="edge"' 'ha_chassis=[@ha_edge_0,@ha_edge_1]' -- set Logical_Router_Port r2-public ha_chassis_group=@ha_edge -- set NB_Global . 'options:bfd-min-rx="300"' 'options:bfd-min-tx="300"' 'options:bfd-mult="3"'
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2 -- wait-until Chassis_Private hv3
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port net1-vm1 up=true -- wait-until Logical_Switch_Port net2-vm2 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: DHCP lease
mkdir -p /run/lab/l3-ha/nodes/vm1
cat > /run/lab/l3-ha/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/l3-ha/nodes/vm1/dhclient-script
mkdir -p /run/lab/l3-ha/nodes/vm1
cat > /run/lab/l3-ha/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/l3-ha/nodes/vm1/bin
cat > /run/lab/l3-ha/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/l3-ha/nodes/vm1/dhclient.conf -sf /run/lab/l3-ha/nodes/vm1/dhclient-script -lf /run/lab/l3-ha/nodes/vm1/dhclient.leases -pf /run/lab/l3-ha/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/l3-ha/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/l3-ha/nodes/vm1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/l3-ha/nodes/vm1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/l3-ha/nodes/vm1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/l3-ha/nodes/vm1/dhclient.conf -sf /run/lab/l3-ha/nodes/vm1/dhclient-script -lf /run/lab/l3-ha/nodes/vm1/dhclient.leases -pf /run/lab/l3-ha/nodes/vm1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: DHCP lease
install -D -m 755 /run/lab/l3-ha/nodes/vm1/dhclient-script /run/lab/l3-ha/nodes/vm2/dhclient-script
install -D -m 644 /run/lab/l3-ha/nodes/vm1/dhclient.conf /run/lab/l3-ha/nodes/vm2/dhclient.conf
mkdir -p /run/lab/l3-ha/nodes/vm2/bin
cat > /run/lab/l3-ha/nodes/vm2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/l3-ha/nodes/vm2/dhclient.conf -sf /run/lab/l3-ha/nodes/vm2/dhclient-script -lf /run/lab/l3-ha/nodes/vm2/dhclient.leases -pf /run/lab/l3-ha/nodes/vm2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/l3-ha/nodes/vm2/bin/dhclient
in_node vm2 sh -c 'timeout "$0" "$@" > /run/lab/l3-ha/nodes/vm2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/l3-ha/nodes/vm2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/l3-ha/nodes/vm2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/l3-ha/nodes/vm2/dhclient.conf -sf /run/lab/l3-ha/nodes/vm2/dhclient-script -lf /run/lab/l3-ha/nodes/vm2/dhclient.leases -pf /run/lab/l3-ha/nodes/vm2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

# --- host ext1: static address
in_node ext1 ip addr add 172.16.64.1/24 dev eth0
in_node ext1 ip -4 -o addr show dev eth0
in_node ext1 ip -6 -o addr show dev eth0 scope global

echo "lab l3-ha is up"
