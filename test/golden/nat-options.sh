#!/usr/bin/env bash
# Lab 'nat-options' from labs/nat-options.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.nat-options.<node>; its daemons' files are in /run/lab/nat-options/nodes/<node>.
# Remove it with 'lab down nat-options' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.nat-options\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/nat-options
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/nat-options ip netns exec lab.nat-options.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/nat-options LAB_RUN_DIR=/run/lab/nat-options/nodes/central OVS_RUNDIR=/run/lab/nat-options/nodes/central OVS_DBDIR=/run/lab/nat-options/nodes/central OVS_LOGDIR=/run/lab/nat-options/nodes/central OVN_RUNDIR=/run/lab/nat-options/nodes/central OVN_DBDIR=/run/lab/nat-options/nodes/central OVN_LOGDIR=/run/lab/nat-options/nodes/central OVN_NB_DB=unix:/run/lab/nat-options/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/nat-options/nodes/central/ovnsb_db.sock ip netns exec lab.nat-options.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/nat-options LAB_RUN_DIR=/run/lab/nat-options/nodes/hv1 OVS_RUNDIR=/run/lab/nat-options/nodes/hv1 OVS_DBDIR=/run/lab/nat-options/nodes/hv1 OVS_LOGDIR=/run/lab/nat-options/nodes/hv1 OVN_RUNDIR=/run/lab/nat-options/nodes/hv1 OVN_DBDIR=/run/lab/nat-options/nodes/hv1 OVN_LOGDIR=/run/lab/nat-options/nodes/hv1 OVN_NB_DB=tcp:192.168.175.1:6641 OVN_SB_DB=tcp:192.168.175.1:6642 ip netns exec lab.nat-options.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/nat-options LAB_RUN_DIR=/run/lab/nat-options/nodes/hv2 OVS_RUNDIR=/run/lab/nat-options/nodes/hv2 OVS_DBDIR=/run/lab/nat-options/nodes/hv2 OVS_LOGDIR=/run/lab/nat-options/nodes/hv2 OVN_RUNDIR=/run/lab/nat-options/nodes/hv2 OVN_DBDIR=/run/lab/nat-options/nodes/hv2 OVN_LOGDIR=/run/lab/nat-options/nodes/hv2 OVN_NB_DB=tcp:192.168.175.1:6641 OVN_SB_DB=tcp:192.168.175.1:6642 ip netns exec lab.nat-options.hv2 "$@" ;;
    ext1) env LAB_DIR=/run/lab/nat-options PATH=/run/lab/nat-options/nodes/ext1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/nat-options/nodes/ext1 ip netns exec lab.nat-options.ext1 "$@" ;;
    ext2) env LAB_DIR=/run/lab/nat-options PATH=/run/lab/nat-options/nodes/ext2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/nat-options/nodes/ext2 ip netns exec lab.nat-options.ext2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/nat-options PATH=/run/lab/nat-options/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/nat-options/nodes/vm1 ip netns exec lab.nat-options.vm1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/nat-options PATH=/run/lab/nat-options/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/nat-options/nodes/vm2 ip netns exec lab.nat-options.vm2 "$@" ;;
    vm3) env LAB_DIR=/run/lab/nat-options PATH=/run/lab/nat-options/nodes/vm3/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/nat-options/nodes/vm3 ip netns exec lab.nat-options.vm3 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/nat-options
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/nat-options/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "nat-options",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/nat-options.yaml",
    "underlay": {
      "subnet": {
        "network": 3232280320,
        "prefix": 24,
        "text": "192.168.175.0/24"
      }
    },
    "central": {
      "name": "central",
      "ip": "192.168.175.1",
      "ssl": false
    },
    "chassis": [
      {
        "name": "hv1",
        "ip": "192.168.175.2",
        "mac": "0a:00:c0:a8:af:02",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": [
          {
            "network": "physnet1",
            "bridge": "br0",
            "iface": "ph-physnet1"
          }
        ]
      },
      {
        "name": "hv2",
        "ip": "192.168.175.3",
        "mac": "0a:00:c0:a8:af:03",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      }
    ],
    "switches": [
      {
        "name": "tenant",
        "subnet": {
          "network": 171048960,
          "prefix": 24,
          "text": "10.50.0.0/24"
        },
        "subnet6": {
          "text": "fd00:50::/64",
          "prefix": 64
        }
      },
      {
        "name": "tenant2",
        "subnet": {
          "network": 171704320,
          "prefix": 24,
          "text": "10.60.0.0/24"
        }
      },
      {
        "name": "public",
        "subnet": {
          "network": 2886729728,
          "prefix": 24,
          "text": "172.16.0.0/24"
        },
        "provider": "physnet1",
        "localnetPort": "provnet-physnet1",
        "subnet6": {
          "text": "fd00:16::/64",
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
            "name": "r1-tenant",
            "switchPort": "tenant-r1",
            "switch": "tenant",
            "ip": "10.50.0.1",
            "prefix": 24,
            "mac": "06:00:0a:32:00:01",
            "ip6": "fd00:50::1",
            "prefix6": 64
          },
          {
            "name": "r1-public",
            "switchPort": "public-r1",
            "switch": "public",
            "ip": "172.16.0.10",
            "prefix": 24,
            "mac": "06:00:ac:10:00:0a",
            "gatewayChassis": [
              "hv1"
            ],
            "ip6": "fd00:16::10",
            "prefix6": 64
          }
        ],
        "routes": [
          {
            "prefix": "10.60.0.0/24",
            "nexthops": [
              "172.16.0.20"
            ],
            "policy": "dst-ip"
          }
        ],
        "policies": [],
        "nat": [
          {
            "type": "snat",
            "externalIp": "172.16.0.10",
            "logicalIp": "10.50.0.0/24",
            "allowedExtIps": {
              "set": "r1_nat0_allowed",
              "addresses": [
                "172.16.0.1"
              ]
            }
          },
          {
            "type": "dnat_and_snat",
            "externalIp": "172.16.0.100",
            "logicalIp": "10.50.0.11",
            "allowedExtIps": {
              "set": "r1_nat1_allowed",
              "addresses": [
                "172.16.0.1"
              ]
            }
          },
          {
            "type": "dnat",
            "externalIp": "198.51.100.10",
            "logicalIp": "10.50.0.12",
            "addRoute": true
          }
        ]
      },
      {
        "name": "r2",
        "chassis": "hv1",
        "options": {},
        "ports": [
          {
            "name": "r2-tenant2",
            "switchPort": "tenant2-r2",
            "switch": "tenant2",
            "ip": "10.60.0.1",
            "prefix": 24,
            "mac": "06:00:0a:3c:00:01"
          },
          {
            "name": "r2-public",
            "switchPort": "public-r2",
            "switch": "public",
            "ip": "172.16.0.20",
            "prefix": 24,
            "mac": "06:00:ac:10:00:14"
          }
        ],
        "routes": [
          {
            "prefix": "203.0.113.0/24",
            "nexthops": [
              "172.16.0.1",
              "172.16.0.2"
            ],
            "policy": "dst-ip",
            "ecmpSymmetricReply": true
          }
        ],
        "policies": [],
        "nat": []
      }
    ],
    "vms": [
      {
        "name": "vm1",
        "chassis": "hv1",
        "switch": "tenant",
        "port": "tenant-vm1",
        "mac": "02:00:0a:32:00:0b",
        "ip": "10.50.0.11",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "ipv6": {
          "ip": "fd00:50::11",
          "prefix": 64,
          "mode": "static",
          "gateway": "fd00:50::1"
        },
        "gateway": "10.50.0.1",
        "vlans": []
      },
      {
        "name": "vm2",
        "chassis": "hv2",
        "switch": "tenant",
        "port": "tenant-vm2",
        "mac": "02:00:0a:32:00:0c",
        "ip": "10.50.0.12",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "ipv6": {
          "ip": "fd00:50::12",
          "prefix": 64,
          "mode": "static",
          "gateway": "fd00:50::1"
        },
        "gateway": "10.50.0.1",
        "vlans": []
      },
      {
        "name": "vm3",
        "chassis": "hv2",
        "switch": "tenant2",
        "port": "tenant2-vm3",
        "mac": "02:00:0a:3c:00:0d",
        "ip": "10.60.0.13",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "gateway": "10.60.0.1",
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
        "ip6": "fd00:16::1",
        "prefix6": 64,
        "servers": [],
        "routes": [],
        "forwarding": false
      },
      {
        "name": "ext2",
        "network": "physnet1",
        "ip": "172.16.0.2",
        "prefix": 24,
        "mac": "02:00:ac:10:00:02",
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
        "name": "the provider switch's localnet port has the name the file gave it",
        "kind": "logical_port",
        "port": "provnet-physnet1",
        "type": "localnet",
        "switch": "public"
      },
      {
        "name": "ovn-controller patched br-int to br0 on hv1 (the bridge of physnet1)",
        "kind": "bridge",
        "chassis": "hv1",
        "bridge": "br0",
        "port": "patch-provnet-physnet1-to-br-int",
        "type": "patch",
        "expect": "present"
      },
      {
        "name": "vm2 reaches ext1, an allowed external address, by SNAT",
        "kind": "ping",
        "from": "vm2",
        "to": "ext1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "ext1 sees vm2's pings from the router's address",
        "kind": "capture",
        "on": "ext1",
        "interface": "eth0",
        "filter": "icmp[icmptype] == icmp-echo",
        "while": {
          "from": "vm2",
          "family": 4,
          "ping": "ext1"
        },
        "src": "172.16.0.10",
        "dst": "172.16.0.1",
        "count": 1,
        "expect": "present"
      },
      {
        "name": "vm2 does not reach ext2, which the SNAT is not allowed for",
        "kind": "ping",
        "from": "vm2",
        "to": "ext2",
        "count": 3,
        "family": 4,
        "expect": "unreachable"
      },
      {
        "name": "ext2 sees vm2's pings come with vm2's own address (not SNATed), which it has no route back to",
        "kind": "capture",
        "on": "ext2",
        "interface": "eth0",
        "filter": "icmp[icmptype] == icmp-echo",
        "while": {
          "from": "vm2",
          "family": 4,
          "ping": "ext2"
        },
        "src": "10.50.0.12",
        "dst": "172.16.0.2",
        "count": 1,
        "expect": "present"
      },
      {
        "name": "ext1 reaches vm1 by its floating IP",
        "kind": "ping",
        "from": "ext1",
        "to": "172.16.0.100",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "ext2 does not reach vm1 by its floating IP (not an allowed external address)",
        "kind": "ping",
        "from": "ext2",
        "to": "172.16.0.100",
        "count": 3,
        "family": 4,
        "expect": "unreachable"
      },
      {
        "name": "the DNAT of the floating IP matches allowed sources only",
        "kind": "flow",
        "stage": "lr_in_dnat",
        "datapath": "r1",
        "match": [
          "ip4.dst == 172.16.0.100",
          "$r1_nat1_allowed"
        ],
        "expect": "present"
      },
      {
        "name": "r2 has a route to r1's NAT address 198.51.100.10, though its routes do not say so (add_route)",
        "kind": "flow",
        "stage": "lr_in_ip_routing",
        "datapath": "r2",
        "match": "ip4.dst == 198.51.100.10/32",
        "expect": "present"
      },
      {
        "name": "so vm3, behind r2, reaches vm2 at 198.51.100.10",
        "kind": "ping",
        "from": "vm3",
        "to": "198.51.100.10",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "r2 remembers the MAC a connection from 203.0.113.0/24 came in by (ecmp_symmetric_reply)",
        "kind": "flow",
        "stage": "lr_in_ecmp_stateful",
        "datapath": "r2",
        "match": [
          "inport == \"r2-public\"",
          "ip4.src == 203.0.113.0/24"
        ],
        "actions": "ct_commit { ct_label.ecmp_reply_eth = eth.src",
        "expect": "present"
      },
      {
        "name": "and routes the replies back by that port, ahead of the ECMP choice",
        "kind": "flow",
        "stage": "lr_in_ip_routing",
        "datapath": "r2",
        "match": [
          "ct_mark.ecmp_reply_port",
          "ip4.dst == 203.0.113.0/24"
        ],
        "actions": "outport = \"r2-public\"",
        "expect": "present"
      },
      {
        "name": "OVN before 25.03 commits TCP, UDP and SCTP connections, each with its own flow",
        "kind": "flow",
        "ovn": "<25.03",
        "stage": "lr_in_ecmp_stateful",
        "datapath": "r2",
        "match": [
          "inport == \"r2-public\"",
          "ip4.src == 203.0.113.0/24",
          "tcp"
        ],
        "actions": "commit_ecmp_nh(ipv6 = false, proto = tcp)",
        "expect": "present"
      },
      {
        "name": "and not ICMP (pings are not kept on their path)",
        "kind": "flow",
        "ovn": "<25.03",
        "stage": "lr_in_ecmp_stateful",
        "datapath": "r2",
        "match": [
          "inport == \"r2-public\"",
          "ip4.src == 203.0.113.0/24",
          "icmp"
        ],
        "expect": "absent"
      },
      {
        "name": "OVN 25.03 and later commit every connection, ICMP too",
        "kind": "flow",
        "ovn": ">=25.03",
        "stage": "lr_in_ecmp_stateful",
        "datapath": "r2",
        "match": [
          "inport == \"r2-public\"",
          "ip4.src == 203.0.113.0/24",
          "(ct.new || ct.est)"
        ],
        "actions": "ct_commit { ct_label.ecmp_reply_eth = eth.src",
        "expect": "present"
      },
      {
        "name": "before the step, ext1 does not reach vm1 by an IPv6 floating IP",
        "kind": "ping",
        "from": "ext1",
        "to": "fd00:16::100",
        "count": 3,
        "family": 4,
        "expect": "unreachable"
      },
      {
        "name": "a step gives vm1 an IPv6 floating IP, as a nat entry would",
        "kind": "step",
        "add_nat": {
          "router": "r1",
          "type": "dnat_and_snat",
          "external_ip": "fd00:16::100",
          "logical_ip": "fd00:50::11"
        }
      },
      {
        "name": "ext1 reaches vm1 by it",
        "kind": "ping",
        "from": "ext1",
        "to": "fd00:16::100",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "a step routes an IPv6 prefix through ext1, as a routes entry would",
        "kind": "step",
        "add_route": {
          "router": "r1",
          "prefix": "fd00:99::/64",
          "nexthop": "fd00:16::1"
        }
      },
      {
        "name": "the route is in r1's pipeline",
        "kind": "flow",
        "stage": "lr_in_ip_routing",
        "datapath": "r1",
        "match": "ip6.dst == fd00:99::/64",
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

# --- underlay 192.168.175.0/24
mkdir -p /run/lab/nat-options/nodes/underlay
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link set dev lo up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link add name underlay type bridge
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link set dev underlay up

# --- provider networks: physnet1
mkdir -p /run/lab/nat-options/nodes/net.physnet1
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.net.physnet1
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link set dev lo up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link add name bridge0 type bridge
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link set dev bridge0 up

# --- nodes: central, hv1, hv2, ext1, ext2
mkdir -p /run/lab/nat-options/nodes/central
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link add name central type veth peer name eth0 netns lab.nat-options.central address 0a:00:c0:a8:af:01
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link set dev central up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.central link set dev eth0 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.central addr add 192.168.175.1/24 dev eth0
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.central link set dev lo up
mkdir -p /run/lab/nat-options/nodes/hv1
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link add name hv1 type veth peer name eth0 netns lab.nat-options.hv1 address 0c:00:c0:a8:af:02
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link set dev hv1 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv1 link set dev eth0 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv1 addr add 192.168.175.2/24 dev eth0
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv1 link set dev lo up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link add name hv1 type veth peer name ph-physnet1 netns lab.nat-options.hv1
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link set dev hv1 up
in_node hv1 ethtool -K ph-physnet1 tx off
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv1 link set dev ph-physnet1 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link set dev hv1 master bridge0
mkdir -p /run/lab/nat-options/nodes/hv2
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link add name hv2 type veth peer name eth0 netns lab.nat-options.hv2 address 0c:00:c0:a8:af:03
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link set dev hv2 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv2 link set dev eth0 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv2 addr add 192.168.175.3/24 dev eth0
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv2 link set dev lo up
mkdir -p /run/lab/nat-options/nodes/ext1
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.ext1
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.ext1 link set dev lo up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link add name ext1 type veth peer name eth0 netns lab.nat-options.ext1 address 02:00:ac:10:00:01
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link set dev ext1 up
in_node ext1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.ext1 link set dev eth0 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link set dev ext1 master bridge0
mkdir -p /run/lab/nat-options/nodes/ext2
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.ext2
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.ext2 link set dev lo up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link add name ext2 type veth peer name eth0 netns lab.nat-options.ext2 address 02:00:ac:10:00:02
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link set dev ext2 up
in_node ext2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.ext2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.ext2 link set dev eth0 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.net.physnet1 link set dev ext2 master bridge0

# --- central 192.168.175.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/nat-options/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/nat-options/nodes/central/ovnnb_db.db --remote=punix:/run/lab/nat-options/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.175.1 --unixctl=/run/lab/nat-options/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/nat-options/nodes/central/ovnnb_db.pid --log-file=/run/lab/nat-options/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/nat-options/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/nat-options/nodes/central/ovnsb_db.db --remote=punix:/run/lab/nat-options/nodes/central/ovnsb_db.sock --unixctl=/run/lab/nat-options/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/nat-options/nodes/central/ovnsb_db.pid --log-file=/run/lab/nat-options/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/nat-options/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.175.2 -- chassis-add hv2 geneve 192.168.175.3
in_node central ovs-appctl -t /run/lab/nat-options/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.175.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/nat-options/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/nat-options/nodes/central/ovnsb_db.sock --pidfile=/run/lab/nat-options/nodes/central/ovn-northd.pid --log-file=/run/lab/nat-options/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/nat-options/nodes/central/ovnnb_db.pid /run/lab/nat-options/nodes/central/ovnsb_db.pid /run/lab/nat-options/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.175.2 lladdr 0c:00:c0:a8:af:02 dev eth0 nud permanent' 'neigh replace 192.168.175.3 lladdr 0c:00:c0:a8:af:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.175.2: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/nat-options/nodes/vm1
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.vm1
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv1 link add name vm1 type veth peer name eth0 netns lab.nat-options.vm1 address 02:00:0a:32:00:0b
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv1 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.vm1 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/nat-options/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/nat-options/nodes/hv1/conf.db --remote=punix:/run/lab/nat-options/nodes/hv1/db.sock --pidfile=/run/lab/nat-options/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/nat-options/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/nat-options/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/nat-options/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/nat-options/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:af:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:af:02"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=tenant-vm1 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.175.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.175.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.175.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.175.1/32 dev eth0 src 192.168.175.2
in_node hv1 ip neigh replace 192.168.175.1 lladdr 0a:00:c0:a8:af:01 dev eth0 nud permanent
in_node hv1 ovs-vsctl --timeout=30 -- --may-exist add-br br0 -- set Bridge br0 datapath_type=netdev -- --may-exist add-port br0 ph-physnet1
in_node hv1 ovs-vsctl set Open_vSwitch . 'external_ids:ovn-bridge-mappings="physnet1:br0"'
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.175.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/nat-options/nodes/hv1/db.sock --pidfile=/run/lab/nat-options/nodes/hv1/ovn-controller.pid --log-file=/run/lab/nat-options/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.175.3 0a:00:c0:a8:af:03

# --- chassis hv2 192.168.175.3: ovs-vswitchd, br-phy, VMs vm2, vm3 plugged into br-int, ovn-controller
mkdir -p /run/lab/nat-options/nodes/vm2
mkdir -p /run/lab/nat-options/nodes/vm3
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.vm2
LAB_DIR=/run/lab/nat-options ip netns add lab.nat-options.vm3
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv2 link add name vm2 type veth peer name eth0 netns lab.nat-options.vm2 address 02:00:0a:32:00:0c
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv2 link set dev vm2 mtu 1400 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv2 link add name vm3 type veth peer name eth0 netns lab.nat-options.vm3 address 02:00:0a:3c:00:0d
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.hv2 link set dev vm3 mtu 1400 up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.vm2 link set dev lo up
in_node vm3 ethtool -K eth0 tx off
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.vm3 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.vm3 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/nat-options ip -n lab.nat-options.vm3 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/nat-options/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/nat-options/nodes/hv2/conf.db --remote=punix:/run/lab/nat-options/nodes/hv2/db.sock --pidfile=/run/lab/nat-options/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/nat-options/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/nat-options/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/nat-options/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/nat-options/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:af:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:af:03"' -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=tenant-vm2 -- --may-exist add-port br-int vm3 -- set Interface vm3 external_ids:iface-id=tenant2-vm3 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.175.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.175.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.175.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.175.1/32 dev eth0 src 192.168.175.3
in_node hv2 ip neigh replace 192.168.175.1 lladdr 0a:00:c0:a8:af:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.175.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv2 ovn-controller unix:/run/lab/nat-options/nodes/hv2/db.sock --pidfile=/run/lab/nat-options/nodes/hv2/ovn-controller.pid --log-file=/run/lab/nat-options/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.175.2 0a:00:c0:a8:af:02

# --- logical network, once the 2 chassis have registered: 3 switches, 3 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add tenant -- ls-add tenant2 -- ls-add public -- lsp-add public provnet-physnet1 -- lsp-set-type provnet-physnet1 localnet -- lsp-set-addresses provnet-physnet1 unknown -- lsp-set-options provnet-physnet1 network_name=physnet1 -- lsp-add tenant tenant-vm1 -- lsp-set-addresses tenant-vm1 '02:00:0a:32:00:0b 10.50.0.11 fd00:50::11' -- lsp-add tenant tenant-vm2 -- lsp-set-addresses tenant-vm2 '02:00:0a:32:00:0c 10.50.0.12 fd00:50::12' -- lsp-add tenant2 tenant2-vm3 -- lsp-set-addresses tenant2-vm3 '02:00:0a:3c:00:0d 10.60.0.13' -- lr-add r1 -- lrp-add r1 r1-tenant 06:00:0a:32:00:01 10.50.0.1/24 fd00:50::1/64 -- lsp-add tenant tenant-r1 -- lsp-set-type tenant-r1 router -- lsp-set-addresses tenant-r1 router -- lsp-set-options tenant-r1 router-port=r1-tenant -- lrp-add r1 r1-public 06:00:ac:10:00:0a 172.16.0.10/24 fd00:16::10/64 -- lsp-add public public-r1 -- lsp-set-type public-r1 router -- lsp-set-addresses public-r1 router -- lsp-set-options public-r1 router-port=r1-public -- lrp-set-gateway-chassis r1-public hv1 10 -- lr-route-add r1 10.60.0.0/24 172.16.0.20 -- --id=@r1_nat0_allowed_ips create Address_Set name=r1_nat0_allowed 'addresses=["172.16.0.1"]' -- --id=@r1_nat0_allowed create NAT type=snat 'external_ip="172.16.0.10"' 'logical_ip="10.50.0.0/24"' allowed_ext_ips=@r1_nat0_allowed_ips -- add Logical_Router r1 nat @r1_nat0_allowed -- --id=@r1_nat1_allowed_ips create Address_Set name=r1_nat1_allowed 'addresses=["172.16.0.1"]' -- --id=@r1_nat1_allowed create NAT type=dnat_and_snat 'external_ip="172.16.0.100"' 'logical_ip="10.50.0.11"' allowed_ext_ips=@r1_nat1_allowed_ips -- add Logical_Router r1 nat @r1_nat1_allowed -- --add-route lr-nat-add r1 dnat 198.51.100.10 10.50.0.12 -- lr-add r2 -- set Logical_Router r2 'options:chassis="hv1"' -- lrp-add r2 r2-tenant2 06:00:0a:3c:00:01 10.60.0.1/24 -- lsp-add tenant2 tenant2-r2 -- lsp-set-type tenant2-r2 router -- lsp-set-addresses tenant2-r2 router -- lsp-set-options tenant2-r2 router-port=r2-tenant2 -- lrp-add r2 r2-public 06:00:ac:10:00:14 172.16.0.20/24 -- lsp-add public public-r2 -- lsp-set-type public-r2 router -- lsp-set-addresses public-r2 router -- lsp-set-options public-r2 router-port=r2-public -- --ecmp-symmetric-reply lr-route-add r2 203.0.113.0/24 172.16.0.1 -- --ecmp-symmetric-reply lr-route-add r2 203.0.113.0/24 172.16.0.2
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port tenant-vm1 up=true -- wait-until Logical_Switch_Port tenant-vm2 up=true -- wait-until Logical_Switch_Port tenant2-vm3 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: static address, IPv6 static
in_node vm1 ip -6 addr add fd00:50::11/64 dev eth0 nodad
in_node vm1 ip -6 route add default via fd00:50::1 dev eth0
in_node vm1 ip addr add 10.50.0.11/24 dev eth0
in_node vm1 ip route add default via 10.50.0.1 dev eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: static address, IPv6 static
in_node vm2 ip -6 addr add fd00:50::12/64 dev eth0 nodad
in_node vm2 ip -6 route add default via fd00:50::1 dev eth0
in_node vm2 ip addr add 10.50.0.12/24 dev eth0
in_node vm2 ip route add default via 10.50.0.1 dev eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

# --- vm3: static address
in_node vm3 ip addr add 10.60.0.13/24 dev eth0
in_node vm3 ip route add default via 10.60.0.1 dev eth0
in_node vm3 ip -4 -o addr show dev eth0
in_node vm3 ip -6 -o addr show dev eth0 scope global

# --- host ext1: static address
in_node ext1 ip addr add 172.16.0.1/24 dev eth0
in_node ext1 ip -6 addr add fd00:16::1/64 dev eth0 nodad
in_node ext1 ip -4 -o addr show dev eth0
in_node ext1 ip -6 -o addr show dev eth0 scope global

# --- host ext2: static address
in_node ext2 ip addr add 172.16.0.2/24 dev eth0
in_node ext2 ip -4 -o addr show dev eth0
in_node ext2 ip -6 -o addr show dev eth0 scope global

echo "lab nat-options is up"
