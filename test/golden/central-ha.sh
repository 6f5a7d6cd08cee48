#!/usr/bin/env bash
# Lab 'central-ha' from labs/central-ha.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.central-ha.<node>; its daemons' files are in /run/lab/central-ha/nodes/<node>.
# Remove it with 'lab down central-ha' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.central-ha\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/central-ha
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/central-ha ip netns exec lab.central-ha.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/central-ha LAB_RUN_DIR=/run/lab/central-ha/nodes/central OVS_RUNDIR=/run/lab/central-ha/nodes/central OVS_DBDIR=/run/lab/central-ha/nodes/central OVS_LOGDIR=/run/lab/central-ha/nodes/central OVN_RUNDIR=/run/lab/central-ha/nodes/central OVN_DBDIR=/run/lab/central-ha/nodes/central OVN_LOGDIR=/run/lab/central-ha/nodes/central OVN_NB_DB=tcp:192.168.100.1:6641,tcp:192.168.100.2:6641,tcp:192.168.100.3:6641 OVN_SB_DB=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 ip netns exec lab.central-ha.central "$@" ;;
    central2) env LAB_DIR=/run/lab/central-ha LAB_RUN_DIR=/run/lab/central-ha/nodes/central2 OVS_RUNDIR=/run/lab/central-ha/nodes/central2 OVS_DBDIR=/run/lab/central-ha/nodes/central2 OVS_LOGDIR=/run/lab/central-ha/nodes/central2 OVN_RUNDIR=/run/lab/central-ha/nodes/central2 OVN_DBDIR=/run/lab/central-ha/nodes/central2 OVN_LOGDIR=/run/lab/central-ha/nodes/central2 OVN_NB_DB=tcp:192.168.100.1:6641,tcp:192.168.100.2:6641,tcp:192.168.100.3:6641 OVN_SB_DB=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 ip netns exec lab.central-ha.central2 "$@" ;;
    central3) env LAB_DIR=/run/lab/central-ha LAB_RUN_DIR=/run/lab/central-ha/nodes/central3 OVS_RUNDIR=/run/lab/central-ha/nodes/central3 OVS_DBDIR=/run/lab/central-ha/nodes/central3 OVS_LOGDIR=/run/lab/central-ha/nodes/central3 OVN_RUNDIR=/run/lab/central-ha/nodes/central3 OVN_DBDIR=/run/lab/central-ha/nodes/central3 OVN_LOGDIR=/run/lab/central-ha/nodes/central3 OVN_NB_DB=tcp:192.168.100.1:6641,tcp:192.168.100.2:6641,tcp:192.168.100.3:6641 OVN_SB_DB=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 ip netns exec lab.central-ha.central3 "$@" ;;
    hv1) env LAB_DIR=/run/lab/central-ha LAB_RUN_DIR=/run/lab/central-ha/nodes/hv1 OVS_RUNDIR=/run/lab/central-ha/nodes/hv1 OVS_DBDIR=/run/lab/central-ha/nodes/hv1 OVS_LOGDIR=/run/lab/central-ha/nodes/hv1 OVN_RUNDIR=/run/lab/central-ha/nodes/hv1 OVN_DBDIR=/run/lab/central-ha/nodes/hv1 OVN_LOGDIR=/run/lab/central-ha/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641,tcp:192.168.100.2:6641,tcp:192.168.100.3:6641 OVN_SB_DB=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 ip netns exec lab.central-ha.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/central-ha LAB_RUN_DIR=/run/lab/central-ha/nodes/hv2 OVS_RUNDIR=/run/lab/central-ha/nodes/hv2 OVS_DBDIR=/run/lab/central-ha/nodes/hv2 OVS_LOGDIR=/run/lab/central-ha/nodes/hv2 OVN_RUNDIR=/run/lab/central-ha/nodes/hv2 OVN_DBDIR=/run/lab/central-ha/nodes/hv2 OVN_LOGDIR=/run/lab/central-ha/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641,tcp:192.168.100.2:6641,tcp:192.168.100.3:6641 OVN_SB_DB=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 ip netns exec lab.central-ha.hv2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/central-ha PATH=/run/lab/central-ha/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/central-ha/nodes/vm1 ip netns exec lab.central-ha.vm1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/central-ha PATH=/run/lab/central-ha/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/central-ha/nodes/vm2 ip netns exec lab.central-ha.vm2 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/central-ha
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/central-ha/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "central-ha",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/central-ha.yaml",
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
      "ssl": false,
      "members": [
        {
          "name": "central",
          "ip": "192.168.100.1"
        },
        {
          "name": "central2",
          "ip": "192.168.100.2"
        },
        {
          "name": "central3",
          "ip": "192.168.100.3"
        }
      ]
    },
    "chassis": [
      {
        "name": "hv1",
        "ip": "192.168.100.4",
        "mac": "0a:00:c0:a8:64:04",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      },
      {
        "name": "hv2",
        "ip": "192.168.100.5",
        "mac": "0a:00:c0:a8:64:05",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      }
    ],
    "switches": [
      {
        "name": "net",
        "subnet": {
          "network": 173998080,
          "prefix": 24,
          "text": "10.95.0.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.95.0.1",
            "server_mac": "02:00:0a:5f:00:01",
            "lease_time": "3600"
          }
        }
      }
    ],
    "routers": [],
    "vms": [
      {
        "name": "vm1",
        "chassis": "hv1",
        "switch": "net",
        "port": "net-vm1",
        "mac": "02:00:0a:5f:00:0b",
        "ip": "10.95.0.11",
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
        "chassis": "hv2",
        "switch": "net",
        "port": "net-vm2",
        "mac": "02:00:0a:5f:00:0c",
        "ip": "10.95.0.12",
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
    "networks": [],
    "hosts": [],
    "namespaces": [],
    "links": [],
    "nbOptions": {},
    "setup": [],
    "checks": [
      {
        "name": "NB and SB each have three members, one leader, all connected",
        "kind": "cluster",
        "db": "both"
      },
      {
        "name": "both chassis registered and connected to the SB cluster",
        "kind": "chassis",
        "connected": true
      },
      {
        "name": "vm1 pings vm2 across the tunnel",
        "kind": "ping",
        "from": "vm1",
        "to": "vm2",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "kill the SB leader (SIGKILL, a crash)",
        "kind": "step",
        "kill": {
          "daemon": "ovnsb_db",
          "leader": "sb"
        }
      },
      {
        "name": "the two SB members left elect a new leader",
        "kind": "cluster",
        "timeout": 20,
        "db": "sb",
        "up": 2
      },
      {
        "name": "chassis that talked to the old leader reconnect to a member still up",
        "kind": "chassis",
        "timeout": 20,
        "connected": true
      },
      {
        "name": "vm1 asks for its lease again and OVN answers (ovn-controller, from the flows it has)",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0",
        "family": 4,
        "address": "10.95.0.11/24",
        "renew": true,
        "expect": "leased"
      },
      {
        "name": "after the failover an NB change still reaches every chassis (--wait=hv)",
        "kind": "step",
        "add_acl": {
          "switch": "net",
          "direction": "to-lport",
          "priority": 1001,
          "match": "outport == \"net-vm2\" && icmp4",
          "action": "allow-related"
        }
      },
      {
        "name": "northd, on whichever member holds the lock, turned it into a logical flow",
        "kind": "flow",
        "ovn": "<23.06",
        "stage": "ls_out_acl",
        "match": "outport == \"net-vm2\"",
        "expect": "present"
      },
      {
        "name": "northd, on whichever member holds the lock, turned it into a logical flow (OVN 23.06 and later)",
        "kind": "flow",
        "ovn": ">=23.06",
        "stage": "ls_out_acl_eval",
        "match": "outport == \"net-vm2\"",
        "expect": "present"
      },
      {
        "name": "vm2 still reached across the tunnel",
        "kind": "ping",
        "from": "vm1",
        "to": "vm2",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "kill the active ovn-northd",
        "kind": "step",
        "kill": {
          "daemon": "ovn-northd",
          "active": true
        }
      },
      {
        "name": "another northd takes the lock, and a change still reaches the flows",
        "kind": "step",
        "remove_acl": {
          "switch": "net",
          "direction": "to-lport",
          "priority": 1001,
          "match": "outport == \"net-vm2\" && icmp4"
        }
      },
      {
        "name": "start the killed SB server again",
        "kind": "step",
        "restart": {
          "daemon": "ovnsb_db"
        }
      },
      {
        "name": "start the killed northd again",
        "kind": "step",
        "restart": {
          "daemon": "ovn-northd"
        }
      },
      {
        "name": "the member rejoined, three of three again",
        "kind": "cluster",
        "timeout": 20,
        "db": "both"
      }
    ],
    "portGroups": [],
    "addressSets": [],
    "acls": [],
    "loadBalancers": [],
    "exercises": [
      {
        "name": "sb-leader-back",
        "task": "The leader of the SB cluster has crashed (lab exercise started this exercise by killing\nit). Find which member is missing its ovnsb_db, check that the two left still elect a\nleader and serve the chassis, then bring the member back so that it rejoins: three of three.",
        "hints": [
          "lab status shows each central member's daemons and its NB and SB role.",
          "lab exec central -- ovn-appctl -t /var/run/ovn/ovnsb_db.ctl cluster/status OVN_Southbound (on a member that runs) shows the members.",
          "lab restart NODE ovnsb_db starts it again; it rejoins from its own database file."
        ],
        "start": [
          {
            "name": "crash the SB leader",
            "kind": "step",
            "kill": {
              "daemon": "ovnsb_db",
              "leader": "sb"
            }
          }
        ],
        "solution": [
          {
            "name": "start the SB server again",
            "kind": "step",
            "restart": {
              "daemon": "ovnsb_db"
            }
          }
        ],
        "checks": [
          {
            "name": "NB and SB have three members each, one leader, all connected",
            "kind": "cluster",
            "timeout": 30,
            "db": "both"
          },
          {
            "name": "every daemon of the lab runs",
            "kind": "daemons",
            "timeout": 10
          }
        ]
      },
      {
        "name": "northd-failover",
        "task": "The active ovn-northd has crashed. Another member's northd takes the database lock and\ngoes on turning NB changes into logical flows: prove it by adding an ACL on switch net\nthat lets ICMP to vm2 through (to-lport, priority 1001, allow-related), then start the\ncrashed northd again.",
        "hints": [
          "ovn-appctl -t ovn-northd status on each central member says active or standby.",
          "lab nbctl -- --wait=hv acl-add net to-lport 1001 'outport == \"net-vm2\" && icmp4' allow-related returns once every chassis has the flows: only an active northd makes that happen.",
          "lab restart NODE ovn-northd starts the crashed one again, as a standby."
        ],
        "start": [
          {
            "name": "crash the active northd",
            "kind": "step",
            "kill": {
              "daemon": "ovn-northd",
              "active": true
            }
          }
        ],
        "solution": [
          {
            "name": "an ACL for ICMP to vm2",
            "kind": "step",
            "add_acl": {
              "switch": "net",
              "direction": "to-lport",
              "priority": 1001,
              "match": "outport == \"net-vm2\" && icmp4",
              "action": "allow-related"
            }
          },
          {
            "name": "start the crashed northd again",
            "kind": "step",
            "restart": {
              "daemon": "ovn-northd"
            }
          }
        ],
        "checks": [
          {
            "name": "northd turned the ACL into a logical flow (before OVN 23.06)",
            "kind": "flow",
            "timeout": 20,
            "ovn": "<23.06",
            "stage": "ls_out_acl",
            "match": "outport == \"net-vm2\"",
            "expect": "present"
          },
          {
            "name": "northd turned the ACL into a logical flow (OVN 23.06 and later)",
            "kind": "flow",
            "timeout": 20,
            "ovn": ">=23.06",
            "stage": "ls_out_acl_eval",
            "match": "outport == \"net-vm2\"",
            "expect": "present"
          },
          {
            "name": "every daemon of the lab runs again",
            "kind": "daemons",
            "timeout": 10
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

# --- underlay 192.168.100.0/24
mkdir -p /run/lab/central-ha/nodes/underlay
LAB_DIR=/run/lab/central-ha ip netns add lab.central-ha.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev lo up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link add name underlay type bridge
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev underlay up

# --- nodes: central, central2, central3, hv1, hv2
mkdir -p /run/lab/central-ha/nodes/central
LAB_DIR=/run/lab/central-ha ip netns add lab.central-ha.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link add name central type veth peer name eth0 netns lab.central-ha.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev central up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.central link set dev eth0 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.central link set dev lo up
mkdir -p /run/lab/central-ha/nodes/central2
LAB_DIR=/run/lab/central-ha ip netns add lab.central-ha.central2
in_node central2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link add name central2 type veth peer name eth0 netns lab.central-ha.central2 address 0a:00:c0:a8:64:02
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev central2 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev central2 master underlay
in_node central2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.central2 link set dev eth0 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.central2 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.central2 link set dev lo up
mkdir -p /run/lab/central-ha/nodes/central3
LAB_DIR=/run/lab/central-ha ip netns add lab.central-ha.central3
in_node central3 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link add name central3 type veth peer name eth0 netns lab.central-ha.central3 address 0a:00:c0:a8:64:03
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev central3 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev central3 master underlay
in_node central3 ethtool -K eth0 tx off
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.central3 link set dev eth0 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.central3 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.central3 link set dev lo up
mkdir -p /run/lab/central-ha/nodes/hv1
LAB_DIR=/run/lab/central-ha ip netns add lab.central-ha.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link add name hv1 type veth peer name eth0 netns lab.central-ha.hv1 address 0c:00:c0:a8:64:04
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev hv1 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv1 link set dev eth0 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv1 addr add 192.168.100.4/24 dev eth0
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv1 link set dev lo up
mkdir -p /run/lab/central-ha/nodes/hv2
LAB_DIR=/run/lab/central-ha ip netns add lab.central-ha.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link add name hv2 type veth peer name eth0 netns lab.central-ha.hv2 address 0c:00:c0:a8:64:05
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev hv2 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv2 link set dev eth0 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv2 addr add 192.168.100.5/24 dev eth0
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv2 link set dev lo up

# --- central cluster of 3: central 192.168.100.1, central2 192.168.100.2, central3 192.168.100.3: NB and SB Raft clusters, ovn-northd on each, the chassis' SB rows
in_node central ovsdb-tool create-cluster /run/lab/central-ha/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema tcp:192.168.100.1:6643
in_node central ovsdb-server /run/lab/central-ha/nodes/central/ovnnb_db.db --remote=punix:/run/lab/central-ha/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/central-ha/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/central-ha/nodes/central/ovnnb_db.pid --log-file=/run/lab/central-ha/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create-cluster /run/lab/central-ha/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema tcp:192.168.100.1:6644
in_node central ovsdb-server /run/lab/central-ha/nodes/central/ovnsb_db.db --remote=punix:/run/lab/central-ha/nodes/central/ovnsb_db.sock --remote=ptcp:6642:192.168.100.1 --unixctl=/run/lab/central-ha/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/central-ha/nodes/central/ovnsb_db.pid --log-file=/run/lab/central-ha/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-northd --ovnnb-db=tcp:192.168.100.1:6641,tcp:192.168.100.2:6641,tcp:192.168.100.3:6641 --ovnsb-db=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 --pidfile=/run/lab/central-ha/nodes/central/ovn-northd.pid --log-file=/run/lab/central-ha/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/central-ha/nodes/central/ovnnb_db.pid /run/lab/central-ha/nodes/central/ovnsb_db.pid /run/lab/central-ha/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.4 lladdr 0c:00:c0:a8:64:04 dev eth0 nud permanent' 'neigh replace 192.168.100.5 lladdr 0c:00:c0:a8:64:05 dev eth0 nud permanent'
in_node central2 ovsdb-tool join-cluster /run/lab/central-ha/nodes/central2/ovnnb_db.db OVN_Northbound tcp:192.168.100.2:6643 tcp:192.168.100.1:6643
in_node central2 ovsdb-server /run/lab/central-ha/nodes/central2/ovnnb_db.db --remote=punix:/run/lab/central-ha/nodes/central2/ovnnb_db.sock --remote=ptcp:6641:192.168.100.2 --unixctl=/run/lab/central-ha/nodes/central2/ovnnb_db.ctl --pidfile=/run/lab/central-ha/nodes/central2/ovnnb_db.pid --log-file=/run/lab/central-ha/nodes/central2/ovnnb_db.log --detach --no-chdir
in_node central2 ovsdb-tool join-cluster /run/lab/central-ha/nodes/central2/ovnsb_db.db OVN_Southbound tcp:192.168.100.2:6644 tcp:192.168.100.1:6644
in_node central2 ovsdb-server /run/lab/central-ha/nodes/central2/ovnsb_db.db --remote=punix:/run/lab/central-ha/nodes/central2/ovnsb_db.sock --remote=ptcp:6642:192.168.100.2 --unixctl=/run/lab/central-ha/nodes/central2/ovnsb_db.ctl --pidfile=/run/lab/central-ha/nodes/central2/ovnsb_db.pid --log-file=/run/lab/central-ha/nodes/central2/ovnsb_db.log --detach --no-chdir
in_node central2 ovn-northd --ovnnb-db=tcp:192.168.100.1:6641,tcp:192.168.100.2:6641,tcp:192.168.100.3:6641 --ovnsb-db=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 --pidfile=/run/lab/central-ha/nodes/central2/ovn-northd.pid --log-file=/run/lab/central-ha/nodes/central2/ovn-northd.log --detach --no-chdir
in_node central2 sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/central-ha/nodes/central2/ovnnb_db.pid /run/lab/central-ha/nodes/central2/ovnsb_db.pid /run/lab/central-ha/nodes/central2/ovn-northd.pid
in_node central2 sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.4 lladdr 0c:00:c0:a8:64:04 dev eth0 nud permanent' 'neigh replace 192.168.100.5 lladdr 0c:00:c0:a8:64:05 dev eth0 nud permanent'
in_node central3 ovsdb-tool join-cluster /run/lab/central-ha/nodes/central3/ovnnb_db.db OVN_Northbound tcp:192.168.100.3:6643 tcp:192.168.100.1:6643
in_node central3 ovsdb-server /run/lab/central-ha/nodes/central3/ovnnb_db.db --remote=punix:/run/lab/central-ha/nodes/central3/ovnnb_db.sock --remote=ptcp:6641:192.168.100.3 --unixctl=/run/lab/central-ha/nodes/central3/ovnnb_db.ctl --pidfile=/run/lab/central-ha/nodes/central3/ovnnb_db.pid --log-file=/run/lab/central-ha/nodes/central3/ovnnb_db.log --detach --no-chdir
in_node central3 ovsdb-tool join-cluster /run/lab/central-ha/nodes/central3/ovnsb_db.db OVN_Southbound tcp:192.168.100.3:6644 tcp:192.168.100.1:6644
in_node central3 ovsdb-server /run/lab/central-ha/nodes/central3/ovnsb_db.db --remote=punix:/run/lab/central-ha/nodes/central3/ovnsb_db.sock --remote=ptcp:6642:192.168.100.3 --unixctl=/run/lab/central-ha/nodes/central3/ovnsb_db.ctl --pidfile=/run/lab/central-ha/nodes/central3/ovnsb_db.pid --log-file=/run/lab/central-ha/nodes/central3/ovnsb_db.log --detach --no-chdir
in_node central3 ovn-northd --ovnnb-db=tcp:192.168.100.1:6641,tcp:192.168.100.2:6641,tcp:192.168.100.3:6641 --ovnsb-db=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 --pidfile=/run/lab/central-ha/nodes/central3/ovn-northd.pid --log-file=/run/lab/central-ha/nodes/central3/ovn-northd.log --detach --no-chdir
in_node central3 sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/central-ha/nodes/central3/ovnnb_db.pid /run/lab/central-ha/nodes/central3/ovnsb_db.pid /run/lab/central-ha/nodes/central3/ovn-northd.pid
in_node central3 sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.4 lladdr 0c:00:c0:a8:64:04 dev eth0 nud permanent' 'neigh replace 192.168.100.5 lladdr 0c:00:c0:a8:64:05 dev eth0 nud permanent'
in_node central timeout 30 sh -c 'until ovs-appctl -t /run/lab/central-ha/nodes/central/ovnnb_db.ctl cluster/status OVN_Northbound 2>/dev/null | awk '\''/^Leader: unknown/{u=1} /^Servers:/{s=1;next} s&&/ at /{n++} END{exit !(n>=3 && !u)}'\''; do sleep 0.2; done'
in_node central timeout 30 sh -c 'until ovs-appctl -t /run/lab/central-ha/nodes/central/ovnsb_db.ctl cluster/status OVN_Southbound 2>/dev/null | awk '\''/^Leader: unknown/{u=1} /^Servers:/{s=1;next} s&&/ at /{n++} END{exit !(n>=3 && !u)}'\''; do sleep 0.2; done'
in_node central ovn-sbctl --timeout=30 -- chassis-add hv1 geneve 192.168.100.4 -- chassis-add hv2 geneve 192.168.100.5

# --- chassis hv1 192.168.100.4: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/central-ha/nodes/vm1
LAB_DIR=/run/lab/central-ha ip netns add lab.central-ha.vm1
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv1 link add name vm1 type veth peer name eth0 netns lab.central-ha.vm1 address 02:00:0a:5f:00:0b
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv1 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.vm1 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/central-ha/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/central-ha/nodes/hv1/conf.db --remote=punix:/run/lab/central-ha/nodes/hv1/db.sock --pidfile=/run/lab/central-ha/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/central-ha/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/central-ha/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/central-ha/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/central-ha/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:04"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:04"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=net-vm1 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.4 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.4/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.4
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 ip route add 192.168.100.2/32 dev eth0 src 192.168.100.4
in_node hv1 ip neigh replace 192.168.100.2 lladdr 0a:00:c0:a8:64:02 dev eth0 nud permanent
in_node hv1 ip route add 192.168.100.3/32 dev eth0 src 192.168.100.4
in_node hv1 ip neigh replace 192.168.100.3 lladdr 0a:00:c0:a8:64:03 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/central-ha/nodes/hv1/db.sock --pidfile=/run/lab/central-ha/nodes/hv1/ovn-controller.pid --log-file=/run/lab/central-ha/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.5 0a:00:c0:a8:64:05

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.5: ovs-vswitchd, br-phy, VM vm2 plugged into br-int, ovn-controller
mkdir -p /run/lab/central-ha/nodes/vm2
LAB_DIR=/run/lab/central-ha ip netns add lab.central-ha.vm2
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv2 link add name vm2 type veth peer name eth0 netns lab.central-ha.vm2 address 02:00:0a:5f:00:0c
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.hv2 link set dev vm2 mtu 1400 up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/central-ha ip -n lab.central-ha.vm2 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/central-ha/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/central-ha/nodes/hv2/conf.db --remote=punix:/run/lab/central-ha/nodes/hv2/db.sock --pidfile=/run/lab/central-ha/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/central-ha/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/central-ha/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/central-ha/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/central-ha/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:05"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:05"' -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=net-vm2 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.5 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.5/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.5
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 ip route add 192.168.100.2/32 dev eth0 src 192.168.100.5
in_node hv2 ip neigh replace 192.168.100.2 lladdr 0a:00:c0:a8:64:02 dev eth0 nud permanent
in_node hv2 ip route add 192.168.100.3/32 dev eth0 src 192.168.100.5
in_node hv2 ip neigh replace 192.168.100.3 lladdr 0a:00:c0:a8:64:03 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/central-ha/nodes/hv2/db.sock --pidfile=/run/lab/central-ha/nodes/hv2/ovn-controller.pid --log-file=/run/lab/central-ha/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.4 0a:00:c0:a8:64:04

# --- logical network, once the 2 chassis have registered: 1 switch, 2 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add net -- --id=@dhcp0 create DHCP_Options cidr=10.95.0.0/24 'options:server_id="10.95.0.1"' 'options:server_mac="02:00:0a:5f:00:01"' 'options:lease_time="3600"' -- lsp-add net net-vm1 -- lsp-set-addresses net-vm1 '02:00:0a:5f:00:0b 10.95.0.11' -- set Logical_Switch_Port net-vm1 dhcpv4_options=@dhcp0 -- lsp-add net net-vm2 -- lsp-set-addresses net-vm2 '02:00:0a:5f:00:0c 10.95.0.12' -- set Logical_Switch_Port net-vm2 dhcpv4_options=@dhcp0
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'
in_node central2 sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'
in_node central3 sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port net-vm1 up=true -- wait-until Logical_Switch_Port net-vm2 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: DHCP lease
mkdir -p /run/lab/central-ha/nodes/vm1
cat > /run/lab/central-ha/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/central-ha/nodes/vm1/dhclient-script
mkdir -p /run/lab/central-ha/nodes/vm1
cat > /run/lab/central-ha/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/central-ha/nodes/vm1/bin
cat > /run/lab/central-ha/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/central-ha/nodes/vm1/dhclient.conf -sf /run/lab/central-ha/nodes/vm1/dhclient-script -lf /run/lab/central-ha/nodes/vm1/dhclient.leases -pf /run/lab/central-ha/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/central-ha/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/central-ha/nodes/vm1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/central-ha/nodes/vm1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/central-ha/nodes/vm1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/central-ha/nodes/vm1/dhclient.conf -sf /run/lab/central-ha/nodes/vm1/dhclient-script -lf /run/lab/central-ha/nodes/vm1/dhclient.leases -pf /run/lab/central-ha/nodes/vm1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: DHCP lease
install -D -m 755 /run/lab/central-ha/nodes/vm1/dhclient-script /run/lab/central-ha/nodes/vm2/dhclient-script
install -D -m 644 /run/lab/central-ha/nodes/vm1/dhclient.conf /run/lab/central-ha/nodes/vm2/dhclient.conf
mkdir -p /run/lab/central-ha/nodes/vm2/bin
cat > /run/lab/central-ha/nodes/vm2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/central-ha/nodes/vm2/dhclient.conf -sf /run/lab/central-ha/nodes/vm2/dhclient-script -lf /run/lab/central-ha/nodes/vm2/dhclient.leases -pf /run/lab/central-ha/nodes/vm2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/central-ha/nodes/vm2/bin/dhclient
in_node vm2 sh -c 'timeout "$0" "$@" > /run/lab/central-ha/nodes/vm2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/central-ha/nodes/vm2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/central-ha/nodes/vm2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/central-ha/nodes/vm2/dhclient.conf -sf /run/lab/central-ha/nodes/vm2/dhclient-script -lf /run/lab/central-ha/nodes/vm2/dhclient.leases -pf /run/lab/central-ha/nodes/vm2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

echo "lab central-ha is up"
