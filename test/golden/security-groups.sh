#!/usr/bin/env bash
# Lab 'security-groups' from labs/security-groups.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.security-groups.<node>; its daemons' files are in /run/lab/security-groups/nodes/<node>.
# Remove it with 'lab down security-groups' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.security-groups\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/security-groups
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/security-groups ip netns exec lab.security-groups.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/security-groups LAB_RUN_DIR=/run/lab/security-groups/nodes/central OVS_RUNDIR=/run/lab/security-groups/nodes/central OVS_DBDIR=/run/lab/security-groups/nodes/central OVS_LOGDIR=/run/lab/security-groups/nodes/central OVN_RUNDIR=/run/lab/security-groups/nodes/central OVN_DBDIR=/run/lab/security-groups/nodes/central OVN_LOGDIR=/run/lab/security-groups/nodes/central OVN_NB_DB=unix:/run/lab/security-groups/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/security-groups/nodes/central/ovnsb_db.sock ip netns exec lab.security-groups.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/security-groups LAB_RUN_DIR=/run/lab/security-groups/nodes/hv1 OVS_RUNDIR=/run/lab/security-groups/nodes/hv1 OVS_DBDIR=/run/lab/security-groups/nodes/hv1 OVS_LOGDIR=/run/lab/security-groups/nodes/hv1 OVN_RUNDIR=/run/lab/security-groups/nodes/hv1 OVN_DBDIR=/run/lab/security-groups/nodes/hv1 OVN_LOGDIR=/run/lab/security-groups/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.security-groups.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/security-groups LAB_RUN_DIR=/run/lab/security-groups/nodes/hv2 OVS_RUNDIR=/run/lab/security-groups/nodes/hv2 OVS_DBDIR=/run/lab/security-groups/nodes/hv2 OVS_LOGDIR=/run/lab/security-groups/nodes/hv2 OVN_RUNDIR=/run/lab/security-groups/nodes/hv2 OVN_DBDIR=/run/lab/security-groups/nodes/hv2 OVN_LOGDIR=/run/lab/security-groups/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.security-groups.hv2 "$@" ;;
    web1) env LAB_DIR=/run/lab/security-groups PATH=/run/lab/security-groups/nodes/web1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/security-groups/nodes/web1 ip netns exec lab.security-groups.web1 "$@" ;;
    client) env LAB_DIR=/run/lab/security-groups PATH=/run/lab/security-groups/nodes/client/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/security-groups/nodes/client ip netns exec lab.security-groups.client "$@" ;;
    web2) env LAB_DIR=/run/lab/security-groups PATH=/run/lab/security-groups/nodes/web2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/security-groups/nodes/web2 ip netns exec lab.security-groups.web2 "$@" ;;
    admin) env LAB_DIR=/run/lab/security-groups PATH=/run/lab/security-groups/nodes/admin/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/security-groups/nodes/admin ip netns exec lab.security-groups.admin "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/security-groups
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/security-groups/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "security-groups",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/security-groups.yaml",
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
        "name": "lan",
        "subnet": {
          "network": 171704320,
          "prefix": 24,
          "text": "10.60.0.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.60.0.1",
            "server_mac": "02:00:0a:3c:00:01",
            "lease_time": "3600",
            "router": "10.60.0.1"
          }
        }
      }
    ],
    "routers": [],
    "vms": [
      {
        "name": "web1",
        "chassis": "hv1",
        "switch": "lan",
        "port": "lan-web1",
        "mac": "02:00:0a:3c:00:0b",
        "ip": "10.60.0.11",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [
          {
            "kind": "http",
            "port": 80
          },
          {
            "kind": "tcp",
            "port": 22
          },
          {
            "kind": "tcp",
            "port": 8080
          },
          {
            "kind": "tcp",
            "port": 9090
          },
          {
            "kind": "tcp",
            "port": 9091
          }
        ],
        "routes": [],
        "forwarding": false,
        "portSecurity": [
          "02:00:0a:3c:00:0b 10.60.0.11"
        ],
        "vlans": []
      },
      {
        "name": "web2",
        "chassis": "hv2",
        "switch": "lan",
        "port": "lan-web2",
        "mac": "02:00:0a:3c:00:0c",
        "ip": "10.60.0.12",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [
          {
            "kind": "http",
            "port": 80
          },
          {
            "kind": "tcp",
            "port": 22
          },
          {
            "kind": "tcp",
            "port": 8080
          },
          {
            "kind": "tcp",
            "port": 9090
          },
          {
            "kind": "tcp",
            "port": 9091
          }
        ],
        "routes": [],
        "forwarding": false,
        "portSecurity": [
          "02:00:0a:3c:00:0c 10.60.0.12"
        ],
        "vlans": []
      },
      {
        "name": "client",
        "chassis": "hv1",
        "switch": "lan",
        "port": "lan-client",
        "mac": "02:00:0a:3c:00:15",
        "ip": "10.60.0.21",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "admin",
        "chassis": "hv2",
        "switch": "lan",
        "port": "lan-admin",
        "mac": "02:00:0a:3c:00:1f",
        "ip": "10.60.0.31",
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
        "name": "http to web1 (same chassis as the client) is open",
        "kind": "connect",
        "from": "client",
        "to": "web1",
        "family": 4,
        "port": 80,
        "proto": "tcp",
        "expect": "open",
        "answer": "web1"
      },
      {
        "name": "http to web2 (across the tunnel) is open",
        "kind": "connect",
        "from": "client",
        "to": "web2",
        "family": 4,
        "port": 80,
        "proto": "tcp",
        "expect": "open",
        "answer": "web2"
      },
      {
        "name": "ssh from the admins address set is open",
        "kind": "connect",
        "from": "admin",
        "to": "web1",
        "family": 4,
        "port": 22,
        "proto": "tcp",
        "expect": "open",
        "answer": "web1"
      },
      {
        "name": "ssh from anyone else is dropped (default deny)",
        "kind": "connect",
        "from": "client",
        "to": "web2",
        "family": 4,
        "port": 22,
        "proto": "tcp",
        "expect": "timeout"
      },
      {
        "name": "8080 is rejected: a TCP reset, at once",
        "kind": "connect",
        "from": "client",
        "to": "web2",
        "family": 4,
        "port": 8080,
        "proto": "tcp",
        "expect": "refused"
      },
      {
        "name": "8080 is rejected on the other chassis too",
        "kind": "connect",
        "from": "admin",
        "to": "web1",
        "family": 4,
        "port": 8080,
        "proto": "tcp",
        "expect": "refused"
      },
      {
        "name": "hv2 logged the reject of the packet to web2",
        "kind": "acl_log",
        "chassis": "hv2",
        "acl": "web-8080",
        "verdict": "reject",
        "packet": "nw_dst=10.60.0.12,",
        "expect": "present"
      },
      {
        "name": "hv1 logged the reject of the packet to web1",
        "kind": "acl_log",
        "chassis": "hv1",
        "acl": "web-8080",
        "verdict": "reject",
        "packet": "nw_dst=10.60.0.11,",
        "expect": "present"
      },
      {
        "name": "a rule by address ($clients_ip4) admits the client on both chassis: web1",
        "kind": "connect",
        "from": "client",
        "to": "web1",
        "family": 4,
        "port": 9091,
        "proto": "tcp",
        "expect": "open",
        "answer": "web1"
      },
      {
        "name": "a rule by address ($clients_ip4) admits the client on both chassis: web2",
        "kind": "connect",
        "from": "client",
        "to": "web2",
        "family": 4,
        "port": 9091,
        "proto": "tcp",
        "expect": "open",
        "answer": "web2"
      },
      {
        "name": "inport == @clients admits the client where it is local: web1 on hv1",
        "kind": "connect",
        "from": "client",
        "to": "web1",
        "family": 4,
        "port": 9090,
        "proto": "tcp",
        "expect": "open",
        "answer": "web1"
      },
      {
        "name": "inport == @clients does not match on hv2, where no client is local: dropped",
        "kind": "connect",
        "from": "client",
        "to": "web2",
        "family": 4,
        "port": 9090,
        "proto": "tcp",
        "expect": "timeout"
      },
      {
        "name": "VMs outside the group are not filtered: web1 reaches admin's closed port, refused by its kernel",
        "kind": "connect",
        "from": "web1",
        "to": "admin",
        "family": 4,
        "port": 22,
        "proto": "tcp",
        "expect": "refused"
      },
      {
        "name": "add a rule: ssh from the clients group",
        "kind": "step",
        "add_acl": {
          "port_group": "web",
          "direction": "to-lport",
          "priority": 1002,
          "match": "outport == @web && ip4.src == $clients_ip4 && tcp.dst == 22",
          "action": "allow-related"
        }
      },
      {
        "name": "now ssh from the client is open",
        "kind": "connect",
        "from": "client",
        "to": "web2",
        "family": 4,
        "port": 22,
        "proto": "tcp",
        "expect": "open",
        "answer": "web2"
      },
      {
        "name": "remove the rule again",
        "kind": "step",
        "remove_acl": {
          "port_group": "web",
          "direction": "to-lport",
          "priority": 1002,
          "match": "outport == @web && ip4.src == $clients_ip4 && tcp.dst == 22"
        }
      },
      {
        "name": "and ssh from the client is dropped again",
        "kind": "connect",
        "from": "client",
        "to": "web2",
        "family": 4,
        "port": 22,
        "proto": "tcp",
        "expect": "timeout"
      },
      {
        "name": "port security: web1 sending from its own address is delivered",
        "kind": "trace",
        "from": "web1",
        "to": "10.60.0.21",
        "family": 4,
        "proto": "icmp",
        "microflow": "inport == \"lan-web1\" && eth.src == 02:00:0a:3c:00:0b && eth.dst == 02:00:0a:3c:00:15 && ip4.src == 10.60.0.11 && ip4.dst == 10.60.0.21 && ip.ttl == 64 && icmp4.type == 8",
        "expect": "delivered",
        "port": "lan-client"
      },
      {
        "name": "port security: web1 spoofing 10.60.0.99 is dropped at its port",
        "kind": "trace",
        "from": "web1",
        "to": "10.60.0.21",
        "family": 4,
        "proto": "icmp",
        "microflow": "inport == \"lan-web1\" && eth.src == 02:00:0a:3c:00:0b && eth.dst == 02:00:0a:3c:00:15 && ip4.src == 10.60.0.99 && ip4.dst == 10.60.0.21 && ip.ttl == 64 && icmp4.type == 8",
        "expect": "dropped"
      },
      {
        "name": "port security is checked by check_in_port_sec() in ls_in_check_port_sec",
        "kind": "flow",
        "stage": "ls_in_check_port_sec",
        "datapath": "lan",
        "actions": "check_in_port_sec()",
        "expect": "present"
      },
      {
        "name": "OVN before 23.06: the reject ACL is one flow in ls_out_acl (to-lport), with the reject action",
        "kind": "flow",
        "ovn": "<23.06",
        "stage": "ls_out_acl",
        "match": "tcp.dst == 8080",
        "actions": "reject",
        "expect": "present"
      },
      {
        "name": "OVN 23.06 and later (ACLs in two stages): ls_out_acl_eval marks the packet (reg8[18], verdict=reject), ls_out_acl_action rejects",
        "kind": "flow",
        "ovn": ">=23.06",
        "stage": "ls_out_acl_eval",
        "match": "tcp.dst == 8080",
        "actions": [
          "verdict=reject",
          "reg8[18] = 1"
        ],
        "expect": "present"
      },
      {
        "name": "and the generic reject flow of ls_out_acl_action",
        "kind": "flow",
        "ovn": ">=23.06",
        "stage": "ls_out_acl_action",
        "datapath": "lan",
        "match": "reg8[18] == 1",
        "actions": "reject",
        "expect": "present"
      }
    ],
    "portGroups": [
      {
        "name": "web",
        "ports": [
          "lan-web1",
          "lan-web2"
        ]
      },
      {
        "name": "clients",
        "ports": [
          "lan-client"
        ]
      }
    ],
    "addressSets": [
      {
        "name": "admins",
        "addresses": [
          "10.60.0.31"
        ]
      }
    ],
    "acls": [
      {
        "on": {
          "portGroup": "web"
        },
        "direction": "from-lport",
        "priority": 1002,
        "match": "inport == @web && ip4",
        "action": "allow-related",
        "at": {
          "file": "labs/security-groups.yaml",
          "line": 31,
          "column": 70
        }
      },
      {
        "on": {
          "portGroup": "web"
        },
        "direction": "to-lport",
        "priority": 1002,
        "match": "outport == @web && ip4 && tcp.dst == 80",
        "action": "allow-related",
        "at": {
          "file": "labs/security-groups.yaml",
          "line": 33,
          "column": 68
        }
      },
      {
        "on": {
          "portGroup": "web"
        },
        "direction": "to-lport",
        "priority": 1002,
        "match": "outport == @web && ip4.src == $admins && tcp.dst == 22",
        "action": "allow-related",
        "at": {
          "file": "labs/security-groups.yaml",
          "line": 34,
          "column": 68
        }
      },
      {
        "on": {
          "portGroup": "web"
        },
        "direction": "to-lport",
        "priority": 1002,
        "match": "outport == @web && ip4.src == $clients_ip4 && tcp.dst == 9091",
        "action": "allow-related",
        "at": {
          "file": "labs/security-groups.yaml",
          "line": 35,
          "column": 68
        }
      },
      {
        "on": {
          "portGroup": "web"
        },
        "direction": "to-lport",
        "priority": 1002,
        "match": "outport == @web && inport == @clients && tcp.dst == 9090",
        "action": "allow-related",
        "at": {
          "file": "labs/security-groups.yaml",
          "line": 38,
          "column": 68
        }
      },
      {
        "on": {
          "portGroup": "web"
        },
        "direction": "to-lport",
        "priority": 1001,
        "match": "outport == @web && tcp.dst == 8080",
        "action": "reject",
        "log": {
          "name": "web-8080",
          "severity": "info"
        },
        "at": {
          "file": "labs/security-groups.yaml",
          "line": 40,
          "column": 68
        }
      },
      {
        "on": {
          "portGroup": "web"
        },
        "direction": "to-lport",
        "priority": 1000,
        "match": "outport == @web && ip",
        "action": "drop",
        "at": {
          "file": "labs/security-groups.yaml",
          "line": 42,
          "column": 68
        }
      },
      {
        "on": {
          "portGroup": "web"
        },
        "direction": "from-lport",
        "priority": 1000,
        "match": "inport == @web && ip",
        "action": "drop",
        "at": {
          "file": "labs/security-groups.yaml",
          "line": 43,
          "column": 70
        }
      }
    ],
    "loadBalancers": [],
    "exercises": [
      {
        "name": "ssh-from-clients",
        "task": "The client VM is in the security group \"clients\" (port group clients). Let it ssh (tcp 22)\nto both web VMs, on either chassis, with one rule on the port group web, as\n`openstack security group rule create --remote-group clients` would.",
        "hints": [
          "The rules of the group are ACLs of port group web: lab nbctl -- acl-list web",
          "A remote group is matched by address: $clients_ip4, the address set OVN keeps for port group clients. inport == @clients would only match on the client's own chassis."
        ],
        "start": [],
        "solution": [
          {
            "name": "allow ssh from the clients group",
            "kind": "step",
            "add_acl": {
              "port_group": "web",
              "direction": "to-lport",
              "priority": 1002,
              "match": "outport == @web && ip4.src == $clients_ip4 && tcp.dst == 22",
              "action": "allow-related"
            }
          }
        ],
        "checks": [
          {
            "name": "client reaches ssh on web1 (same chassis)",
            "kind": "connect",
            "timeout": 5,
            "from": "client",
            "to": "web1",
            "family": 4,
            "port": 22,
            "proto": "tcp",
            "expect": "open",
            "answer": "web1"
          },
          {
            "name": "client reaches ssh on web2 (across the tunnel)",
            "kind": "connect",
            "timeout": 5,
            "from": "client",
            "to": "web2",
            "family": 4,
            "port": 22,
            "proto": "tcp",
            "expect": "open",
            "answer": "web2"
          },
          {
            "name": "admin still reaches ssh",
            "kind": "connect",
            "timeout": 5,
            "from": "admin",
            "to": "web1",
            "family": 4,
            "port": 22,
            "proto": "tcp",
            "expect": "open",
            "answer": "web1"
          }
        ]
      },
      {
        "name": "admin-joins-clients",
        "task": "Port 9091 of the web VMs is open to the clients group ($clients_ip4). Let admin reach it\ntoo, without touching an ACL: make admin a member of the clients group.",
        "hints": [
          "A security group's members are the ports of its port group (lab nbctl -- list Port_Group clients).",
          "OVN updates $clients_ip4 itself when a port joins the group."
        ],
        "start": [],
        "solution": [
          {
            "name": "admin joins the clients group",
            "kind": "step",
            "add_member": {
              "port_group": "clients",
              "member": "admin"
            }
          }
        ],
        "checks": [
          {
            "name": "admin reaches 9091 on web2",
            "kind": "connect",
            "timeout": 5,
            "from": "admin",
            "to": "web2",
            "family": 4,
            "port": 9091,
            "proto": "tcp",
            "expect": "open",
            "answer": "web2"
          },
          {
            "name": "admin reaches 9091 on web1",
            "kind": "connect",
            "timeout": 5,
            "from": "admin",
            "to": "web1",
            "family": 4,
            "port": 9091,
            "proto": "tcp",
            "expect": "open",
            "answer": "web1"
          }
        ]
      },
      {
        "name": "close-8080",
        "task": "Port 8080 is rejected (a TCP reset) and every reject is logged. Make it a silent drop\ninstead: the client must see a timeout, not a refusal, on both web VMs. Change the rule,\ndo not add a new one above it.",
        "hints": [
          "lab nbctl -- acl-list web shows the reject rule at priority 1001",
          "Remove it (acl-del web to-lport 1001 'outport == @web && tcp.dst == 8080'): the default deny at 1000 drops what no rule allows."
        ],
        "start": [],
        "solution": [
          {
            "name": "remove the reject rule",
            "kind": "step",
            "remove_acl": {
              "port_group": "web",
              "direction": "to-lport",
              "priority": 1001,
              "match": "outport == @web && tcp.dst == 8080"
            }
          }
        ],
        "checks": [
          {
            "name": "8080 on web2 times out (dropped, no reset)",
            "kind": "connect",
            "timeout": 5,
            "from": "client",
            "to": "web2",
            "family": 4,
            "port": 8080,
            "proto": "tcp",
            "expect": "timeout"
          },
          {
            "name": "8080 on web1 times out too",
            "kind": "connect",
            "timeout": 5,
            "from": "admin",
            "to": "web1",
            "family": 4,
            "port": 8080,
            "proto": "tcp",
            "expect": "timeout"
          },
          {
            "name": "http is still open",
            "kind": "connect",
            "timeout": 5,
            "from": "client",
            "to": "web2",
            "family": 4,
            "port": 80,
            "proto": "tcp",
            "expect": "open",
            "answer": "web2"
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
mkdir -p /run/lab/security-groups/nodes/underlay
LAB_DIR=/run/lab/security-groups ip netns add lab.security-groups.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link set dev lo up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link add name underlay type bridge
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/security-groups/nodes/central
LAB_DIR=/run/lab/security-groups ip netns add lab.security-groups.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link add name central type veth peer name eth0 netns lab.security-groups.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link set dev central up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.central link set dev eth0 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.central link set dev lo up
mkdir -p /run/lab/security-groups/nodes/hv1
LAB_DIR=/run/lab/security-groups ip netns add lab.security-groups.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link add name hv1 type veth peer name eth0 netns lab.security-groups.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link set dev hv1 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv1 link set dev eth0 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv1 link set dev lo up
mkdir -p /run/lab/security-groups/nodes/hv2
LAB_DIR=/run/lab/security-groups ip netns add lab.security-groups.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link add name hv2 type veth peer name eth0 netns lab.security-groups.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link set dev hv2 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv2 link set dev eth0 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv2 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/security-groups/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/security-groups/nodes/central/ovnnb_db.db --remote=punix:/run/lab/security-groups/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/security-groups/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/security-groups/nodes/central/ovnnb_db.pid --log-file=/run/lab/security-groups/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/security-groups/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/security-groups/nodes/central/ovnsb_db.db --remote=punix:/run/lab/security-groups/nodes/central/ovnsb_db.sock --unixctl=/run/lab/security-groups/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/security-groups/nodes/central/ovnsb_db.pid --log-file=/run/lab/security-groups/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/security-groups/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/security-groups/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/security-groups/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/security-groups/nodes/central/ovnsb_db.sock --pidfile=/run/lab/security-groups/nodes/central/ovn-northd.pid --log-file=/run/lab/security-groups/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/security-groups/nodes/central/ovnnb_db.pid /run/lab/security-groups/nodes/central/ovnsb_db.pid /run/lab/security-groups/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VMs web1, client plugged into br-int, ovn-controller
mkdir -p /run/lab/security-groups/nodes/web1
mkdir -p /run/lab/security-groups/nodes/client
LAB_DIR=/run/lab/security-groups ip netns add lab.security-groups.web1
LAB_DIR=/run/lab/security-groups ip netns add lab.security-groups.client
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv1 link add name web1 type veth peer name eth0 netns lab.security-groups.web1 address 02:00:0a:3c:00:0b
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv1 link set dev web1 mtu 1400 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv1 link add name client type veth peer name eth0 netns lab.security-groups.client address 02:00:0a:3c:00:15
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv1 link set dev client mtu 1400 up
in_node web1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.web1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.web1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.web1 link set dev lo up
in_node client ethtool -K eth0 tx off
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.client link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.client link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.client link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/security-groups/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/security-groups/nodes/hv1/conf.db --remote=punix:/run/lab/security-groups/nodes/hv1/db.sock --pidfile=/run/lab/security-groups/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/security-groups/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/security-groups/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/security-groups/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/security-groups/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- --may-exist add-port br-int web1 -- set Interface web1 external_ids:iface-id=lan-web1 -- --may-exist add-port br-int client -- set Interface client external_ids:iface-id=lan-client -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/security-groups/nodes/hv1/db.sock --pidfile=/run/lab/security-groups/nodes/hv1/ovn-controller.pid --log-file=/run/lab/security-groups/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VMs web2, admin plugged into br-int, ovn-controller
mkdir -p /run/lab/security-groups/nodes/web2
mkdir -p /run/lab/security-groups/nodes/admin
LAB_DIR=/run/lab/security-groups ip netns add lab.security-groups.web2
LAB_DIR=/run/lab/security-groups ip netns add lab.security-groups.admin
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv2 link add name web2 type veth peer name eth0 netns lab.security-groups.web2 address 02:00:0a:3c:00:0c
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv2 link set dev web2 mtu 1400 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv2 link add name admin type veth peer name eth0 netns lab.security-groups.admin address 02:00:0a:3c:00:1f
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.hv2 link set dev admin mtu 1400 up
in_node web2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.web2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.web2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.web2 link set dev lo up
in_node admin ethtool -K eth0 tx off
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.admin link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.admin link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/security-groups ip -n lab.security-groups.admin link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/security-groups/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/security-groups/nodes/hv2/conf.db --remote=punix:/run/lab/security-groups/nodes/hv2/db.sock --pidfile=/run/lab/security-groups/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/security-groups/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/security-groups/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/security-groups/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/security-groups/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int web2 -- set Interface web2 external_ids:iface-id=lan-web2 -- --may-exist add-port br-int admin -- set Interface admin external_ids:iface-id=lan-admin -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/security-groups/nodes/hv2/db.sock --pidfile=/run/lab/security-groups/nodes/hv2/ovn-controller.pid --log-file=/run/lab/security-groups/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 1 switch, 4 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add lan -- --id=@dhcp0 create DHCP_Options cidr=10.60.0.0/24 'options:server_id="10.60.0.1"' 'options:server_mac="02:00:0a:3c:00:01"' 'options:lease_time="3600"' 'options:router="10.60.0.1"' -- lsp-add lan lan-web1 -- lsp-set-addresses lan-web1 '02:00:0a:3c:00:0b 10.60.0.11' -- lsp-set-port-security lan-web1 '02:00:0a:3c:00:0b 10.60.0.11' -- set Logical_Switch_Port lan-web1 dhcpv4_options=@dhcp0 -- lsp-add lan lan-web2 -- lsp-set-addresses lan-web2 '02:00:0a:3c:00:0c 10.60.0.12' -- lsp-set-port-security lan-web2 '02:00:0a:3c:00:0c 10.60.0.12' -- set Logical_Switch_Port lan-web2 dhcpv4_options=@dhcp0 -- lsp-add lan lan-client -- lsp-set-addresses lan-client '02:00:0a:3c:00:15 10.60.0.21' -- set Logical_Switch_Port lan-client dhcpv4_options=@dhcp0 -- lsp-add lan lan-admin -- lsp-set-addresses lan-admin '02:00:0a:3c:00:1f 10.60.0.31' -- set Logical_Switch_Port lan-admin dhcpv4_options=@dhcp0 -- create Address_Set name=admins 'addresses=["10.60.0.31"]' -- pg-add web lan-web1 lan-web2 -- pg-add clients lan-client -- --id=@acl0 create ACL direction=from-lport priority=1002 'match="inport == @web && ip4"' action=allow-related -- add Port_Group web acls @acl0 -- --id=@acl1 create ACL direction=to-lport priority=1002 'match="outport == @web && ip4 && tcp.dst == 80"' action=allow-related -- add Port_Group web acls @acl1 -- --id=@acl2 create ACL direction=to-lport priority=1002 'match="outport == @web && ip4.src == $admins && tcp.dst == 22"' action=allow-related -- add Port_Group web acls @acl2 -- --id=@acl3 create ACL direction=to-lport priority=1002 'match="outport == @web && ip4.src == $clients_ip4 && tcp.dst == 9091"' action=allow-related -- add Port_Group web acls @acl3 -- --id=@acl4 create ACL direction=to-lport priority=1002 'match="outport == @web && inport == @clients && tcp.dst == 9090"' action=allow-related -- add Port_Group web acls @acl4 -- --id=@acl5 create ACL direction=to-lport priority=1001 'match="outport == @web && tcp.dst == 8080"' action=reject log=true 'name="web-8080"' 'severity="info"' -- add Port_Group web acls @acl5 -- --id=@acl6 create ACL direction=to-lport priority=1000 'match="outport == @web && ip"' action=drop -- add Port_Group web acls @acl6 -- --id=@acl7 create ACL direction=from-lport priority=1000 'match="inport == @web && ip"' action=drop -- add Port_Group web acls @acl7
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port lan-web1 up=true -- wait-until Logical_Switch_Port lan-web2 up=true -- wait-until Logical_Switch_Port lan-client up=true -- wait-until Logical_Switch_Port lan-admin up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- ACLs: 8 rules parsed by every chassis
in_node hv1 cat /run/lab/security-groups/nodes/hv1/ovn-controller.log
in_node hv2 cat /run/lab/security-groups/nodes/hv2/ovn-controller.log

# --- web1: DHCP lease
mkdir -p /run/lab/security-groups/nodes/web1
cat > /run/lab/security-groups/nodes/web1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/security-groups/nodes/web1/dhclient-script
mkdir -p /run/lab/security-groups/nodes/web1
cat > /run/lab/security-groups/nodes/web1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/security-groups/nodes/web1/bin
cat > /run/lab/security-groups/nodes/web1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/security-groups/nodes/web1/dhclient.conf -sf /run/lab/security-groups/nodes/web1/dhclient-script -lf /run/lab/security-groups/nodes/web1/dhclient.leases -pf /run/lab/security-groups/nodes/web1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/security-groups/nodes/web1/bin/dhclient
in_node web1 sh -c 'timeout "$0" "$@" > /run/lab/security-groups/nodes/web1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/security-groups/nodes/web1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/security-groups/nodes/web1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/security-groups/nodes/web1/dhclient.conf -sf /run/lab/security-groups/nodes/web1/dhclient-script -lf /run/lab/security-groups/nodes/web1/dhclient.leases -pf /run/lab/security-groups/nodes/web1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node web1 ip -4 -o addr show dev eth0
in_node web1 ip -6 -o addr show dev eth0 scope global

# --- web2: DHCP lease
install -D -m 755 /run/lab/security-groups/nodes/web1/dhclient-script /run/lab/security-groups/nodes/web2/dhclient-script
install -D -m 644 /run/lab/security-groups/nodes/web1/dhclient.conf /run/lab/security-groups/nodes/web2/dhclient.conf
mkdir -p /run/lab/security-groups/nodes/web2/bin
cat > /run/lab/security-groups/nodes/web2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/security-groups/nodes/web2/dhclient.conf -sf /run/lab/security-groups/nodes/web2/dhclient-script -lf /run/lab/security-groups/nodes/web2/dhclient.leases -pf /run/lab/security-groups/nodes/web2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/security-groups/nodes/web2/bin/dhclient
in_node web2 sh -c 'timeout "$0" "$@" > /run/lab/security-groups/nodes/web2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/security-groups/nodes/web2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/security-groups/nodes/web2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/security-groups/nodes/web2/dhclient.conf -sf /run/lab/security-groups/nodes/web2/dhclient-script -lf /run/lab/security-groups/nodes/web2/dhclient.leases -pf /run/lab/security-groups/nodes/web2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node web2 ip -4 -o addr show dev eth0
in_node web2 ip -6 -o addr show dev eth0 scope global

# --- client: DHCP lease
install -D -m 755 /run/lab/security-groups/nodes/web1/dhclient-script /run/lab/security-groups/nodes/client/dhclient-script
install -D -m 644 /run/lab/security-groups/nodes/web1/dhclient.conf /run/lab/security-groups/nodes/client/dhclient.conf
mkdir -p /run/lab/security-groups/nodes/client/bin
cat > /run/lab/security-groups/nodes/client/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/security-groups/nodes/client/dhclient.conf -sf /run/lab/security-groups/nodes/client/dhclient-script -lf /run/lab/security-groups/nodes/client/dhclient.leases -pf /run/lab/security-groups/nodes/client/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/security-groups/nodes/client/bin/dhclient
in_node client sh -c 'timeout "$0" "$@" > /run/lab/security-groups/nodes/client/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/security-groups/nodes/client/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/security-groups/nodes/client/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/security-groups/nodes/client/dhclient.conf -sf /run/lab/security-groups/nodes/client/dhclient-script -lf /run/lab/security-groups/nodes/client/dhclient.leases -pf /run/lab/security-groups/nodes/client/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node client ip -4 -o addr show dev eth0
in_node client ip -6 -o addr show dev eth0 scope global

# --- admin: DHCP lease
install -D -m 755 /run/lab/security-groups/nodes/web1/dhclient-script /run/lab/security-groups/nodes/admin/dhclient-script
install -D -m 644 /run/lab/security-groups/nodes/web1/dhclient.conf /run/lab/security-groups/nodes/admin/dhclient.conf
mkdir -p /run/lab/security-groups/nodes/admin/bin
cat > /run/lab/security-groups/nodes/admin/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/security-groups/nodes/admin/dhclient.conf -sf /run/lab/security-groups/nodes/admin/dhclient-script -lf /run/lab/security-groups/nodes/admin/dhclient.leases -pf /run/lab/security-groups/nodes/admin/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/security-groups/nodes/admin/bin/dhclient
in_node admin sh -c 'timeout "$0" "$@" > /run/lab/security-groups/nodes/admin/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/security-groups/nodes/admin/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/security-groups/nodes/admin/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/security-groups/nodes/admin/dhclient.conf -sf /run/lab/security-groups/nodes/admin/dhclient-script -lf /run/lab/security-groups/nodes/admin/dhclient.leases -pf /run/lab/security-groups/nodes/admin/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node admin ip -4 -o addr show dev eth0
in_node admin ip -6 -o addr show dev eth0 scope global

# --- servers: web1 http/80, web1 tcp/22, web1 tcp/8080, web1 tcp/9090, web1 tcp/9091, web2 http/80, web2 tcp/22, web2 tcp/8080, web2 tcp/9090, web2 tcp/9091
in_node web1 env LOG=/run/lab/security-groups/nodes/web1/server-http-80.log PID=/run/lab/security-groups/nodes/web1/server-http-80.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' http 80 web1
in_node web1 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 80
in_node web1 env LOG=/run/lab/security-groups/nodes/web1/server-tcp-22.log PID=/run/lab/security-groups/nodes/web1/server-tcp-22.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' tcp 22 web1
in_node web1 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 22
in_node web1 env LOG=/run/lab/security-groups/nodes/web1/server-tcp-8080.log PID=/run/lab/security-groups/nodes/web1/server-tcp-8080.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' tcp 8080 web1
in_node web1 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 8080
in_node web1 env LOG=/run/lab/security-groups/nodes/web1/server-tcp-9090.log PID=/run/lab/security-groups/nodes/web1/server-tcp-9090.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' tcp 9090 web1
in_node web1 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 9090
in_node web1 env LOG=/run/lab/security-groups/nodes/web1/server-tcp-9091.log PID=/run/lab/security-groups/nodes/web1/server-tcp-9091.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' tcp 9091 web1
in_node web1 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 9091
in_node web2 env LOG=/run/lab/security-groups/nodes/web2/server-http-80.log PID=/run/lab/security-groups/nodes/web2/server-http-80.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' http 80 web2
in_node web2 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 80
in_node web2 env LOG=/run/lab/security-groups/nodes/web2/server-tcp-22.log PID=/run/lab/security-groups/nodes/web2/server-tcp-22.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' tcp 22 web2
in_node web2 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 22
in_node web2 env LOG=/run/lab/security-groups/nodes/web2/server-tcp-8080.log PID=/run/lab/security-groups/nodes/web2/server-tcp-8080.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' tcp 8080 web2
in_node web2 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 8080
in_node web2 env LOG=/run/lab/security-groups/nodes/web2/server-tcp-9090.log PID=/run/lab/security-groups/nodes/web2/server-tcp-9090.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' tcp 9090 web2
in_node web2 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 9090
in_node web2 env LOG=/run/lab/security-groups/nodes/web2/server-tcp-9091.log PID=/run/lab/security-groups/nodes/web2/server-tcp-9091.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' tcp 9091 web2
in_node web2 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 9091

echo "lab security-groups is up"
