#!/usr/bin/env bash
# Lab 'subnets-routed' from labs/subnets-routed.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.subnets-routed.<node>; its daemons' files are in /run/lab/subnets-routed/nodes/<node>.
# Remove it with 'lab down subnets-routed' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.subnets-routed\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/subnets-routed
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/subnets-routed ip netns exec lab.subnets-routed.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/subnets-routed LAB_RUN_DIR=/run/lab/subnets-routed/nodes/central OVS_RUNDIR=/run/lab/subnets-routed/nodes/central OVS_DBDIR=/run/lab/subnets-routed/nodes/central OVS_LOGDIR=/run/lab/subnets-routed/nodes/central OVN_RUNDIR=/run/lab/subnets-routed/nodes/central OVN_DBDIR=/run/lab/subnets-routed/nodes/central OVN_LOGDIR=/run/lab/subnets-routed/nodes/central OVN_NB_DB=unix:/run/lab/subnets-routed/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/subnets-routed/nodes/central/ovnsb_db.sock ip netns exec lab.subnets-routed.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/subnets-routed LAB_RUN_DIR=/run/lab/subnets-routed/nodes/hv1 OVS_RUNDIR=/run/lab/subnets-routed/nodes/hv1 OVS_DBDIR=/run/lab/subnets-routed/nodes/hv1 OVS_LOGDIR=/run/lab/subnets-routed/nodes/hv1 OVN_RUNDIR=/run/lab/subnets-routed/nodes/hv1 OVN_DBDIR=/run/lab/subnets-routed/nodes/hv1 OVN_LOGDIR=/run/lab/subnets-routed/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.subnets-routed.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/subnets-routed LAB_RUN_DIR=/run/lab/subnets-routed/nodes/hv2 OVS_RUNDIR=/run/lab/subnets-routed/nodes/hv2 OVS_DBDIR=/run/lab/subnets-routed/nodes/hv2 OVS_LOGDIR=/run/lab/subnets-routed/nodes/hv2 OVN_RUNDIR=/run/lab/subnets-routed/nodes/hv2 OVN_DBDIR=/run/lab/subnets-routed/nodes/hv2 OVN_LOGDIR=/run/lab/subnets-routed/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.subnets-routed.hv2 "$@" ;;
    web1) env LAB_DIR=/run/lab/subnets-routed PATH=/run/lab/subnets-routed/nodes/web1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/subnets-routed/nodes/web1 ip netns exec lab.subnets-routed.web1 "$@" ;;
    db2) env LAB_DIR=/run/lab/subnets-routed PATH=/run/lab/subnets-routed/nodes/db2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/subnets-routed/nodes/db2 ip netns exec lab.subnets-routed.db2 "$@" ;;
    web2) env LAB_DIR=/run/lab/subnets-routed PATH=/run/lab/subnets-routed/nodes/web2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/subnets-routed/nodes/web2 ip netns exec lab.subnets-routed.web2 "$@" ;;
    db1) env LAB_DIR=/run/lab/subnets-routed PATH=/run/lab/subnets-routed/nodes/db1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/subnets-routed/nodes/db1 ip netns exec lab.subnets-routed.db1 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/subnets-routed
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/subnets-routed/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "subnets-routed",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/subnets-routed.yaml",
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
        "name": "web",
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
        "name": "db",
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
      }
    ],
    "routers": [
      {
        "name": "r1",
        "options": {},
        "ports": [
          {
            "name": "r1-web",
            "switchPort": "web-r1",
            "switch": "web",
            "ip": "10.0.1.1",
            "prefix": 24,
            "mac": "06:00:0a:00:01:01"
          },
          {
            "name": "r1-db",
            "switchPort": "db-r1",
            "switch": "db",
            "ip": "10.0.2.1",
            "prefix": 24,
            "mac": "06:00:0a:00:02:01"
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
        "switch": "web",
        "port": "web-web1",
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
        "name": "web2",
        "chassis": "hv2",
        "switch": "web",
        "port": "web-web2",
        "mac": "02:00:0a:00:01:0b",
        "ip": "10.0.1.11",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "db1",
        "chassis": "hv2",
        "switch": "db",
        "port": "db-db1",
        "mac": "02:00:0a:00:02:0a",
        "ip": "10.0.2.10",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "db2",
        "chassis": "hv1",
        "switch": "db",
        "port": "db-db2",
        "mac": "02:00:0a:00:02:0b",
        "ip": "10.0.2.11",
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
        "name": "web1 gets the router 10.0.1.1 as its gateway by DHCP",
        "kind": "dhcp",
        "vm": "web1",
        "interface": "eth0",
        "family": 4,
        "router": "10.0.1.1",
        "default_route": "10.0.1.1",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "db1 gets the router 10.0.2.1 as its gateway by DHCP",
        "kind": "dhcp",
        "vm": "db1",
        "interface": "eth0",
        "family": 4,
        "router": "10.0.2.1",
        "default_route": "10.0.2.1",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "same subnet, other chassis",
        "kind": "ping",
        "from": "web1",
        "to": "web2",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "web1 reaches db1 on the other subnet, through the router",
        "kind": "ping",
        "from": "web1",
        "to": "db1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "db2 reaches web2 back",
        "kind": "ping",
        "from": "db2",
        "to": "web2",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "web1 pings its gateway (the router port answers)",
        "kind": "ping",
        "from": "web1",
        "to": "10.0.1.1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "the TTL is decremented by the router (64 becomes 63)",
        "kind": "ping",
        "from": "web1",
        "to": "10.0.2.10",
        "count": 3,
        "family": 4,
        "expect": "reachable",
        "ttl": 63
      },
      {
        "name": "ovn-trace takes web1's packet through router r1 to db1",
        "kind": "trace",
        "from": "web1",
        "to": "db1",
        "family": 4,
        "proto": "icmp",
        "expect": "delivered",
        "through": [
          "web",
          "r1",
          "db"
        ]
      },
      {
        "name": "the router's routing stage has the route to db's subnet",
        "kind": "flow",
        "stage": "lr_in_ip_routing",
        "datapath": "r1",
        "match": "ip4.dst == 10.0.2.0/24",
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
mkdir -p /run/lab/subnets-routed/nodes/underlay
LAB_DIR=/run/lab/subnets-routed ip netns add lab.subnets-routed.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link set dev lo up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link add name underlay type bridge
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/subnets-routed/nodes/central
LAB_DIR=/run/lab/subnets-routed ip netns add lab.subnets-routed.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link add name central type veth peer name eth0 netns lab.subnets-routed.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link set dev central up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.central link set dev eth0 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.central link set dev lo up
mkdir -p /run/lab/subnets-routed/nodes/hv1
LAB_DIR=/run/lab/subnets-routed ip netns add lab.subnets-routed.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link add name hv1 type veth peer name eth0 netns lab.subnets-routed.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link set dev hv1 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv1 link set dev eth0 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv1 link set dev lo up
mkdir -p /run/lab/subnets-routed/nodes/hv2
LAB_DIR=/run/lab/subnets-routed ip netns add lab.subnets-routed.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link add name hv2 type veth peer name eth0 netns lab.subnets-routed.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link set dev hv2 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv2 link set dev eth0 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv2 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/subnets-routed/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/subnets-routed/nodes/central/ovnnb_db.db --remote=punix:/run/lab/subnets-routed/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/subnets-routed/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/subnets-routed/nodes/central/ovnnb_db.pid --log-file=/run/lab/subnets-routed/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/subnets-routed/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/subnets-routed/nodes/central/ovnsb_db.db --remote=punix:/run/lab/subnets-routed/nodes/central/ovnsb_db.sock --unixctl=/run/lab/subnets-routed/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/subnets-routed/nodes/central/ovnsb_db.pid --log-file=/run/lab/subnets-routed/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/subnets-routed/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/subnets-routed/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/subnets-routed/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/subnets-routed/nodes/central/ovnsb_db.sock --pidfile=/run/lab/subnets-routed/nodes/central/ovn-northd.pid --log-file=/run/lab/subnets-routed/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/subnets-routed/nodes/central/ovnnb_db.pid /run/lab/subnets-routed/nodes/central/ovnsb_db.pid /run/lab/subnets-routed/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VMs web1, db2 plugged into br-int, ovn-controller
mkdir -p /run/lab/subnets-routed/nodes/web1
mkdir -p /run/lab/subnets-routed/nodes/db2
LAB_DIR=/run/lab/subnets-routed ip netns add lab.subnets-routed.web1
LAB_DIR=/run/lab/subnets-routed ip netns add lab.subnets-routed.db2
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv1 link add name web1 type veth peer name eth0 netns lab.subnets-routed.web1 address 02:00:0a:00:01:0a
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv1 link set dev web1 mtu 1400 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv1 link add name db2 type veth peer name eth0 netns lab.subnets-routed.db2 address 02:00:0a:00:02:0b
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv1 link set dev db2 mtu 1400 up
in_node web1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.web1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.web1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.web1 link set dev lo up
in_node db2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.db2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.db2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.db2 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/subnets-routed/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/subnets-routed/nodes/hv1/conf.db --remote=punix:/run/lab/subnets-routed/nodes/hv1/db.sock --pidfile=/run/lab/subnets-routed/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/subnets-routed/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/subnets-routed/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/subnets-routed/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/subnets-routed/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- --may-exist add-port br-int web1 -- set Interface web1 external_ids:iface-id=web-web1 -- --may-exist add-port br-int db2 -- set Interface db2 external_ids:iface-id=db-db2 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/subnets-routed/nodes/hv1/db.sock --pidfile=/run/lab/subnets-routed/nodes/hv1/ovn-controller.pid --log-file=/run/lab/subnets-routed/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VMs web2, db1 plugged into br-int, ovn-controller
mkdir -p /run/lab/subnets-routed/nodes/web2
mkdir -p /run/lab/subnets-routed/nodes/db1
LAB_DIR=/run/lab/subnets-routed ip netns add lab.subnets-routed.web2
LAB_DIR=/run/lab/subnets-routed ip netns add lab.subnets-routed.db1
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv2 link add name web2 type veth peer name eth0 netns lab.subnets-routed.web2 address 02:00:0a:00:01:0b
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv2 link set dev web2 mtu 1400 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv2 link add name db1 type veth peer name eth0 netns lab.subnets-routed.db1 address 02:00:0a:00:02:0a
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.hv2 link set dev db1 mtu 1400 up
in_node web2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.web2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.web2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.web2 link set dev lo up
in_node db1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.db1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.db1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/subnets-routed ip -n lab.subnets-routed.db1 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/subnets-routed/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/subnets-routed/nodes/hv2/conf.db --remote=punix:/run/lab/subnets-routed/nodes/hv2/db.sock --pidfile=/run/lab/subnets-routed/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/subnets-routed/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/subnets-routed/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/subnets-routed/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/subnets-routed/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int web2 -- set Interface web2 external_ids:iface-id=web-web2 -- --may-exist add-port br-int db1 -- set Interface db1 external_ids:iface-id=db-db1 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/subnets-routed/nodes/hv2/db.sock --pidfile=/run/lab/subnets-routed/nodes/hv2/ovn-controller.pid --log-file=/run/lab/subnets-routed/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 2 switches, 4 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add web -- ls-add db -- --id=@dhcp0 create DHCP_Options cidr=10.0.1.0/24 'options:server_id="10.0.1.1"' 'options:server_mac="02:00:0a:00:01:01"' 'options:lease_time="3600"' 'options:router="10.0.1.1"' -- lsp-add web web-web1 -- lsp-set-addresses web-web1 '02:00:0a:00:01:0a 10.0.1.10' -- set Logical_Switch_Port web-web1 dhcpv4_options=@dhcp0 -- lsp-add web web-web2 -- lsp-set-addresses web-web2 '02:00:0a:00:01:0b 10.0.1.11' -- set Logical_Switch_Port web-web2 dhcpv4_options=@dhcp0 -- --id=@dhcp1 create DHCP_Options cidr=10.0.2.0/24 'options:server_id="10.0.2.1"' 'options:server_mac="02:00:0a:00:02:01"' 'options:lease_time="3600"' 'options:router="10.0.2.1"' -- lsp-add db db-db1 -- lsp-set-addresses db-db1 '02:00:0a:00:02:0a 10.0.2.10' -- set Logical_Switch_Port db-db1 dhcpv4_options=@dhcp1 -- lsp-add db db-db2 -- lsp-set-addresses db-db2 '02:00:0a:00:02:0b 10.0.2.11' -- set Logical_Switch_Port db-db2 dhcpv4_options=@dhcp1 -- lr-add r1 -- lrp-add r1 r1-web 06:00:0a:00:01:01 10.0.1.1/24 -- lsp-add web web-r1 -- lsp-set-type web-r1 router -- lsp-set-addresses web-r1 router -- lsp-set-options web-r1 router-port=r1-web -- lrp-add r1 r1-db 06:00:0a:00:02:01 10.0.2.1/24 -- lsp-add db db-r1 -- lsp-set-type db-r1 router -- lsp-set-addresses db-r1 router -- lsp-set-options db-r1 router-port=r1-db
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port web-web1 up=true -- wait-until Logical_Switch_Port web-web2 up=true -- wait-until Logical_Switch_Port db-db1 up=true -- wait-until Logical_Switch_Port db-db2 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- web1: DHCP lease
mkdir -p /run/lab/subnets-routed/nodes/web1
cat > /run/lab/subnets-routed/nodes/web1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/subnets-routed/nodes/web1/dhclient-script
mkdir -p /run/lab/subnets-routed/nodes/web1
cat > /run/lab/subnets-routed/nodes/web1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/subnets-routed/nodes/web1/bin
cat > /run/lab/subnets-routed/nodes/web1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/subnets-routed/nodes/web1/dhclient.conf -sf /run/lab/subnets-routed/nodes/web1/dhclient-script -lf /run/lab/subnets-routed/nodes/web1/dhclient.leases -pf /run/lab/subnets-routed/nodes/web1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/subnets-routed/nodes/web1/bin/dhclient
in_node web1 sh -c 'timeout "$0" "$@" > /run/lab/subnets-routed/nodes/web1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/subnets-routed/nodes/web1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/subnets-routed/nodes/web1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/subnets-routed/nodes/web1/dhclient.conf -sf /run/lab/subnets-routed/nodes/web1/dhclient-script -lf /run/lab/subnets-routed/nodes/web1/dhclient.leases -pf /run/lab/subnets-routed/nodes/web1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node web1 ip -4 -o addr show dev eth0
in_node web1 ip -6 -o addr show dev eth0 scope global

# --- web2: DHCP lease
install -D -m 755 /run/lab/subnets-routed/nodes/web1/dhclient-script /run/lab/subnets-routed/nodes/web2/dhclient-script
install -D -m 644 /run/lab/subnets-routed/nodes/web1/dhclient.conf /run/lab/subnets-routed/nodes/web2/dhclient.conf
mkdir -p /run/lab/subnets-routed/nodes/web2/bin
cat > /run/lab/subnets-routed/nodes/web2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/subnets-routed/nodes/web2/dhclient.conf -sf /run/lab/subnets-routed/nodes/web2/dhclient-script -lf /run/lab/subnets-routed/nodes/web2/dhclient.leases -pf /run/lab/subnets-routed/nodes/web2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/subnets-routed/nodes/web2/bin/dhclient
in_node web2 sh -c 'timeout "$0" "$@" > /run/lab/subnets-routed/nodes/web2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/subnets-routed/nodes/web2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/subnets-routed/nodes/web2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/subnets-routed/nodes/web2/dhclient.conf -sf /run/lab/subnets-routed/nodes/web2/dhclient-script -lf /run/lab/subnets-routed/nodes/web2/dhclient.leases -pf /run/lab/subnets-routed/nodes/web2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node web2 ip -4 -o addr show dev eth0
in_node web2 ip -6 -o addr show dev eth0 scope global

# --- db1: DHCP lease
install -D -m 755 /run/lab/subnets-routed/nodes/web1/dhclient-script /run/lab/subnets-routed/nodes/db1/dhclient-script
install -D -m 644 /run/lab/subnets-routed/nodes/web1/dhclient.conf /run/lab/subnets-routed/nodes/db1/dhclient.conf
mkdir -p /run/lab/subnets-routed/nodes/db1/bin
cat > /run/lab/subnets-routed/nodes/db1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/subnets-routed/nodes/db1/dhclient.conf -sf /run/lab/subnets-routed/nodes/db1/dhclient-script -lf /run/lab/subnets-routed/nodes/db1/dhclient.leases -pf /run/lab/subnets-routed/nodes/db1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/subnets-routed/nodes/db1/bin/dhclient
in_node db1 sh -c 'timeout "$0" "$@" > /run/lab/subnets-routed/nodes/db1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/subnets-routed/nodes/db1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/subnets-routed/nodes/db1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/subnets-routed/nodes/db1/dhclient.conf -sf /run/lab/subnets-routed/nodes/db1/dhclient-script -lf /run/lab/subnets-routed/nodes/db1/dhclient.leases -pf /run/lab/subnets-routed/nodes/db1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node db1 ip -4 -o addr show dev eth0
in_node db1 ip -6 -o addr show dev eth0 scope global

# --- db2: DHCP lease
install -D -m 755 /run/lab/subnets-routed/nodes/web1/dhclient-script /run/lab/subnets-routed/nodes/db2/dhclient-script
install -D -m 644 /run/lab/subnets-routed/nodes/web1/dhclient.conf /run/lab/subnets-routed/nodes/db2/dhclient.conf
mkdir -p /run/lab/subnets-routed/nodes/db2/bin
cat > /run/lab/subnets-routed/nodes/db2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/subnets-routed/nodes/db2/dhclient.conf -sf /run/lab/subnets-routed/nodes/db2/dhclient-script -lf /run/lab/subnets-routed/nodes/db2/dhclient.leases -pf /run/lab/subnets-routed/nodes/db2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/subnets-routed/nodes/db2/bin/dhclient
in_node db2 sh -c 'timeout "$0" "$@" > /run/lab/subnets-routed/nodes/db2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/subnets-routed/nodes/db2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/subnets-routed/nodes/db2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/subnets-routed/nodes/db2/dhclient.conf -sf /run/lab/subnets-routed/nodes/db2/dhclient-script -lf /run/lab/subnets-routed/nodes/db2/dhclient.leases -pf /run/lab/subnets-routed/nodes/db2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node db2 ip -4 -o addr show dev eth0
in_node db2 ip -6 -o addr show dev eth0 scope global

echo "lab subnets-routed is up"
