#!/usr/bin/env bash
# Lab 'router-dnsmasq' from labs/router-dnsmasq.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.router-dnsmasq.<node>; its daemons' files are in /run/lab/router-dnsmasq/nodes/<node>.
# Remove it with 'lab down router-dnsmasq' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.router-dnsmasq\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/router-dnsmasq
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/router-dnsmasq ip netns exec lab.router-dnsmasq.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/router-dnsmasq LAB_RUN_DIR=/run/lab/router-dnsmasq/nodes/central OVS_RUNDIR=/run/lab/router-dnsmasq/nodes/central OVS_DBDIR=/run/lab/router-dnsmasq/nodes/central OVS_LOGDIR=/run/lab/router-dnsmasq/nodes/central OVN_RUNDIR=/run/lab/router-dnsmasq/nodes/central OVN_DBDIR=/run/lab/router-dnsmasq/nodes/central OVN_LOGDIR=/run/lab/router-dnsmasq/nodes/central OVN_NB_DB=unix:/run/lab/router-dnsmasq/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/router-dnsmasq/nodes/central/ovnsb_db.sock ip netns exec lab.router-dnsmasq.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/router-dnsmasq LAB_RUN_DIR=/run/lab/router-dnsmasq/nodes/hv1 OVS_RUNDIR=/run/lab/router-dnsmasq/nodes/hv1 OVS_DBDIR=/run/lab/router-dnsmasq/nodes/hv1 OVS_LOGDIR=/run/lab/router-dnsmasq/nodes/hv1 OVN_RUNDIR=/run/lab/router-dnsmasq/nodes/hv1 OVN_DBDIR=/run/lab/router-dnsmasq/nodes/hv1 OVN_LOGDIR=/run/lab/router-dnsmasq/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.router-dnsmasq.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/router-dnsmasq LAB_RUN_DIR=/run/lab/router-dnsmasq/nodes/hv2 OVS_RUNDIR=/run/lab/router-dnsmasq/nodes/hv2 OVS_DBDIR=/run/lab/router-dnsmasq/nodes/hv2 OVS_LOGDIR=/run/lab/router-dnsmasq/nodes/hv2 OVN_RUNDIR=/run/lab/router-dnsmasq/nodes/hv2 OVN_DBDIR=/run/lab/router-dnsmasq/nodes/hv2 OVN_LOGDIR=/run/lab/router-dnsmasq/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.router-dnsmasq.hv2 "$@" ;;
    rtr) env LAB_DIR=/run/lab/router-dnsmasq PATH=/run/lab/router-dnsmasq/nodes/rtr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/router-dnsmasq/nodes/rtr ip netns exec lab.router-dnsmasq.rtr "$@" ;;
    vm1) env LAB_DIR=/run/lab/router-dnsmasq PATH=/run/lab/router-dnsmasq/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/router-dnsmasq/nodes/vm1 ip netns exec lab.router-dnsmasq.vm1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/router-dnsmasq PATH=/run/lab/router-dnsmasq/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/router-dnsmasq/nodes/vm2 ip netns exec lab.router-dnsmasq.vm2 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/router-dnsmasq
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/router-dnsmasq/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "router-dnsmasq",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/router-dnsmasq.yaml",
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
        "name": "lan1",
        "subnet": {
          "network": 173736192,
          "prefix": 24,
          "text": "10.91.1.0/24"
        }
      },
      {
        "name": "lan2",
        "subnet": {
          "network": 173736448,
          "prefix": 24,
          "text": "10.91.2.0/24"
        }
      }
    ],
    "routers": [],
    "vms": [
      {
        "name": "rtr",
        "chassis": "hv1",
        "switch": "lan1",
        "port": "lan1-rtr",
        "mac": "02:00:0a:5b:01:01",
        "ip": "10.91.1.1",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": true,
        "service": "dhcp",
        "nics": [
          {
            "iface": "eth1",
            "switch": "lan2",
            "port": "lan2-rtr",
            "ip": "10.91.2.1",
            "prefix": 24,
            "mac": "02:00:0a:5b:02:01"
          }
        ],
        "vlans": []
      },
      {
        "name": "vm1",
        "chassis": "hv2",
        "switch": "lan1",
        "port": "lan1-vm1",
        "mac": "02:00:0a:5b:01:0a",
        "ip": "10.91.1.10",
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
        "switch": "lan2",
        "port": "lan2-vm2",
        "mac": "02:00:0a:5b:02:0a",
        "ip": "10.91.2.10",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      }
    ],
    "services": [
      {
        "name": "dhcp",
        "kind": "dnsmasq",
        "node": "rtr",
        "ranges": [
          {
            "iface": "eth0",
            "switch": "lan1",
            "subnet": {
              "network": 173736192,
              "prefix": 24,
              "text": "10.91.1.0/24"
            },
            "hosts": [
              {
                "mac": "02:00:0a:5b:01:0a",
                "ip": "10.91.1.10"
              }
            ],
            "router": "10.91.1.1"
          },
          {
            "iface": "eth1",
            "switch": "lan2",
            "subnet": {
              "network": 173736448,
              "prefix": 24,
              "text": "10.91.2.0/24"
            },
            "hosts": [
              {
                "mac": "02:00:0a:5b:02:0a",
                "ip": "10.91.2.10"
              }
            ],
            "router": "10.91.2.1"
          }
        ],
        "leaseTime": 600
      }
    ],
    "localports": [],
    "networks": [],
    "hosts": [],
    "namespaces": [],
    "links": [],
    "nbOptions": {},
    "setup": [],
    "checks": [
      {
        "name": "OVN does not answer DHCP here (no DHCP_Options, no put_dhcp_opts)",
        "kind": "flow",
        "stage": "ls_in_dhcp_options",
        "actions": "put_dhcp_opts",
        "expect": "absent"
      },
      {
        "name": "vm1 leases 10.91.1.10 from dnsmasq in rtr, with rtr's lan1 address as its router",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0",
        "family": 4,
        "address": "10.91.1.10/24",
        "router": "10.91.1.1",
        "lease_time": 600,
        "server": "10.91.1.1",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "vm2, on the other switch, leases from the same dnsmasq through rtr's eth1",
        "kind": "dhcp",
        "vm": "vm2",
        "interface": "eth0",
        "family": 4,
        "address": "10.91.2.10/24",
        "router": "10.91.2.1",
        "server": "10.91.2.1",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "dnsmasq saw both requests, one on each interface",
        "kind": "log",
        "node": "rtr",
        "file": "dnsmasq.log",
        "match": "DHCPACK\\(eth1\\) 10\\.91\\.2\\.10",
        "expect": "present"
      },
      {
        "name": "rtr's second OVN port is bound on hv1, like its first",
        "kind": "bound",
        "port": "lan2-rtr",
        "chassis": "hv1"
      },
      {
        "name": "vm1 reaches vm2 through rtr (forwarded once, TTL 63), across the tunnel twice",
        "kind": "ping",
        "from": "vm1",
        "to": "vm2",
        "count": 3,
        "family": 4,
        "expect": "reachable",
        "ttl": 63
      },
      {
        "name": "ovn-trace ends at rtr's port on lan1 (what happens inside the VM is not OVN's)",
        "kind": "trace",
        "from": "vm1",
        "to": "vm2",
        "family": 4,
        "proto": "icmp",
        "expect": "delivered",
        "port": "lan1-rtr"
      },
      {
        "name": "stop dnsmasq in rtr",
        "kind": "stop",
        "service": "dhcp"
      },
      {
        "name": "with rtr's dnsmasq stopped, a new request goes unanswered",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0",
        "family": 4,
        "renew": false,
        "expect": "none"
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
mkdir -p /run/lab/router-dnsmasq/nodes/underlay
LAB_DIR=/run/lab/router-dnsmasq ip netns add lab.router-dnsmasq.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link set dev lo up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link add name underlay type bridge
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/router-dnsmasq/nodes/central
LAB_DIR=/run/lab/router-dnsmasq ip netns add lab.router-dnsmasq.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link add name central type veth peer name eth0 netns lab.router-dnsmasq.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link set dev central up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.central link set dev eth0 up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.central link set dev lo up
mkdir -p /run/lab/router-dnsmasq/nodes/hv1
LAB_DIR=/run/lab/router-dnsmasq ip netns add lab.router-dnsmasq.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link add name hv1 type veth peer name eth0 netns lab.router-dnsmasq.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link set dev hv1 up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv1 link set dev eth0 up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv1 link set dev lo up
mkdir -p /run/lab/router-dnsmasq/nodes/hv2
LAB_DIR=/run/lab/router-dnsmasq ip netns add lab.router-dnsmasq.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link add name hv2 type veth peer name eth0 netns lab.router-dnsmasq.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link set dev hv2 up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv2 link set dev eth0 up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv2 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/router-dnsmasq/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/router-dnsmasq/nodes/central/ovnnb_db.db --remote=punix:/run/lab/router-dnsmasq/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/router-dnsmasq/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/router-dnsmasq/nodes/central/ovnnb_db.pid --log-file=/run/lab/router-dnsmasq/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/router-dnsmasq/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/router-dnsmasq/nodes/central/ovnsb_db.db --remote=punix:/run/lab/router-dnsmasq/nodes/central/ovnsb_db.sock --unixctl=/run/lab/router-dnsmasq/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/router-dnsmasq/nodes/central/ovnsb_db.pid --log-file=/run/lab/router-dnsmasq/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/router-dnsmasq/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/router-dnsmasq/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/router-dnsmasq/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/router-dnsmasq/nodes/central/ovnsb_db.sock --pidfile=/run/lab/router-dnsmasq/nodes/central/ovn-northd.pid --log-file=/run/lab/router-dnsmasq/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/router-dnsmasq/nodes/central/ovnnb_db.pid /run/lab/router-dnsmasq/nodes/central/ovnsb_db.pid /run/lab/router-dnsmasq/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VM rtr plugged into br-int, ovn-controller
mkdir -p /run/lab/router-dnsmasq/nodes/rtr
LAB_DIR=/run/lab/router-dnsmasq ip netns add lab.router-dnsmasq.rtr
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv1 link add name rtr type veth peer name eth0 netns lab.router-dnsmasq.rtr address 02:00:0a:5b:01:01
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv1 link set dev rtr mtu 1400 up
in_node rtr ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.rtr link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.rtr link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.rtr link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/router-dnsmasq/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/router-dnsmasq/nodes/hv1/conf.db --remote=punix:/run/lab/router-dnsmasq/nodes/hv1/db.sock --pidfile=/run/lab/router-dnsmasq/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/router-dnsmasq/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/router-dnsmasq/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/router-dnsmasq/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/router-dnsmasq/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/router-dnsmasq/nodes/hv1/db.sock --pidfile=/run/lab/router-dnsmasq/nodes/hv1/ovn-controller.pid --log-file=/run/lab/router-dnsmasq/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv1 link add name vn0-eth1 type veth peer name eth1 netns lab.router-dnsmasq.rtr address 02:00:0a:5b:02:01
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv1 link set dev vn0-eth1 mtu 1400 up
in_node rtr ethtool -K eth1 tx off
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.rtr link set dev eth1 addrgenmode none
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.rtr link set dev eth1 mtu 1400 up
in_node hv1 ovs-vsctl --timeout=30 -- --may-exist add-port br-int rtr -- set Interface rtr external_ids:iface-id=lan1-rtr -- --may-exist add-port br-int vn0-eth1 -- set Interface vn0-eth1 external_ids:iface-id=lan2-rtr

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VMs vm1, vm2 plugged into br-int, ovn-controller
mkdir -p /run/lab/router-dnsmasq/nodes/vm1
mkdir -p /run/lab/router-dnsmasq/nodes/vm2
LAB_DIR=/run/lab/router-dnsmasq ip netns add lab.router-dnsmasq.vm1
LAB_DIR=/run/lab/router-dnsmasq ip netns add lab.router-dnsmasq.vm2
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv2 link add name vm1 type veth peer name eth0 netns lab.router-dnsmasq.vm1 address 02:00:0a:5b:01:0a
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv2 link set dev vm1 mtu 1400 up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv2 link add name vm2 type veth peer name eth0 netns lab.router-dnsmasq.vm2 address 02:00:0a:5b:02:0a
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.hv2 link set dev vm2 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.vm1 link set dev lo up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/router-dnsmasq ip -n lab.router-dnsmasq.vm2 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/router-dnsmasq/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/router-dnsmasq/nodes/hv2/conf.db --remote=punix:/run/lab/router-dnsmasq/nodes/hv2/db.sock --pidfile=/run/lab/router-dnsmasq/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/router-dnsmasq/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/router-dnsmasq/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/router-dnsmasq/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/router-dnsmasq/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=lan1-vm1 -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=lan2-vm2 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/router-dnsmasq/nodes/hv2/db.sock --pidfile=/run/lab/router-dnsmasq/nodes/hv2/ovn-controller.pid --log-file=/run/lab/router-dnsmasq/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 2 switches, 3 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add lan1 -- ls-add lan2 -- lsp-add lan1 lan1-rtr -- lsp-set-addresses lan1-rtr '02:00:0a:5b:01:01 10.91.1.1' -- lsp-add lan2 lan2-rtr -- lsp-set-addresses lan2-rtr '02:00:0a:5b:02:01 10.91.2.1' -- lsp-add lan1 lan1-vm1 -- lsp-set-addresses lan1-vm1 '02:00:0a:5b:01:0a 10.91.1.10' -- lsp-add lan2 lan2-vm2 -- lsp-set-addresses lan2-vm2 '02:00:0a:5b:02:0a 10.91.2.10'
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port lan1-rtr up=true -- wait-until Logical_Switch_Port lan2-rtr up=true -- wait-until Logical_Switch_Port lan1-vm1 up=true -- wait-until Logical_Switch_Port lan2-vm2 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- services: dnsmasq dhcp
in_node rtr ip addr add 10.91.1.1/24 dev eth0
in_node rtr ip addr add 10.91.2.1/24 dev eth1
in_node rtr dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --port=0 --interface=eth0 --interface=eth1 --bind-interfaces --except-interface=lo --dhcp-range=set:net0,10.91.1.0,static,255.255.255.0,600s --dhcp-option=tag:net0,option:router,10.91.1.1 --dhcp-range=set:net1,10.91.2.0,static,255.255.255.0,600s --dhcp-option=tag:net1,option:router,10.91.2.1 --dhcp-host=02:00:0a:5b:01:0a,10.91.1.10 --dhcp-host=02:00:0a:5b:02:0a,10.91.2.10 --dhcp-authoritative --dhcp-leasefile=/run/lab/router-dnsmasq/nodes/rtr/dnsmasq.leases --pid-file=/run/lab/router-dnsmasq/nodes/rtr/dnsmasq.pid --log-facility=/run/lab/router-dnsmasq/nodes/rtr/dnsmasq.log --log-dhcp

# --- vm1: DHCP lease
mkdir -p /run/lab/router-dnsmasq/nodes/vm1
cat > /run/lab/router-dnsmasq/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/router-dnsmasq/nodes/vm1/dhclient-script
mkdir -p /run/lab/router-dnsmasq/nodes/vm1
cat > /run/lab/router-dnsmasq/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/router-dnsmasq/nodes/vm1/bin
cat > /run/lab/router-dnsmasq/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/router-dnsmasq/nodes/vm1/dhclient.conf -sf /run/lab/router-dnsmasq/nodes/vm1/dhclient-script -lf /run/lab/router-dnsmasq/nodes/vm1/dhclient.leases -pf /run/lab/router-dnsmasq/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/router-dnsmasq/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/router-dnsmasq/nodes/vm1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/router-dnsmasq/nodes/vm1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/router-dnsmasq/nodes/vm1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/router-dnsmasq/nodes/vm1/dhclient.conf -sf /run/lab/router-dnsmasq/nodes/vm1/dhclient-script -lf /run/lab/router-dnsmasq/nodes/vm1/dhclient.leases -pf /run/lab/router-dnsmasq/nodes/vm1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: DHCP lease
install -D -m 755 /run/lab/router-dnsmasq/nodes/vm1/dhclient-script /run/lab/router-dnsmasq/nodes/vm2/dhclient-script
install -D -m 644 /run/lab/router-dnsmasq/nodes/vm1/dhclient.conf /run/lab/router-dnsmasq/nodes/vm2/dhclient.conf
mkdir -p /run/lab/router-dnsmasq/nodes/vm2/bin
cat > /run/lab/router-dnsmasq/nodes/vm2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/router-dnsmasq/nodes/vm2/dhclient.conf -sf /run/lab/router-dnsmasq/nodes/vm2/dhclient-script -lf /run/lab/router-dnsmasq/nodes/vm2/dhclient.leases -pf /run/lab/router-dnsmasq/nodes/vm2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/router-dnsmasq/nodes/vm2/bin/dhclient
in_node vm2 sh -c 'timeout "$0" "$@" > /run/lab/router-dnsmasq/nodes/vm2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/router-dnsmasq/nodes/vm2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/router-dnsmasq/nodes/vm2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/router-dnsmasq/nodes/vm2/dhclient.conf -sf /run/lab/router-dnsmasq/nodes/vm2/dhclient-script -lf /run/lab/router-dnsmasq/nodes/vm2/dhclient.leases -pf /run/lab/router-dnsmasq/nodes/vm2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

# --- addresses on links, forwarding and static routes: rtr
in_node rtr unshare -m sh -c 'mount -o remount,rw /proc/sys 2>/dev/null; exec sysctl -qw "net.ipv4.ip_forward=$1"' sh 1

echo "lab router-dnsmasq is up"
