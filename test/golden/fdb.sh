#!/usr/bin/env bash
# Lab 'fdb' from labs/fdb.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.fdb.<node>; its daemons' files are in /run/lab/fdb/nodes/<node>.
# Remove it with 'lab down fdb' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.fdb\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/fdb
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/fdb ip netns exec lab.fdb.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/fdb LAB_RUN_DIR=/run/lab/fdb/nodes/central OVS_RUNDIR=/run/lab/fdb/nodes/central OVS_DBDIR=/run/lab/fdb/nodes/central OVS_LOGDIR=/run/lab/fdb/nodes/central OVN_RUNDIR=/run/lab/fdb/nodes/central OVN_DBDIR=/run/lab/fdb/nodes/central OVN_LOGDIR=/run/lab/fdb/nodes/central OVN_NB_DB=unix:/run/lab/fdb/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/fdb/nodes/central/ovnsb_db.sock ip netns exec lab.fdb.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/fdb LAB_RUN_DIR=/run/lab/fdb/nodes/hv1 OVS_RUNDIR=/run/lab/fdb/nodes/hv1 OVS_DBDIR=/run/lab/fdb/nodes/hv1 OVS_LOGDIR=/run/lab/fdb/nodes/hv1 OVN_RUNDIR=/run/lab/fdb/nodes/hv1 OVN_DBDIR=/run/lab/fdb/nodes/hv1 OVN_LOGDIR=/run/lab/fdb/nodes/hv1 OVN_NB_DB=tcp:192.168.172.1:6641 OVN_SB_DB=tcp:192.168.172.1:6642 ip netns exec lab.fdb.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/fdb LAB_RUN_DIR=/run/lab/fdb/nodes/hv2 OVS_RUNDIR=/run/lab/fdb/nodes/hv2 OVS_DBDIR=/run/lab/fdb/nodes/hv2 OVS_LOGDIR=/run/lab/fdb/nodes/hv2 OVN_RUNDIR=/run/lab/fdb/nodes/hv2 OVN_DBDIR=/run/lab/fdb/nodes/hv2 OVN_LOGDIR=/run/lab/fdb/nodes/hv2 OVN_NB_DB=tcp:192.168.172.1:6641 OVN_SB_DB=tcp:192.168.172.1:6642 ip netns exec lab.fdb.hv2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/fdb PATH=/run/lab/fdb/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/fdb/nodes/vm1 ip netns exec lab.fdb.vm1 "$@" ;;
    remote) env LAB_DIR=/run/lab/fdb PATH=/run/lab/fdb/nodes/remote/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/fdb/nodes/remote ip netns exec lab.fdb.remote "$@" ;;
    vm2) env LAB_DIR=/run/lab/fdb PATH=/run/lab/fdb/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/fdb/nodes/vm2 ip netns exec lab.fdb.vm2 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/fdb
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/fdb/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "fdb",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/fdb.yaml",
    "underlay": {
      "subnet": {
        "network": 3232279552,
        "prefix": 24,
        "text": "192.168.172.0/24"
      }
    },
    "central": {
      "name": "central",
      "ip": "192.168.172.1",
      "ssl": false
    },
    "chassis": [
      {
        "name": "hv1",
        "ip": "192.168.172.2",
        "mac": "0a:00:c0:a8:ac:02",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      },
      {
        "name": "hv2",
        "ip": "192.168.172.3",
        "mac": "0a:00:c0:a8:ac:03",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      }
    ],
    "switches": [
      {
        "name": "lan",
        "subnet": {
          "network": 172556288,
          "prefix": 24,
          "text": "10.73.0.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.73.0.1",
            "server_mac": "02:00:0a:49:00:01",
            "lease_time": "3600",
            "router": "10.73.0.1"
          }
        }
      },
      {
        "name": "wan",
        "subnet": {
          "network": 172621824,
          "prefix": 24,
          "text": "10.74.0.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.74.0.1",
            "server_mac": "02:00:0a:4a:00:01",
            "lease_time": "3600",
            "router": "10.74.0.1"
          }
        }
      }
    ],
    "routers": [
      {
        "name": "r1",
        "options": {
          "mac_binding_age_threshold": "20"
        },
        "ports": [
          {
            "name": "r1-lan",
            "switchPort": "lan-r1",
            "switch": "lan",
            "ip": "10.73.0.1",
            "prefix": 24,
            "mac": "06:00:0a:49:00:01"
          },
          {
            "name": "r1-wan",
            "switchPort": "wan-r1",
            "switch": "wan",
            "ip": "10.74.0.1",
            "prefix": 24,
            "mac": "06:00:0a:4a:00:01"
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
        "switch": "lan",
        "port": "lan-vm1",
        "mac": "02:00:0a:49:00:0b",
        "ip": "10.73.0.11",
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
        "switch": "lan",
        "port": "lan-vm2",
        "mac": "02:00:0a:49:00:0c",
        "ip": "10.73.0.12",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "gateway": "10.73.0.1",
        "unknownAddresses": true,
        "vlans": []
      },
      {
        "name": "remote",
        "chassis": "hv1",
        "switch": "wan",
        "port": "wan-remote",
        "mac": "02:00:0a:4a:00:15",
        "ip": "10.74.0.21",
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
        "name": "vm1 reaches vm2, whose port has no address OVN knows",
        "kind": "ping",
        "from": "vm1",
        "to": "vm2",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "lan learned vm2's MAC on vm2's port: an FDB row",
        "kind": "fdb",
        "mac": "vm2",
        "port": "vm2",
        "expect": "learned"
      },
      {
        "name": "but not vm1's: a port with known addresses is never learned",
        "kind": "fdb",
        "mac": "vm1",
        "switch": "lan",
        "expect": "gone"
      },
      {
        "name": "r1 learned vm1's address from its ARP request for vm2, flooded to r1 too",
        "kind": "mac_binding",
        "router": "r1",
        "ip": "10.73.0.11",
        "mac": "vm1",
        "port": "r1-lan",
        "expect": "learned"
      },
      {
        "name": "remote reaches vm2 through r1",
        "kind": "ping",
        "from": "remote",
        "to": "vm2",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "r1 resolved vm2's address by ARP on its port to lan: a MAC_Binding row",
        "kind": "mac_binding",
        "router": "r1",
        "ip": "10.73.0.12",
        "mac": "vm2",
        "port": "r1-lan",
        "expect": "learned"
      },
      {
        "name": "but not remote's: wan answers its ARP for r1's address, r1 never sees it",
        "kind": "mac_binding",
        "router": "r1",
        "ip": "10.74.0.21",
        "expect": "gone"
      },
      {
        "name": "once unused for 20 s, northd removes the binding",
        "kind": "mac_binding",
        "timeout": 120,
        "router": "r1",
        "ip": "10.73.0.12",
        "expect": "gone"
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

# --- underlay 192.168.172.0/24
mkdir -p /run/lab/fdb/nodes/underlay
LAB_DIR=/run/lab/fdb ip netns add lab.fdb.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link set dev lo up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link add name underlay type bridge
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/fdb/nodes/central
LAB_DIR=/run/lab/fdb ip netns add lab.fdb.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link add name central type veth peer name eth0 netns lab.fdb.central address 0a:00:c0:a8:ac:01
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link set dev central up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/fdb ip -n lab.fdb.central link set dev eth0 up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.central addr add 192.168.172.1/24 dev eth0
LAB_DIR=/run/lab/fdb ip -n lab.fdb.central link set dev lo up
mkdir -p /run/lab/fdb/nodes/hv1
LAB_DIR=/run/lab/fdb ip netns add lab.fdb.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link add name hv1 type veth peer name eth0 netns lab.fdb.hv1 address 0c:00:c0:a8:ac:02
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link set dev hv1 up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv1 link set dev eth0 up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv1 addr add 192.168.172.2/24 dev eth0
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv1 link set dev lo up
mkdir -p /run/lab/fdb/nodes/hv2
LAB_DIR=/run/lab/fdb ip netns add lab.fdb.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link add name hv2 type veth peer name eth0 netns lab.fdb.hv2 address 0c:00:c0:a8:ac:03
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link set dev hv2 up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv2 link set dev eth0 up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv2 addr add 192.168.172.3/24 dev eth0
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv2 link set dev lo up

# --- central 192.168.172.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/fdb/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/fdb/nodes/central/ovnnb_db.db --remote=punix:/run/lab/fdb/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.172.1 --unixctl=/run/lab/fdb/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/fdb/nodes/central/ovnnb_db.pid --log-file=/run/lab/fdb/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/fdb/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/fdb/nodes/central/ovnsb_db.db --remote=punix:/run/lab/fdb/nodes/central/ovnsb_db.sock --unixctl=/run/lab/fdb/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/fdb/nodes/central/ovnsb_db.pid --log-file=/run/lab/fdb/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/fdb/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.172.2 -- chassis-add hv2 geneve 192.168.172.3
in_node central ovs-appctl -t /run/lab/fdb/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.172.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/fdb/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/fdb/nodes/central/ovnsb_db.sock --pidfile=/run/lab/fdb/nodes/central/ovn-northd.pid --log-file=/run/lab/fdb/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/fdb/nodes/central/ovnnb_db.pid /run/lab/fdb/nodes/central/ovnsb_db.pid /run/lab/fdb/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.172.2 lladdr 0c:00:c0:a8:ac:02 dev eth0 nud permanent' 'neigh replace 192.168.172.3 lladdr 0c:00:c0:a8:ac:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.172.2: ovs-vswitchd, br-phy, VMs vm1, remote plugged into br-int, ovn-controller
mkdir -p /run/lab/fdb/nodes/vm1
mkdir -p /run/lab/fdb/nodes/remote
LAB_DIR=/run/lab/fdb ip netns add lab.fdb.vm1
LAB_DIR=/run/lab/fdb ip netns add lab.fdb.remote
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv1 link add name vm1 type veth peer name eth0 netns lab.fdb.vm1 address 02:00:0a:49:00:0b
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv1 link set dev vm1 mtu 1400 up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv1 link add name remote type veth peer name eth0 netns lab.fdb.remote address 02:00:0a:4a:00:15
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv1 link set dev remote mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/fdb ip -n lab.fdb.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/fdb ip -n lab.fdb.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.vm1 link set dev lo up
in_node remote ethtool -K eth0 tx off
LAB_DIR=/run/lab/fdb ip -n lab.fdb.remote link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/fdb ip -n lab.fdb.remote link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.remote link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/fdb/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/fdb/nodes/hv1/conf.db --remote=punix:/run/lab/fdb/nodes/hv1/db.sock --pidfile=/run/lab/fdb/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/fdb/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/fdb/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/fdb/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/fdb/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:ac:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:ac:02"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=lan-vm1 -- --may-exist add-port br-int remote -- set Interface remote external_ids:iface-id=wan-remote -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.172.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.172.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.172.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.172.1/32 dev eth0 src 192.168.172.2
in_node hv1 ip neigh replace 192.168.172.1 lladdr 0a:00:c0:a8:ac:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.172.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/fdb/nodes/hv1/db.sock --pidfile=/run/lab/fdb/nodes/hv1/ovn-controller.pid --log-file=/run/lab/fdb/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.172.3 0a:00:c0:a8:ac:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.172.3: ovs-vswitchd, br-phy, VM vm2 plugged into br-int, ovn-controller
mkdir -p /run/lab/fdb/nodes/vm2
LAB_DIR=/run/lab/fdb ip netns add lab.fdb.vm2
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv2 link add name vm2 type veth peer name eth0 netns lab.fdb.vm2 address 02:00:0a:49:00:0c
LAB_DIR=/run/lab/fdb ip -n lab.fdb.hv2 link set dev vm2 mtu 1400 up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/fdb ip -n lab.fdb.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/fdb ip -n lab.fdb.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/fdb ip -n lab.fdb.vm2 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/fdb/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/fdb/nodes/hv2/conf.db --remote=punix:/run/lab/fdb/nodes/hv2/db.sock --pidfile=/run/lab/fdb/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/fdb/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/fdb/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/fdb/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/fdb/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:ac:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:ac:03"' -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=lan-vm2 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.172.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.172.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.172.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.172.1/32 dev eth0 src 192.168.172.3
in_node hv2 ip neigh replace 192.168.172.1 lladdr 0a:00:c0:a8:ac:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.172.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/fdb/nodes/hv2/db.sock --pidfile=/run/lab/fdb/nodes/hv2/ovn-controller.pid --log-file=/run/lab/fdb/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.172.2 0a:00:c0:a8:ac:02

# --- logical network, once the 2 chassis have registered: 2 switches, 3 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add lan -- ls-add wan -- --id=@dhcp0 create DHCP_Options cidr=10.73.0.0/24 'options:server_id="10.73.0.1"' 'options:server_mac="02:00:0a:49:00:01"' 'options:lease_time="3600"' 'options:router="10.73.0.1"' -- lsp-add lan lan-vm1 -- lsp-set-addresses lan-vm1 '02:00:0a:49:00:0b 10.73.0.11' -- set Logical_Switch_Port lan-vm1 dhcpv4_options=@dhcp0 -- lsp-add lan lan-vm2 -- lsp-set-addresses lan-vm2 unknown -- --id=@dhcp1 create DHCP_Options cidr=10.74.0.0/24 'options:server_id="10.74.0.1"' 'options:server_mac="02:00:0a:4a:00:01"' 'options:lease_time="3600"' 'options:router="10.74.0.1"' -- lsp-add wan wan-remote -- lsp-set-addresses wan-remote '02:00:0a:4a:00:15 10.74.0.21' -- set Logical_Switch_Port wan-remote dhcpv4_options=@dhcp1 -- lr-add r1 -- set Logical_Router r1 'options:mac_binding_age_threshold="20"' -- lrp-add r1 r1-lan 06:00:0a:49:00:01 10.73.0.1/24 -- lsp-add lan lan-r1 -- lsp-set-type lan-r1 router -- lsp-set-addresses lan-r1 router -- lsp-set-options lan-r1 router-port=r1-lan -- lrp-add r1 r1-wan 06:00:0a:4a:00:01 10.74.0.1/24 -- lsp-add wan wan-r1 -- lsp-set-type wan-r1 router -- lsp-set-addresses wan-r1 router -- lsp-set-options wan-r1 router-port=r1-wan
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port lan-vm1 up=true -- wait-until Logical_Switch_Port lan-vm2 up=true -- wait-until Logical_Switch_Port wan-remote up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: DHCP lease
mkdir -p /run/lab/fdb/nodes/vm1
cat > /run/lab/fdb/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/fdb/nodes/vm1/dhclient-script
mkdir -p /run/lab/fdb/nodes/vm1
cat > /run/lab/fdb/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/fdb/nodes/vm1/bin
cat > /run/lab/fdb/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/fdb/nodes/vm1/dhclient.conf -sf /run/lab/fdb/nodes/vm1/dhclient-script -lf /run/lab/fdb/nodes/vm1/dhclient.leases -pf /run/lab/fdb/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/fdb/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/fdb/nodes/vm1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/fdb/nodes/vm1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/fdb/nodes/vm1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/fdb/nodes/vm1/dhclient.conf -sf /run/lab/fdb/nodes/vm1/dhclient-script -lf /run/lab/fdb/nodes/vm1/dhclient.leases -pf /run/lab/fdb/nodes/vm1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: static address
in_node vm2 ip addr add 10.73.0.12/24 dev eth0
in_node vm2 ip route add default via 10.73.0.1 dev eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

# --- remote: DHCP lease
install -D -m 755 /run/lab/fdb/nodes/vm1/dhclient-script /run/lab/fdb/nodes/remote/dhclient-script
install -D -m 644 /run/lab/fdb/nodes/vm1/dhclient.conf /run/lab/fdb/nodes/remote/dhclient.conf
mkdir -p /run/lab/fdb/nodes/remote/bin
cat > /run/lab/fdb/nodes/remote/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/fdb/nodes/remote/dhclient.conf -sf /run/lab/fdb/nodes/remote/dhclient-script -lf /run/lab/fdb/nodes/remote/dhclient.leases -pf /run/lab/fdb/nodes/remote/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/fdb/nodes/remote/bin/dhclient
in_node remote sh -c 'timeout "$0" "$@" > /run/lab/fdb/nodes/remote/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/fdb/nodes/remote/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/fdb/nodes/remote/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/fdb/nodes/remote/dhclient.conf -sf /run/lab/fdb/nodes/remote/dhclient-script -lf /run/lab/fdb/nodes/remote/dhclient.leases -pf /run/lab/fdb/nodes/remote/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node remote ip -4 -o addr show dev eth0
in_node remote ip -6 -o addr show dev eth0 scope global

echo "lab fdb is up"
