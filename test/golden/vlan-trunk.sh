#!/usr/bin/env bash
# Lab 'vlan-trunk' from labs/vlan-trunk.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.vlan-trunk.<node>; its daemons' files are in /run/lab/vlan-trunk/nodes/<node>.
# Remove it with 'lab down vlan-trunk' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.vlan-trunk\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/vlan-trunk
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/vlan-trunk ip netns exec lab.vlan-trunk.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/vlan-trunk LAB_RUN_DIR=/run/lab/vlan-trunk/nodes/central OVS_RUNDIR=/run/lab/vlan-trunk/nodes/central OVS_DBDIR=/run/lab/vlan-trunk/nodes/central OVS_LOGDIR=/run/lab/vlan-trunk/nodes/central OVN_RUNDIR=/run/lab/vlan-trunk/nodes/central OVN_DBDIR=/run/lab/vlan-trunk/nodes/central OVN_LOGDIR=/run/lab/vlan-trunk/nodes/central OVN_NB_DB=unix:/run/lab/vlan-trunk/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/vlan-trunk/nodes/central/ovnsb_db.sock ip netns exec lab.vlan-trunk.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/vlan-trunk LAB_RUN_DIR=/run/lab/vlan-trunk/nodes/hv1 OVS_RUNDIR=/run/lab/vlan-trunk/nodes/hv1 OVS_DBDIR=/run/lab/vlan-trunk/nodes/hv1 OVS_LOGDIR=/run/lab/vlan-trunk/nodes/hv1 OVN_RUNDIR=/run/lab/vlan-trunk/nodes/hv1 OVN_DBDIR=/run/lab/vlan-trunk/nodes/hv1 OVN_LOGDIR=/run/lab/vlan-trunk/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.vlan-trunk.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/vlan-trunk LAB_RUN_DIR=/run/lab/vlan-trunk/nodes/hv2 OVS_RUNDIR=/run/lab/vlan-trunk/nodes/hv2 OVS_DBDIR=/run/lab/vlan-trunk/nodes/hv2 OVS_LOGDIR=/run/lab/vlan-trunk/nodes/hv2 OVN_RUNDIR=/run/lab/vlan-trunk/nodes/hv2 OVN_DBDIR=/run/lab/vlan-trunk/nodes/hv2 OVN_LOGDIR=/run/lab/vlan-trunk/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.vlan-trunk.hv2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/vlan-trunk PATH=/run/lab/vlan-trunk/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/vlan-trunk/nodes/vm1 ip netns exec lab.vlan-trunk.vm1 "$@" ;;
    red) env LAB_DIR=/run/lab/vlan-trunk PATH=/run/lab/vlan-trunk/nodes/red/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/vlan-trunk/nodes/red ip netns exec lab.vlan-trunk.red "$@" ;;
    blue) env LAB_DIR=/run/lab/vlan-trunk PATH=/run/lab/vlan-trunk/nodes/blue/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/vlan-trunk/nodes/blue ip netns exec lab.vlan-trunk.blue "$@" ;;
    plain) env LAB_DIR=/run/lab/vlan-trunk PATH=/run/lab/vlan-trunk/nodes/plain/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/vlan-trunk/nodes/plain ip netns exec lab.vlan-trunk.plain "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/vlan-trunk
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/vlan-trunk/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "vlan-trunk",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/vlan-trunk.yaml",
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
        "name": "native",
        "subnet": {
          "network": 169738240,
          "prefix": 24,
          "text": "10.30.0.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.30.0.1",
            "server_mac": "02:00:0a:1e:00:01",
            "lease_time": "3600"
          }
        }
      },
      {
        "name": "v10",
        "subnet": {
          "network": 169740800,
          "prefix": 24,
          "text": "10.30.10.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.30.10.1",
            "server_mac": "02:00:0a:1e:0a:01",
            "lease_time": "3600"
          }
        }
      },
      {
        "name": "v20",
        "subnet": {
          "network": 169743360,
          "prefix": 24,
          "text": "10.30.20.0/24"
        },
        "dhcp": {
          "options": {
            "server_id": "10.30.20.1",
            "server_mac": "02:00:0a:1e:14:01",
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
        "switch": "native",
        "port": "native-vm1",
        "mac": "02:00:0a:1e:00:0a",
        "ip": "10.30.0.10",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": [
          {
            "tag": 10,
            "iface": "eth0.10",
            "switch": "v10",
            "port": "v10-vm1-10",
            "ip": "10.30.10.10",
            "prefix": 24,
            "mac": "02:00:0a:1e:0a:0a",
            "dhcp": true
          },
          {
            "tag": 20,
            "iface": "eth0.20",
            "switch": "v20",
            "port": "v20-vm1-20",
            "ip": "10.30.20.10",
            "prefix": 24,
            "mac": "02:00:0a:1e:14:0a",
            "dhcp": true
          }
        ]
      },
      {
        "name": "red",
        "chassis": "hv2",
        "switch": "v10",
        "port": "v10-red",
        "mac": "02:00:0a:1e:0a:14",
        "ip": "10.30.10.20",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "blue",
        "chassis": "hv2",
        "switch": "v20",
        "port": "v20-blue",
        "mac": "02:00:0a:1e:14:14",
        "ip": "10.30.20.20",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "plain",
        "chassis": "hv2",
        "switch": "native",
        "port": "native-plain",
        "mac": "02:00:0a:1e:00:14",
        "ip": "10.30.0.20",
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
    "setup": [
      {
        "node": "hv1",
        "command": "ovs-vsctl --may-exist add-br br-trunk -- set Bridge br-trunk datapath_type=netdev -- --may-exist add-port br-trunk trunk0 -- set Interface trunk0 type=internal -- set Port trunk0 trunks=10,20"
      }
    ],
    "checks": [
      {
        "name": "eth0.10 of vm1 leases its child port's address on switch v10",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0.10",
        "family": 4,
        "address": "10.30.10.10/24",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "eth0.20 of vm1 leases its child port's address on switch v20",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0.20",
        "family": 4,
        "address": "10.30.20.10/24",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "untagged eth0 stays on the native switch",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0",
        "family": 4,
        "address": "10.30.0.10/24",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "the child port on v10 has vm1's port as parent and tag 10",
        "kind": "logical_port",
        "port": "v10-vm1-10",
        "switch": "v10",
        "parent": "native-vm1",
        "tag": 10
      },
      {
        "name": "and the one on v20 tag 20",
        "kind": "logical_port",
        "port": "v20-vm1-20",
        "switch": "v20",
        "parent": "native-vm1",
        "tag": 20
      },
      {
        "name": "VLAN 10 reaches red on switch v10 (across the tunnel)",
        "kind": "ping",
        "from": "vm1",
        "to": "red",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "VLAN 20 reaches blue on switch v20",
        "kind": "ping",
        "from": "vm1",
        "to": "blue",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "untagged traffic reaches plain on the native switch",
        "kind": "ping",
        "from": "vm1",
        "to": "plain",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "VLAN 10 does not leak into VLAN 20's switch (no router between them)",
        "kind": "ping",
        "from": "red",
        "to": "blue",
        "count": 3,
        "family": 4,
        "expect": "unreachable"
      },
      {
        "name": "vm1's trunk towards br-int carries VLANs 10 and 20 tagged, its own traffic untagged",
        "kind": "bridge",
        "chassis": "hv1",
        "bridge": "vt0",
        "port": "vt0-tr",
        "trunks": [
          10,
          20,
          4094
        ],
        "vlan_mode": "native-untagged",
        "expect": "present"
      },
      {
        "name": "the plain OVS port trunk0 carries VLANs 10 and 20",
        "kind": "bridge",
        "chassis": "hv1",
        "bridge": "br-trunk",
        "port": "trunk0",
        "trunks": [
          10,
          20
        ],
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
mkdir -p /run/lab/vlan-trunk/nodes/underlay
LAB_DIR=/run/lab/vlan-trunk ip netns add lab.vlan-trunk.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link set dev lo up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link add name underlay type bridge
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/vlan-trunk/nodes/central
LAB_DIR=/run/lab/vlan-trunk ip netns add lab.vlan-trunk.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link add name central type veth peer name eth0 netns lab.vlan-trunk.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link set dev central up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.central link set dev eth0 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.central link set dev lo up
mkdir -p /run/lab/vlan-trunk/nodes/hv1
LAB_DIR=/run/lab/vlan-trunk ip netns add lab.vlan-trunk.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link add name hv1 type veth peer name eth0 netns lab.vlan-trunk.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link set dev hv1 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv1 link set dev eth0 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv1 link set dev lo up
mkdir -p /run/lab/vlan-trunk/nodes/hv2
LAB_DIR=/run/lab/vlan-trunk ip netns add lab.vlan-trunk.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link add name hv2 type veth peer name eth0 netns lab.vlan-trunk.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link set dev hv2 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv2 link set dev eth0 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv2 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/vlan-trunk/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/vlan-trunk/nodes/central/ovnnb_db.db --remote=punix:/run/lab/vlan-trunk/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/vlan-trunk/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/vlan-trunk/nodes/central/ovnnb_db.pid --log-file=/run/lab/vlan-trunk/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/vlan-trunk/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/vlan-trunk/nodes/central/ovnsb_db.db --remote=punix:/run/lab/vlan-trunk/nodes/central/ovnsb_db.sock --unixctl=/run/lab/vlan-trunk/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/vlan-trunk/nodes/central/ovnsb_db.pid --log-file=/run/lab/vlan-trunk/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/vlan-trunk/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/vlan-trunk/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/vlan-trunk/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/vlan-trunk/nodes/central/ovnsb_db.sock --pidfile=/run/lab/vlan-trunk/nodes/central/ovn-northd.pid --log-file=/run/lab/vlan-trunk/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/vlan-trunk/nodes/central/ovnnb_db.pid /run/lab/vlan-trunk/nodes/central/ovnsb_db.pid /run/lab/vlan-trunk/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/vlan-trunk/nodes/vm1
LAB_DIR=/run/lab/vlan-trunk ip netns add lab.vlan-trunk.vm1
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv1 link add name vm1 type veth peer name eth0 netns lab.vlan-trunk.vm1 address 02:00:0a:1e:00:0a
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv1 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.vm1 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/vlan-trunk/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/vlan-trunk/nodes/hv1/conf.db --remote=punix:/run/lab/vlan-trunk/nodes/hv1/db.sock --pidfile=/run/lab/vlan-trunk/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/vlan-trunk/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/vlan-trunk/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/vlan-trunk/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/vlan-trunk/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/vlan-trunk/nodes/hv1/db.sock --pidfile=/run/lab/vlan-trunk/nodes/hv1/ovn-controller.pid --log-file=/run/lab/vlan-trunk/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv1 link add name vt0-10 type veth peer name eth0.10 netns lab.vlan-trunk.vm1 address 02:00:0a:1e:0a:0a
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv1 link set dev vt0-10 mtu 1400 up
in_node vm1 ethtool -K eth0.10 tx off
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.vm1 link set dev eth0.10 addrgenmode none
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.vm1 link set dev eth0.10 mtu 1400 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv1 link add name vt0-20 type veth peer name eth0.20 netns lab.vlan-trunk.vm1 address 02:00:0a:1e:14:0a
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv1 link set dev vt0-20 mtu 1400 up
in_node vm1 ethtool -K eth0.20 tx off
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.vm1 link set dev eth0.20 addrgenmode none
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.vm1 link set dev eth0.20 mtu 1400 up
in_node hv1 ip link add name vt0-up type veth peer name vt0-tr
in_node hv1 ip link set dev vt0-up mtu 1400 up
in_node hv1 ethtool -K vt0-tr tx off
in_node hv1 ip link set dev vt0-tr mtu 1400 up
in_node hv1 ovs-vsctl --timeout=30 -- add-br vt0 -- set Bridge vt0 datapath_type=netdev -- add-port vt0 vt0-tr -- set Port vt0-tr vlan_mode=native-untagged tag=4094 trunks=4094,10,20 -- add-port vt0 vm1 -- set Port vm1 tag=4094 -- add-port vt0 vt0-10 -- set Port vt0-10 tag=10 -- add-port vt0 vt0-20 -- set Port vt0-20 tag=20
in_node hv1 ovs-vsctl --timeout=30 -- --may-exist add-port br-int vt0-up -- set Interface vt0-up external_ids:iface-id=native-vm1

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VMs red, blue, plain plugged into br-int, ovn-controller
mkdir -p /run/lab/vlan-trunk/nodes/red
mkdir -p /run/lab/vlan-trunk/nodes/blue
mkdir -p /run/lab/vlan-trunk/nodes/plain
LAB_DIR=/run/lab/vlan-trunk ip netns add lab.vlan-trunk.red
LAB_DIR=/run/lab/vlan-trunk ip netns add lab.vlan-trunk.blue
LAB_DIR=/run/lab/vlan-trunk ip netns add lab.vlan-trunk.plain
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv2 link add name red type veth peer name eth0 netns lab.vlan-trunk.red address 02:00:0a:1e:0a:14
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv2 link set dev red mtu 1400 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv2 link add name blue type veth peer name eth0 netns lab.vlan-trunk.blue address 02:00:0a:1e:14:14
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv2 link set dev blue mtu 1400 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv2 link add name plain type veth peer name eth0 netns lab.vlan-trunk.plain address 02:00:0a:1e:00:14
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.hv2 link set dev plain mtu 1400 up
in_node red ethtool -K eth0 tx off
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.red link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.red link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.red link set dev lo up
in_node blue ethtool -K eth0 tx off
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.blue link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.blue link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.blue link set dev lo up
in_node plain ethtool -K eth0 tx off
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.plain link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.plain link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/vlan-trunk ip -n lab.vlan-trunk.plain link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/vlan-trunk/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/vlan-trunk/nodes/hv2/conf.db --remote=punix:/run/lab/vlan-trunk/nodes/hv2/db.sock --pidfile=/run/lab/vlan-trunk/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/vlan-trunk/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/vlan-trunk/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/vlan-trunk/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/vlan-trunk/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int red -- set Interface red external_ids:iface-id=v10-red -- --may-exist add-port br-int blue -- set Interface blue external_ids:iface-id=v20-blue -- --may-exist add-port br-int plain -- set Interface plain external_ids:iface-id=native-plain -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/vlan-trunk/nodes/hv2/db.sock --pidfile=/run/lab/vlan-trunk/nodes/hv2/ovn-controller.pid --log-file=/run/lab/vlan-trunk/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 3 switches, 4 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add native -- ls-add v10 -- ls-add v20 -- --id=@dhcp0 create DHCP_Options cidr=10.30.0.0/24 'options:server_id="10.30.0.1"' 'options:server_mac="02:00:0a:1e:00:01"' 'options:lease_time="3600"' -- --id=@dhcp1 create DHCP_Options cidr=10.30.10.0/24 'options:server_id="10.30.10.1"' 'options:server_mac="02:00:0a:1e:0a:01"' 'options:lease_time="3600"' -- --id=@dhcp2 create DHCP_Options cidr=10.30.20.0/24 'options:server_id="10.30.20.1"' 'options:server_mac="02:00:0a:1e:14:01"' 'options:lease_time="3600"' -- lsp-add native native-vm1 -- lsp-set-addresses native-vm1 '02:00:0a:1e:00:0a 10.30.0.10' -- set Logical_Switch_Port native-vm1 dhcpv4_options=@dhcp0 -- lsp-add v10 v10-vm1-10 native-vm1 10 -- lsp-set-addresses v10-vm1-10 '02:00:0a:1e:0a:0a 10.30.10.10' -- set Logical_Switch_Port v10-vm1-10 dhcpv4_options=@dhcp1 -- lsp-add v20 v20-vm1-20 native-vm1 20 -- lsp-set-addresses v20-vm1-20 '02:00:0a:1e:14:0a 10.30.20.10' -- set Logical_Switch_Port v20-vm1-20 dhcpv4_options=@dhcp2 -- lsp-add v10 v10-red -- lsp-set-addresses v10-red '02:00:0a:1e:0a:14 10.30.10.20' -- set Logical_Switch_Port v10-red dhcpv4_options=@dhcp1 -- lsp-add v20 v20-blue -- lsp-set-addresses v20-blue '02:00:0a:1e:14:14 10.30.20.20' -- set Logical_Switch_Port v20-blue dhcpv4_options=@dhcp2 -- lsp-add native native-plain -- lsp-set-addresses native-plain '02:00:0a:1e:00:14 10.30.0.20' -- set Logical_Switch_Port native-plain dhcpv4_options=@dhcp0
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port native-vm1 up=true -- wait-until Logical_Switch_Port v10-vm1-10 up=true -- wait-until Logical_Switch_Port v20-vm1-20 up=true -- wait-until Logical_Switch_Port v10-red up=true -- wait-until Logical_Switch_Port v20-blue up=true -- wait-until Logical_Switch_Port native-plain up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: DHCP lease and VLANs 10, 20
mkdir -p /run/lab/vlan-trunk/nodes/vm1
cat > /run/lab/vlan-trunk/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/vlan-trunk/nodes/vm1/dhclient-script
mkdir -p /run/lab/vlan-trunk/nodes/vm1
cat > /run/lab/vlan-trunk/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/vlan-trunk/nodes/vm1/bin
cat > /run/lab/vlan-trunk/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/vm1/dhclient.conf -sf /run/lab/vlan-trunk/nodes/vm1/dhclient-script -lf /run/lab/vlan-trunk/nodes/vm1/dhclient.leases -pf /run/lab/vlan-trunk/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/vlan-trunk/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/vlan-trunk/nodes/vm1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/vlan-trunk/nodes/vm1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/vlan-trunk/nodes/vm1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/vm1/dhclient.conf -sf /run/lab/vlan-trunk/nodes/vm1/dhclient-script -lf /run/lab/vlan-trunk/nodes/vm1/dhclient.leases -pf /run/lab/vlan-trunk/nodes/vm1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
mkdir -p /run/lab/vlan-trunk/nodes/vm1
cat > /run/lab/vlan-trunk/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/vlan-trunk/nodes/vm1/dhclient-script
mkdir -p /run/lab/vlan-trunk/nodes/vm1
cat > /run/lab/vlan-trunk/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/vlan-trunk/nodes/vm1/bin
cat > /run/lab/vlan-trunk/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/vm1/dhclient.conf -sf /run/lab/vlan-trunk/nodes/vm1/dhclient-script -lf /run/lab/vlan-trunk/nodes/vm1/dhclient.leases -pf /run/lab/vlan-trunk/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/vlan-trunk/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.10.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.10.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.10.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0.10; exit $s' 40 /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/vm1/dhclient.conf -sf /run/lab/vlan-trunk/nodes/vm1/dhclient-script -lf /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.10.leases -pf /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.10.pid -e LAB_LINK_UP=1 -1 -v eth0.10
mkdir -p /run/lab/vlan-trunk/nodes/vm1
cat > /run/lab/vlan-trunk/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/vlan-trunk/nodes/vm1/dhclient-script
mkdir -p /run/lab/vlan-trunk/nodes/vm1
cat > /run/lab/vlan-trunk/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/vlan-trunk/nodes/vm1/bin
cat > /run/lab/vlan-trunk/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/vm1/dhclient.conf -sf /run/lab/vlan-trunk/nodes/vm1/dhclient-script -lf /run/lab/vlan-trunk/nodes/vm1/dhclient.leases -pf /run/lab/vlan-trunk/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/vlan-trunk/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.20.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.20.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.20.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0.20; exit $s' 40 /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/vm1/dhclient.conf -sf /run/lab/vlan-trunk/nodes/vm1/dhclient-script -lf /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.20.leases -pf /run/lab/vlan-trunk/nodes/vm1/dhclient.eth0.20.pid -e LAB_LINK_UP=1 -1 -v eth0.20
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- red: DHCP lease
install -D -m 755 /run/lab/vlan-trunk/nodes/vm1/dhclient-script /run/lab/vlan-trunk/nodes/red/dhclient-script
install -D -m 644 /run/lab/vlan-trunk/nodes/vm1/dhclient.conf /run/lab/vlan-trunk/nodes/red/dhclient.conf
mkdir -p /run/lab/vlan-trunk/nodes/red/bin
cat > /run/lab/vlan-trunk/nodes/red/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/red/dhclient.conf -sf /run/lab/vlan-trunk/nodes/red/dhclient-script -lf /run/lab/vlan-trunk/nodes/red/dhclient.leases -pf /run/lab/vlan-trunk/nodes/red/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/vlan-trunk/nodes/red/bin/dhclient
in_node red sh -c 'timeout "$0" "$@" > /run/lab/vlan-trunk/nodes/red/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/vlan-trunk/nodes/red/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/vlan-trunk/nodes/red/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/red/dhclient.conf -sf /run/lab/vlan-trunk/nodes/red/dhclient-script -lf /run/lab/vlan-trunk/nodes/red/dhclient.leases -pf /run/lab/vlan-trunk/nodes/red/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node red ip -4 -o addr show dev eth0
in_node red ip -6 -o addr show dev eth0 scope global

# --- blue: DHCP lease
install -D -m 755 /run/lab/vlan-trunk/nodes/vm1/dhclient-script /run/lab/vlan-trunk/nodes/blue/dhclient-script
install -D -m 644 /run/lab/vlan-trunk/nodes/vm1/dhclient.conf /run/lab/vlan-trunk/nodes/blue/dhclient.conf
mkdir -p /run/lab/vlan-trunk/nodes/blue/bin
cat > /run/lab/vlan-trunk/nodes/blue/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/blue/dhclient.conf -sf /run/lab/vlan-trunk/nodes/blue/dhclient-script -lf /run/lab/vlan-trunk/nodes/blue/dhclient.leases -pf /run/lab/vlan-trunk/nodes/blue/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/vlan-trunk/nodes/blue/bin/dhclient
in_node blue sh -c 'timeout "$0" "$@" > /run/lab/vlan-trunk/nodes/blue/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/vlan-trunk/nodes/blue/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/vlan-trunk/nodes/blue/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/blue/dhclient.conf -sf /run/lab/vlan-trunk/nodes/blue/dhclient-script -lf /run/lab/vlan-trunk/nodes/blue/dhclient.leases -pf /run/lab/vlan-trunk/nodes/blue/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node blue ip -4 -o addr show dev eth0
in_node blue ip -6 -o addr show dev eth0 scope global

# --- plain: DHCP lease
install -D -m 755 /run/lab/vlan-trunk/nodes/vm1/dhclient-script /run/lab/vlan-trunk/nodes/plain/dhclient-script
install -D -m 644 /run/lab/vlan-trunk/nodes/vm1/dhclient.conf /run/lab/vlan-trunk/nodes/plain/dhclient.conf
mkdir -p /run/lab/vlan-trunk/nodes/plain/bin
cat > /run/lab/vlan-trunk/nodes/plain/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/plain/dhclient.conf -sf /run/lab/vlan-trunk/nodes/plain/dhclient-script -lf /run/lab/vlan-trunk/nodes/plain/dhclient.leases -pf /run/lab/vlan-trunk/nodes/plain/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/vlan-trunk/nodes/plain/bin/dhclient
in_node plain sh -c 'timeout "$0" "$@" > /run/lab/vlan-trunk/nodes/plain/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/vlan-trunk/nodes/plain/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/vlan-trunk/nodes/plain/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/vlan-trunk/nodes/plain/dhclient.conf -sf /run/lab/vlan-trunk/nodes/plain/dhclient-script -lf /run/lab/vlan-trunk/nodes/plain/dhclient.leases -pf /run/lab/vlan-trunk/nodes/plain/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node plain ip -4 -o addr show dev eth0
in_node plain ip -6 -o addr show dev eth0 scope global

# --- setup in hv1: ovs-vsctl --may-exist add-br br-trunk -- set Bridge br-trunk datapath_type=netdev -- --may-exist add-port br-trunk trunk0 -- set Interface trunk0 type=internal -- set Port trunk0 trunks=10,20
in_node hv1 sh -c 'ovs-vsctl --may-exist add-br br-trunk -- set Bridge br-trunk datapath_type=netdev -- --may-exist add-port br-trunk trunk0 -- set Interface trunk0 type=internal -- set Port trunk0 trunks=10,20'

echo "lab vlan-trunk is up"
