#!/usr/bin/env bash
# Lab 'load-balancer' from labs/load-balancer.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.load-balancer.<node>; its daemons' files are in /run/lab/load-balancer/nodes/<node>.
# Remove it with 'lab down load-balancer' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.load-balancer\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/load-balancer
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/load-balancer ip netns exec lab.load-balancer.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/load-balancer LAB_RUN_DIR=/run/lab/load-balancer/nodes/central OVS_RUNDIR=/run/lab/load-balancer/nodes/central OVS_DBDIR=/run/lab/load-balancer/nodes/central OVS_LOGDIR=/run/lab/load-balancer/nodes/central OVN_RUNDIR=/run/lab/load-balancer/nodes/central OVN_DBDIR=/run/lab/load-balancer/nodes/central OVN_LOGDIR=/run/lab/load-balancer/nodes/central OVN_NB_DB=unix:/run/lab/load-balancer/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/load-balancer/nodes/central/ovnsb_db.sock ip netns exec lab.load-balancer.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/load-balancer LAB_RUN_DIR=/run/lab/load-balancer/nodes/hv1 OVS_RUNDIR=/run/lab/load-balancer/nodes/hv1 OVS_DBDIR=/run/lab/load-balancer/nodes/hv1 OVS_LOGDIR=/run/lab/load-balancer/nodes/hv1 OVN_RUNDIR=/run/lab/load-balancer/nodes/hv1 OVN_DBDIR=/run/lab/load-balancer/nodes/hv1 OVN_LOGDIR=/run/lab/load-balancer/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.load-balancer.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/load-balancer LAB_RUN_DIR=/run/lab/load-balancer/nodes/hv2 OVS_RUNDIR=/run/lab/load-balancer/nodes/hv2 OVS_DBDIR=/run/lab/load-balancer/nodes/hv2 OVS_LOGDIR=/run/lab/load-balancer/nodes/hv2 OVN_RUNDIR=/run/lab/load-balancer/nodes/hv2 OVN_DBDIR=/run/lab/load-balancer/nodes/hv2 OVN_LOGDIR=/run/lab/load-balancer/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.load-balancer.hv2 "$@" ;;
    web1) env LAB_DIR=/run/lab/load-balancer PATH=/run/lab/load-balancer/nodes/web1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/load-balancer/nodes/web1 ip netns exec lab.load-balancer.web1 "$@" ;;
    client) env LAB_DIR=/run/lab/load-balancer PATH=/run/lab/load-balancer/nodes/client/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/load-balancer/nodes/client ip netns exec lab.load-balancer.client "$@" ;;
    web2) env LAB_DIR=/run/lab/load-balancer PATH=/run/lab/load-balancer/nodes/web2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/load-balancer/nodes/web2 ip netns exec lab.load-balancer.web2 "$@" ;;
    web3) env LAB_DIR=/run/lab/load-balancer PATH=/run/lab/load-balancer/nodes/web3/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/load-balancer/nodes/web3 ip netns exec lab.load-balancer.web3 "$@" ;;
    remote) env LAB_DIR=/run/lab/load-balancer PATH=/run/lab/load-balancer/nodes/remote/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/load-balancer/nodes/remote ip netns exec lab.load-balancer.remote "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/load-balancer
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/load-balancer/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "load-balancer",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/load-balancer.yaml",
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
          "network": 172359680,
          "prefix": 24,
          "text": "10.70.0.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.70.0.1",
            "server_mac": "02:00:0a:46:00:01",
            "lease_time": "3600",
            "router": "10.70.0.1"
          }
        }
      },
      {
        "name": "outside",
        "subnet": {
          "network": 172425216,
          "prefix": 24,
          "text": "10.71.0.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.71.0.1",
            "server_mac": "02:00:0a:47:00:01",
            "lease_time": "3600",
            "router": "10.71.0.1"
          }
        }
      }
    ],
    "routers": [
      {
        "name": "r1",
        "options": {},
        "ports": [
          {
            "name": "r1-lan",
            "switchPort": "lan-r1",
            "switch": "lan",
            "ip": "10.70.0.1",
            "prefix": 24,
            "mac": "06:00:0a:46:00:01"
          },
          {
            "name": "r1-outside",
            "switchPort": "outside-r1",
            "switch": "outside",
            "ip": "10.71.0.1",
            "prefix": 24,
            "mac": "06:00:0a:47:00:01"
          }
        ],
        "routes": [],
        "policies": [],
        "nat": []
      }
    ],
    "vms": [
      {
        "name": "web1",
        "chassis": "hv1",
        "switch": "lan",
        "port": "lan-web1",
        "mac": "02:00:0a:46:00:0b",
        "ip": "10.70.0.11",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [
          {
            "kind": "http",
            "port": 8080
          }
        ],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "web2",
        "chassis": "hv2",
        "switch": "lan",
        "port": "lan-web2",
        "mac": "02:00:0a:46:00:0c",
        "ip": "10.70.0.12",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [
          {
            "kind": "http",
            "port": 8080
          }
        ],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "web3",
        "chassis": "hv2",
        "switch": "lan",
        "port": "lan-web3",
        "mac": "02:00:0a:46:00:0d",
        "ip": "10.70.0.13",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [
          {
            "kind": "http",
            "port": 8080
          }
        ],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "client",
        "chassis": "hv1",
        "switch": "lan",
        "port": "lan-client",
        "mac": "02:00:0a:46:00:15",
        "ip": "10.70.0.21",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "remote",
        "chassis": "hv2",
        "switch": "outside",
        "port": "outside-remote",
        "mac": "02:00:0a:47:00:15",
        "ip": "10.71.0.21",
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
        "name": "client beside the backends: 30 requests, each answered by a backend, all three serve",
        "kind": "http",
        "from": "client",
        "to": "10.72.0.100:80",
        "count": 30,
        "backends": [
          "web1",
          "web2",
          "web3"
        ],
        "all": true
      },
      {
        "name": "hv1's conntrack has the client's connections to the VIP, NATed to a backend, with ct_mark.natted (0x2)",
        "kind": "conntrack",
        "chassis": "hv1",
        "proto": "tcp",
        "original": {
          "src": "10.70.0.21",
          "dst": "10.72.0.100",
          "dport": 80
        },
        "reply": {
          "dst": "10.70.0.21",
          "sport": 8080
        },
        "mark": "0x2/0x2",
        "expect": "present"
      },
      {
        "name": "hv1's br-int has the VIP's select group: one bucket per backend, each a ct() that NATs to it",
        "kind": "group",
        "chassis": "hv1",
        "type": "select",
        "backends": [
          "10.70.0.11:8080",
          "10.70.0.12:8080",
          "10.70.0.13:8080"
        ],
        "bucket_actions": "ct(commit",
        "expect": "present"
      },
      {
        "name": "the datapath sends the client's packets for the VIP into conntrack (a datapath flow with ct())",
        "kind": "datapath_flow",
        "chassis": "hv1",
        "match": "ipv4(dst=10.72.0.100,proto=6",
        "ct": true,
        "while": {
          "from": "client",
          "family": 4,
          "connect": {
            "to": "10.72.0.100",
            "port": 80,
            "proto": "tcp"
          }
        },
        "expect": "present"
      },
      {
        "name": "a new connection from the client goes through the balancing flow on hv1: its packet counter grows",
        "kind": "flow",
        "stage": "ls_in_lb",
        "datapath": "lan",
        "match": "10.72.0.100",
        "chassis": "hv1",
        "openflow": "group:",
        "packets": "grows",
        "while": {
          "from": "client",
          "family": 4,
          "connect": {
            "to": "10.72.0.100",
            "port": 80,
            "proto": "tcp"
          }
        },
        "expect": "present"
      },
      {
        "name": "one from remote is balanced on hv2, remote's chassis: hv1's counter for lan stays",
        "kind": "flow",
        "stage": "ls_in_lb",
        "datapath": "lan",
        "match": "10.72.0.100",
        "chassis": "hv1",
        "openflow": "group:",
        "packets": "stays",
        "while": {
          "from": "remote",
          "family": 4,
          "connect": {
            "to": "10.72.0.100",
            "port": 80,
            "proto": "tcp"
          }
        },
        "expect": "present"
      },
      {
        "name": "remote client behind the router: the same",
        "kind": "http",
        "from": "remote",
        "to": "10.72.0.100:80",
        "count": 30,
        "backends": [
          "web1",
          "web2",
          "web3"
        ],
        "all": true
      },
      {
        "name": "hairpin: web1 reaches its own VIP, and is sometimes balanced to itself",
        "kind": "http",
        "from": "web1",
        "to": "10.72.0.100:80",
        "count": 30,
        "backends": [
          "web1",
          "web2",
          "web3"
        ],
        "all": true
      },
      {
        "name": "the VIP inside lan's subnet is reached from behind the router",
        "kind": "http",
        "from": "remote",
        "to": "10.70.0.200:80",
        "count": 12,
        "backends": [
          "web1",
          "web2",
          "web3"
        ],
        "all": false
      },
      {
        "name": "but not from lan itself: nobody answers ARP for a VIP on a switch",
        "kind": "connect",
        "from": "client",
        "to": "10.70.0.200",
        "family": 4,
        "port": 80,
        "proto": "tcp",
        "expect": "unreachable"
      },
      {
        "name": "the health check says web3 is online: its SB Service_Monitor row",
        "kind": "service_monitor",
        "backend": "web3",
        "status": "online"
      },
      {
        "name": "web3's server stops",
        "kind": "step",
        "stop_server": {
          "node": "web3",
          "port": 8080
        }
      },
      {
        "name": "two missed probes later, the health check says web3 is offline",
        "kind": "service_monitor",
        "timeout": 15,
        "backend": "web3",
        "status": "offline"
      },
      {
        "name": "the health check takes web3 out: every answer from web1 or web2",
        "kind": "http",
        "timeout": 15,
        "from": "client",
        "to": "10.72.0.100:80",
        "count": 20,
        "backends": [
          "web1",
          "web2"
        ],
        "all": true
      },
      {
        "name": "hv1's group has two buckets now, web1's and web2's",
        "kind": "group",
        "chassis": "hv1",
        "type": "select",
        "backends": [
          "10.70.0.11:8080",
          "10.70.0.12:8080"
        ],
        "expect": "present"
      },
      {
        "name": "and no group with web3's bucket is left",
        "kind": "group",
        "chassis": "hv1",
        "backends": [
          "10.70.0.11:8080",
          "10.70.0.12:8080",
          "10.70.0.13:8080"
        ],
        "expect": "gone"
      },
      {
        "name": "web3's server starts again",
        "kind": "step",
        "start_server": {
          "node": "web3",
          "port": 8080
        }
      },
      {
        "name": "one answered probe later, online again",
        "kind": "service_monitor",
        "timeout": 15,
        "backend": "web3",
        "status": "online"
      },
      {
        "name": "and the health check brings web3 back",
        "kind": "http",
        "timeout": 15,
        "from": "client",
        "to": "10.72.0.100:80",
        "count": 30,
        "backends": [
          "web1",
          "web2",
          "web3"
        ],
        "all": true
      },
      {
        "name": "the balancing is a ct_lb_mark action in ls_in_lb",
        "kind": "flow",
        "stage": "ls_in_lb",
        "datapath": "lan",
        "actions": "ct_lb_mark(backends=10.70.0.11:8080,10.70.0.12:8080,10.70.0.13:8080)",
        "expect": "present"
      },
      {
        "name": "which hv1 installs as an OpenFlow group",
        "kind": "flow",
        "stage": "ls_in_lb",
        "datapath": "lan",
        "match": "10.72.0.100",
        "chassis": "hv1",
        "openflow": "group:",
        "expect": "present"
      }
    ],
    "portGroups": [],
    "addressSets": [],
    "acls": [],
    "loadBalancers": [
      {
        "name": "web",
        "protocol": "tcp",
        "vips": [
          {
            "vip": "10.72.0.100:80",
            "backends": [
              "10.70.0.11:8080",
              "10.70.0.12:8080",
              "10.70.0.13:8080"
            ]
          },
          {
            "vip": "10.70.0.200:80",
            "backends": [
              "10.70.0.11:8080",
              "10.70.0.12:8080",
              "10.70.0.13:8080"
            ]
          }
        ],
        "switches": [
          "lan",
          "outside"
        ],
        "routers": [],
        "options": {
          "hairpin_snat_ip": "10.72.0.100"
        },
        "healthCheck": {
          "options": {
            "interval": "1",
            "timeout": "1",
            "success_count": "1",
            "failure_count": "2"
          },
          "mappings": {
            "10.70.0.11": "lan-web1:10.70.0.250",
            "10.70.0.12": "lan-web2:10.70.0.250",
            "10.70.0.13": "lan-web3:10.70.0.250"
          }
        }
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
mkdir -p /run/lab/load-balancer/nodes/underlay
LAB_DIR=/run/lab/load-balancer ip netns add lab.load-balancer.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link set dev lo up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link add name underlay type bridge
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/load-balancer/nodes/central
LAB_DIR=/run/lab/load-balancer ip netns add lab.load-balancer.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link add name central type veth peer name eth0 netns lab.load-balancer.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link set dev central up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.central link set dev eth0 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.central link set dev lo up
mkdir -p /run/lab/load-balancer/nodes/hv1
LAB_DIR=/run/lab/load-balancer ip netns add lab.load-balancer.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link add name hv1 type veth peer name eth0 netns lab.load-balancer.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link set dev hv1 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv1 link set dev eth0 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv1 link set dev lo up
mkdir -p /run/lab/load-balancer/nodes/hv2
LAB_DIR=/run/lab/load-balancer ip netns add lab.load-balancer.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link add name hv2 type veth peer name eth0 netns lab.load-balancer.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link set dev hv2 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv2 link set dev eth0 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv2 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/load-balancer/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/load-balancer/nodes/central/ovnnb_db.db --remote=punix:/run/lab/load-balancer/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/load-balancer/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/load-balancer/nodes/central/ovnnb_db.pid --log-file=/run/lab/load-balancer/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/load-balancer/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/load-balancer/nodes/central/ovnsb_db.db --remote=punix:/run/lab/load-balancer/nodes/central/ovnsb_db.sock --unixctl=/run/lab/load-balancer/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/load-balancer/nodes/central/ovnsb_db.pid --log-file=/run/lab/load-balancer/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/load-balancer/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/load-balancer/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/load-balancer/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/load-balancer/nodes/central/ovnsb_db.sock --pidfile=/run/lab/load-balancer/nodes/central/ovn-northd.pid --log-file=/run/lab/load-balancer/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/load-balancer/nodes/central/ovnnb_db.pid /run/lab/load-balancer/nodes/central/ovnsb_db.pid /run/lab/load-balancer/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VMs web1, client plugged into br-int, ovn-controller
mkdir -p /run/lab/load-balancer/nodes/web1
mkdir -p /run/lab/load-balancer/nodes/client
LAB_DIR=/run/lab/load-balancer ip netns add lab.load-balancer.web1
LAB_DIR=/run/lab/load-balancer ip netns add lab.load-balancer.client
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv1 link add name web1 type veth peer name eth0 netns lab.load-balancer.web1 address 02:00:0a:46:00:0b
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv1 link set dev web1 mtu 1400 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv1 link add name client type veth peer name eth0 netns lab.load-balancer.client address 02:00:0a:46:00:15
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv1 link set dev client mtu 1400 up
in_node web1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.web1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.web1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.web1 link set dev lo up
in_node client ethtool -K eth0 tx off
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.client link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.client link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.client link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/load-balancer/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/load-balancer/nodes/hv1/conf.db --remote=punix:/run/lab/load-balancer/nodes/hv1/db.sock --pidfile=/run/lab/load-balancer/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/load-balancer/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/load-balancer/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/load-balancer/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/load-balancer/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- --may-exist add-port br-int web1 -- set Interface web1 external_ids:iface-id=lan-web1 -- --may-exist add-port br-int client -- set Interface client external_ids:iface-id=lan-client -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/load-balancer/nodes/hv1/db.sock --pidfile=/run/lab/load-balancer/nodes/hv1/ovn-controller.pid --log-file=/run/lab/load-balancer/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VMs web2, web3, remote plugged into br-int, ovn-controller
mkdir -p /run/lab/load-balancer/nodes/web2
mkdir -p /run/lab/load-balancer/nodes/web3
mkdir -p /run/lab/load-balancer/nodes/remote
LAB_DIR=/run/lab/load-balancer ip netns add lab.load-balancer.web2
LAB_DIR=/run/lab/load-balancer ip netns add lab.load-balancer.web3
LAB_DIR=/run/lab/load-balancer ip netns add lab.load-balancer.remote
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv2 link add name web2 type veth peer name eth0 netns lab.load-balancer.web2 address 02:00:0a:46:00:0c
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv2 link set dev web2 mtu 1400 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv2 link add name web3 type veth peer name eth0 netns lab.load-balancer.web3 address 02:00:0a:46:00:0d
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv2 link set dev web3 mtu 1400 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv2 link add name remote type veth peer name eth0 netns lab.load-balancer.remote address 02:00:0a:47:00:15
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.hv2 link set dev remote mtu 1400 up
in_node web2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.web2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.web2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.web2 link set dev lo up
in_node web3 ethtool -K eth0 tx off
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.web3 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.web3 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.web3 link set dev lo up
in_node remote ethtool -K eth0 tx off
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.remote link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.remote link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/load-balancer ip -n lab.load-balancer.remote link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/load-balancer/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/load-balancer/nodes/hv2/conf.db --remote=punix:/run/lab/load-balancer/nodes/hv2/db.sock --pidfile=/run/lab/load-balancer/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/load-balancer/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/load-balancer/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/load-balancer/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/load-balancer/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int web2 -- set Interface web2 external_ids:iface-id=lan-web2 -- --may-exist add-port br-int web3 -- set Interface web3 external_ids:iface-id=lan-web3 -- --may-exist add-port br-int remote -- set Interface remote external_ids:iface-id=outside-remote -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/load-balancer/nodes/hv2/db.sock --pidfile=/run/lab/load-balancer/nodes/hv2/ovn-controller.pid --log-file=/run/lab/load-balancer/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 2 switches, 5 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add lan -- ls-add outside -- --id=@dhcp0 create DHCP_Options cidr=10.70.0.0/24 'options:server_id="10.70.0.1"' 'options:server_mac="02:00:0a:46:00:01"' 'options:lease_time="3600"' 'options:router="10.70.0.1"' -- lsp-add lan lan-web1 -- lsp-set-addresses lan-web1 '02:00:0a:46:00:0b 10.70.0.11' -- set Logical_Switch_Port lan-web1 dhcpv4_options=@dhcp0 -- lsp-add lan lan-web2 -- lsp-set-addresses lan-web2 '02:00:0a:46:00:0c 10.70.0.12' -- set Logical_Switch_Port lan-web2 dhcpv4_options=@dhcp0 -- lsp-add lan lan-web3 -- lsp-set-addresses lan-web3 '02:00:0a:46:00:0d 10.70.0.13' -- set Logical_Switch_Port lan-web3 dhcpv4_options=@dhcp0 -- lsp-add lan lan-client -- lsp-set-addresses lan-client '02:00:0a:46:00:15 10.70.0.21' -- set Logical_Switch_Port lan-client dhcpv4_options=@dhcp0 -- --id=@dhcp1 create DHCP_Options cidr=10.71.0.0/24 'options:server_id="10.71.0.1"' 'options:server_mac="02:00:0a:47:00:01"' 'options:lease_time="3600"' 'options:router="10.71.0.1"' -- lsp-add outside outside-remote -- lsp-set-addresses outside-remote '02:00:0a:47:00:15 10.71.0.21' -- set Logical_Switch_Port outside-remote dhcpv4_options=@dhcp1 -- lr-add r1 -- lrp-add r1 r1-lan 06:00:0a:46:00:01 10.70.0.1/24 -- lsp-add lan lan-r1 -- lsp-set-type lan-r1 router -- lsp-set-addresses lan-r1 router -- lsp-set-options lan-r1 router-port=r1-lan -- lrp-add r1 r1-outside 06:00:0a:47:00:01 10.71.0.1/24 -- lsp-add outside outside-r1 -- lsp-set-type outside-r1 router -- lsp-set-addresses outside-r1 router -- lsp-set-options outside-r1 router-port=r1-outside -- lb-add web 10.72.0.100:80 10.70.0.11:8080,10.70.0.12:8080,10.70.0.13:8080 tcp -- lb-add web 10.70.0.200:80 10.70.0.11:8080,10.70.0.12:8080,10.70.0.13:8080 tcp -- set Load_Balancer web 'options:hairpin_snat_ip="10.72.0.100"' -- --id=@hc_web_0 create Load_Balancer_Health_Check 'vip="10.72.0.100:80"' 'options:interval="1"' 'options:timeout="1"' 'options:success_count="1"' 'options:failure_count="2"' -- add Load_Balancer web health_check @hc_web_0 -- --id=@hc_web_1 create Load_Balancer_Health_Check 'vip="10.70.0.200:80"' 'options:interval="1"' 'options:timeout="1"' 'options:success_count="1"' 'options:failure_count="2"' -- add Load_Balancer web health_check @hc_web_1 -- set Load_Balancer web 'ip_port_mappings:"10.70.0.11"="lan-web1:10.70.0.250"' 'ip_port_mappings:"10.70.0.12"="lan-web2:10.70.0.250"' 'ip_port_mappings:"10.70.0.13"="lan-web3:10.70.0.250"' -- ls-lb-add lan web -- ls-lb-add outside web
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port lan-web1 up=true -- wait-until Logical_Switch_Port lan-web2 up=true -- wait-until Logical_Switch_Port lan-web3 up=true -- wait-until Logical_Switch_Port lan-client up=true -- wait-until Logical_Switch_Port outside-remote up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- web1: DHCP lease
mkdir -p /run/lab/load-balancer/nodes/web1
cat > /run/lab/load-balancer/nodes/web1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/load-balancer/nodes/web1/dhclient-script
mkdir -p /run/lab/load-balancer/nodes/web1
cat > /run/lab/load-balancer/nodes/web1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/load-balancer/nodes/web1/bin
cat > /run/lab/load-balancer/nodes/web1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/load-balancer/nodes/web1/dhclient.conf -sf /run/lab/load-balancer/nodes/web1/dhclient-script -lf /run/lab/load-balancer/nodes/web1/dhclient.leases -pf /run/lab/load-balancer/nodes/web1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/load-balancer/nodes/web1/bin/dhclient
in_node web1 sh -c 'timeout "$0" "$@" > /run/lab/load-balancer/nodes/web1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/load-balancer/nodes/web1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/load-balancer/nodes/web1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/load-balancer/nodes/web1/dhclient.conf -sf /run/lab/load-balancer/nodes/web1/dhclient-script -lf /run/lab/load-balancer/nodes/web1/dhclient.leases -pf /run/lab/load-balancer/nodes/web1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node web1 ip -4 -o addr show dev eth0
in_node web1 ip -6 -o addr show dev eth0 scope global

# --- web2: DHCP lease
install -D -m 755 /run/lab/load-balancer/nodes/web1/dhclient-script /run/lab/load-balancer/nodes/web2/dhclient-script
install -D -m 644 /run/lab/load-balancer/nodes/web1/dhclient.conf /run/lab/load-balancer/nodes/web2/dhclient.conf
mkdir -p /run/lab/load-balancer/nodes/web2/bin
cat > /run/lab/load-balancer/nodes/web2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/load-balancer/nodes/web2/dhclient.conf -sf /run/lab/load-balancer/nodes/web2/dhclient-script -lf /run/lab/load-balancer/nodes/web2/dhclient.leases -pf /run/lab/load-balancer/nodes/web2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/load-balancer/nodes/web2/bin/dhclient
in_node web2 sh -c 'timeout "$0" "$@" > /run/lab/load-balancer/nodes/web2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/load-balancer/nodes/web2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/load-balancer/nodes/web2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/load-balancer/nodes/web2/dhclient.conf -sf /run/lab/load-balancer/nodes/web2/dhclient-script -lf /run/lab/load-balancer/nodes/web2/dhclient.leases -pf /run/lab/load-balancer/nodes/web2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node web2 ip -4 -o addr show dev eth0
in_node web2 ip -6 -o addr show dev eth0 scope global

# --- web3: DHCP lease
install -D -m 755 /run/lab/load-balancer/nodes/web1/dhclient-script /run/lab/load-balancer/nodes/web3/dhclient-script
install -D -m 644 /run/lab/load-balancer/nodes/web1/dhclient.conf /run/lab/load-balancer/nodes/web3/dhclient.conf
mkdir -p /run/lab/load-balancer/nodes/web3/bin
cat > /run/lab/load-balancer/nodes/web3/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/load-balancer/nodes/web3/dhclient.conf -sf /run/lab/load-balancer/nodes/web3/dhclient-script -lf /run/lab/load-balancer/nodes/web3/dhclient.leases -pf /run/lab/load-balancer/nodes/web3/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/load-balancer/nodes/web3/bin/dhclient
in_node web3 sh -c 'timeout "$0" "$@" > /run/lab/load-balancer/nodes/web3/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/load-balancer/nodes/web3/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/load-balancer/nodes/web3/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/load-balancer/nodes/web3/dhclient.conf -sf /run/lab/load-balancer/nodes/web3/dhclient-script -lf /run/lab/load-balancer/nodes/web3/dhclient.leases -pf /run/lab/load-balancer/nodes/web3/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node web3 ip -4 -o addr show dev eth0
in_node web3 ip -6 -o addr show dev eth0 scope global

# --- client: DHCP lease
install -D -m 755 /run/lab/load-balancer/nodes/web1/dhclient-script /run/lab/load-balancer/nodes/client/dhclient-script
install -D -m 644 /run/lab/load-balancer/nodes/web1/dhclient.conf /run/lab/load-balancer/nodes/client/dhclient.conf
mkdir -p /run/lab/load-balancer/nodes/client/bin
cat > /run/lab/load-balancer/nodes/client/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/load-balancer/nodes/client/dhclient.conf -sf /run/lab/load-balancer/nodes/client/dhclient-script -lf /run/lab/load-balancer/nodes/client/dhclient.leases -pf /run/lab/load-balancer/nodes/client/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/load-balancer/nodes/client/bin/dhclient
in_node client sh -c 'timeout "$0" "$@" > /run/lab/load-balancer/nodes/client/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/load-balancer/nodes/client/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/load-balancer/nodes/client/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/load-balancer/nodes/client/dhclient.conf -sf /run/lab/load-balancer/nodes/client/dhclient-script -lf /run/lab/load-balancer/nodes/client/dhclient.leases -pf /run/lab/load-balancer/nodes/client/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node client ip -4 -o addr show dev eth0
in_node client ip -6 -o addr show dev eth0 scope global

# --- remote: DHCP lease
install -D -m 755 /run/lab/load-balancer/nodes/web1/dhclient-script /run/lab/load-balancer/nodes/remote/dhclient-script
install -D -m 644 /run/lab/load-balancer/nodes/web1/dhclient.conf /run/lab/load-balancer/nodes/remote/dhclient.conf
mkdir -p /run/lab/load-balancer/nodes/remote/bin
cat > /run/lab/load-balancer/nodes/remote/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/load-balancer/nodes/remote/dhclient.conf -sf /run/lab/load-balancer/nodes/remote/dhclient-script -lf /run/lab/load-balancer/nodes/remote/dhclient.leases -pf /run/lab/load-balancer/nodes/remote/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/load-balancer/nodes/remote/bin/dhclient
in_node remote sh -c 'timeout "$0" "$@" > /run/lab/load-balancer/nodes/remote/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/load-balancer/nodes/remote/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/load-balancer/nodes/remote/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/load-balancer/nodes/remote/dhclient.conf -sf /run/lab/load-balancer/nodes/remote/dhclient-script -lf /run/lab/load-balancer/nodes/remote/dhclient.leases -pf /run/lab/load-balancer/nodes/remote/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node remote ip -4 -o addr show dev eth0
in_node remote ip -6 -o addr show dev eth0 scope global

# --- servers: web1 http/8080, web2 http/8080, web3 http/8080
in_node web1 env LOG=/run/lab/load-balancer/nodes/web1/server-http-8080.log PID=/run/lab/load-balancer/nodes/web1/server-http-8080.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' http 8080 web1
in_node web1 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 8080
in_node web2 env LOG=/run/lab/load-balancer/nodes/web2/server-http-8080.log PID=/run/lab/load-balancer/nodes/web2/server-http-8080.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' http 8080 web2
in_node web2 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 8080
in_node web3 env LOG=/run/lab/load-balancer/nodes/web3/server-http-8080.log PID=/run/lab/load-balancer/nodes/web3/server-http-8080.pid sh -c 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"' server /usr/bin/python3 -c '
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
' http 8080 web3
in_node web3 sh -c 'for i in $(seq 1 50); do ss -Hlnt "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1' listening 8080

echo "lab load-balancer is up"
