#!/usr/bin/env bash
# Lab 'dnsmasq-ha' from labs/dnsmasq-ha.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.dnsmasq-ha.<node>; its daemons' files are in /run/lab/dnsmasq-ha/nodes/<node>.
# Remove it with 'lab down dnsmasq-ha' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.dnsmasq-ha\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/dnsmasq-ha
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/dnsmasq-ha ip netns exec lab.dnsmasq-ha.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/dnsmasq-ha LAB_RUN_DIR=/run/lab/dnsmasq-ha/nodes/central OVS_RUNDIR=/run/lab/dnsmasq-ha/nodes/central OVS_DBDIR=/run/lab/dnsmasq-ha/nodes/central OVS_LOGDIR=/run/lab/dnsmasq-ha/nodes/central OVN_RUNDIR=/run/lab/dnsmasq-ha/nodes/central OVN_DBDIR=/run/lab/dnsmasq-ha/nodes/central OVN_LOGDIR=/run/lab/dnsmasq-ha/nodes/central OVN_NB_DB=unix:/run/lab/dnsmasq-ha/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/dnsmasq-ha/nodes/central/ovnsb_db.sock ip netns exec lab.dnsmasq-ha.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/dnsmasq-ha LAB_RUN_DIR=/run/lab/dnsmasq-ha/nodes/hv1 OVS_RUNDIR=/run/lab/dnsmasq-ha/nodes/hv1 OVS_DBDIR=/run/lab/dnsmasq-ha/nodes/hv1 OVS_LOGDIR=/run/lab/dnsmasq-ha/nodes/hv1 OVN_RUNDIR=/run/lab/dnsmasq-ha/nodes/hv1 OVN_DBDIR=/run/lab/dnsmasq-ha/nodes/hv1 OVN_LOGDIR=/run/lab/dnsmasq-ha/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.dnsmasq-ha.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/dnsmasq-ha LAB_RUN_DIR=/run/lab/dnsmasq-ha/nodes/hv2 OVS_RUNDIR=/run/lab/dnsmasq-ha/nodes/hv2 OVS_DBDIR=/run/lab/dnsmasq-ha/nodes/hv2 OVS_LOGDIR=/run/lab/dnsmasq-ha/nodes/hv2 OVN_RUNDIR=/run/lab/dnsmasq-ha/nodes/hv2 OVN_DBDIR=/run/lab/dnsmasq-ha/nodes/hv2 OVN_LOGDIR=/run/lab/dnsmasq-ha/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.dnsmasq-ha.hv2 "$@" ;;
    hv3) env LAB_DIR=/run/lab/dnsmasq-ha LAB_RUN_DIR=/run/lab/dnsmasq-ha/nodes/hv3 OVS_RUNDIR=/run/lab/dnsmasq-ha/nodes/hv3 OVS_DBDIR=/run/lab/dnsmasq-ha/nodes/hv3 OVS_LOGDIR=/run/lab/dnsmasq-ha/nodes/hv3 OVN_RUNDIR=/run/lab/dnsmasq-ha/nodes/hv3 OVN_DBDIR=/run/lab/dnsmasq-ha/nodes/hv3 OVN_LOGDIR=/run/lab/dnsmasq-ha/nodes/hv3 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.dnsmasq-ha.hv3 "$@" ;;
    vm2) env LAB_DIR=/run/lab/dnsmasq-ha PATH=/run/lab/dnsmasq-ha/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/dnsmasq-ha/nodes/vm2 ip netns exec lab.dnsmasq-ha.vm2 "$@" ;;
    dhcp1) env LAB_DIR=/run/lab/dnsmasq-ha PATH=/run/lab/dnsmasq-ha/nodes/dhcp1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/dnsmasq-ha/nodes/dhcp1 ip netns exec lab.dnsmasq-ha.dhcp1 "$@" ;;
    dhcp2) env LAB_DIR=/run/lab/dnsmasq-ha PATH=/run/lab/dnsmasq-ha/nodes/dhcp2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/dnsmasq-ha/nodes/dhcp2 ip netns exec lab.dnsmasq-ha.dhcp2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/dnsmasq-ha PATH=/run/lab/dnsmasq-ha/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/dnsmasq-ha/nodes/vm1 ip netns exec lab.dnsmasq-ha.vm1 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/dnsmasq-ha
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/dnsmasq-ha/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "dnsmasq-ha",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/dnsmasq-ha.yaml",
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
      },
      {
        "name": "hv3",
        "ip": "192.168.100.4",
        "mac": "0a:00:c0:a8:64:04",
        "encap": "geneve",
        "transportZones": [],
        "bridgeMappings": []
      }
    ],
    "switches": [
      {
        "name": "net",
        "subnet": {
          "network": 170393600,
          "prefix": 24,
          "text": "10.40.0.0/24"
        }
      }
    ],
    "routers": [],
    "vms": [
      {
        "name": "vm1",
        "chassis": "hv3",
        "switch": "net",
        "port": "net-vm1",
        "mac": "02:00:0a:28:00:0b",
        "ip": "10.40.0.11",
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
        "switch": "net",
        "port": "net-vm2",
        "mac": "02:00:0a:28:00:0c",
        "ip": "10.40.0.12",
        "prefix": 24,
        "dhcp": true,
        "mtu": 1400,
        "servers": [],
        "routes": [],
        "forwarding": false,
        "vlans": []
      },
      {
        "name": "dhcp1",
        "chassis": "hv1",
        "switch": "net",
        "port": "net-dhcp1",
        "mac": "02:00:0a:28:00:02",
        "ip": "10.40.0.2",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "vlans": [],
        "servers": [],
        "service": "dhcp1"
      },
      {
        "name": "dhcp2",
        "chassis": "hv2",
        "switch": "net",
        "port": "net-dhcp2",
        "mac": "02:00:0a:28:00:03",
        "ip": "10.40.0.3",
        "prefix": 24,
        "dhcp": false,
        "mtu": 1400,
        "vlans": [],
        "servers": [],
        "service": "dhcp2"
      }
    ],
    "services": [
      {
        "name": "dhcp1",
        "kind": "dnsmasq",
        "node": "dhcp1",
        "ranges": [
          {
            "iface": "eth0",
            "switch": "net",
            "subnet": {
              "network": 170393600,
              "prefix": 24,
              "text": "10.40.0.0/24"
            },
            "hosts": [
              {
                "mac": "02:00:0a:28:00:0b",
                "ip": "10.40.0.11"
              },
              {
                "mac": "02:00:0a:28:00:0c",
                "ip": "10.40.0.12"
              }
            ]
          }
        ],
        "leaseTime": 3600
      },
      {
        "name": "dhcp2",
        "kind": "dnsmasq",
        "node": "dhcp2",
        "ranges": [
          {
            "iface": "eth0",
            "switch": "net",
            "subnet": {
              "network": 170393600,
              "prefix": 24,
              "text": "10.40.0.0/24"
            },
            "hosts": [
              {
                "mac": "02:00:0a:28:00:0b",
                "ip": "10.40.0.11"
              },
              {
                "mac": "02:00:0a:28:00:0c",
                "ip": "10.40.0.12"
              }
            ]
          }
        ],
        "leaseTime": 3600
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
        "name": "OVN does not answer DHCP here (no put_dhcp_opts flow: the switch has no DHCP_Options)",
        "kind": "flow",
        "stage": "ls_in_dhcp_options",
        "actions": "put_dhcp_opts",
        "expect": "absent"
      },
      {
        "name": "vm1 leases 10.40.0.11 from one of the two dnsmasq servers",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0",
        "family": 4,
        "address": "10.40.0.11/24",
        "lease_time": 3600,
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "vm2 leases 10.40.0.12",
        "kind": "dhcp",
        "vm": "vm2",
        "interface": "eth0",
        "family": 4,
        "address": "10.40.0.12/24",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "dhcp2 offered too (its dnsmasq log has a DHCPOFFER)",
        "kind": "log",
        "node": "dhcp2",
        "file": "dnsmasq.log",
        "match": "DHCPOFFER",
        "expect": "present"
      },
      {
        "name": "stop dhcp1",
        "kind": "stop",
        "service": "dhcp1"
      },
      {
        "name": "vm1 still gets its lease, now from dhcp2",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0",
        "family": 4,
        "address": "10.40.0.11/24",
        "server": "10.40.0.3",
        "renew": true,
        "expect": "leased"
      },
      {
        "name": "start dhcp1 again, stop dhcp2",
        "kind": "start",
        "service": "dhcp1"
      },
      {
        "name": "stop dhcp2",
        "kind": "stop",
        "service": "dhcp2"
      },
      {
        "name": "vm2 renews from dhcp1",
        "kind": "dhcp",
        "vm": "vm2",
        "interface": "eth0",
        "family": 4,
        "address": "10.40.0.12/24",
        "server": "10.40.0.2",
        "renew": true,
        "expect": "leased"
      },
      {
        "name": "with no server left, no lease",
        "kind": "stop",
        "service": "dhcp1"
      },
      {
        "name": "vm1 asks and nobody answers",
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
mkdir -p /run/lab/dnsmasq-ha/nodes/underlay
LAB_DIR=/run/lab/dnsmasq-ha ip netns add lab.dnsmasq-ha.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev lo up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link add name underlay type bridge
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev underlay up

# --- nodes: central, hv1, hv2, hv3
mkdir -p /run/lab/dnsmasq-ha/nodes/central
LAB_DIR=/run/lab/dnsmasq-ha ip netns add lab.dnsmasq-ha.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link add name central type veth peer name eth0 netns lab.dnsmasq-ha.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev central up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.central link set dev eth0 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.central link set dev lo up
mkdir -p /run/lab/dnsmasq-ha/nodes/hv1
LAB_DIR=/run/lab/dnsmasq-ha ip netns add lab.dnsmasq-ha.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link add name hv1 type veth peer name eth0 netns lab.dnsmasq-ha.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev hv1 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv1 link set dev eth0 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv1 link set dev lo up
mkdir -p /run/lab/dnsmasq-ha/nodes/hv2
LAB_DIR=/run/lab/dnsmasq-ha ip netns add lab.dnsmasq-ha.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link add name hv2 type veth peer name eth0 netns lab.dnsmasq-ha.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev hv2 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv2 link set dev eth0 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv2 link set dev lo up
mkdir -p /run/lab/dnsmasq-ha/nodes/hv3
LAB_DIR=/run/lab/dnsmasq-ha ip netns add lab.dnsmasq-ha.hv3
in_node hv3 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link add name hv3 type veth peer name eth0 netns lab.dnsmasq-ha.hv3 address 0c:00:c0:a8:64:04
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev hv3 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.underlay link set dev hv3 master underlay
in_node hv3 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv3 link set dev eth0 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv3 addr add 192.168.100.4/24 dev eth0
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv3 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/dnsmasq-ha/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/dnsmasq-ha/nodes/central/ovnnb_db.db --remote=punix:/run/lab/dnsmasq-ha/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/dnsmasq-ha/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/dnsmasq-ha/nodes/central/ovnnb_db.pid --log-file=/run/lab/dnsmasq-ha/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/dnsmasq-ha/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/dnsmasq-ha/nodes/central/ovnsb_db.db --remote=punix:/run/lab/dnsmasq-ha/nodes/central/ovnsb_db.sock --unixctl=/run/lab/dnsmasq-ha/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/dnsmasq-ha/nodes/central/ovnsb_db.pid --log-file=/run/lab/dnsmasq-ha/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/dnsmasq-ha/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3 -- chassis-add hv3 geneve 192.168.100.4
in_node central ovs-appctl -t /run/lab/dnsmasq-ha/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/dnsmasq-ha/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/dnsmasq-ha/nodes/central/ovnsb_db.sock --pidfile=/run/lab/dnsmasq-ha/nodes/central/ovn-northd.pid --log-file=/run/lab/dnsmasq-ha/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/dnsmasq-ha/nodes/central/ovnnb_db.pid /run/lab/dnsmasq-ha/nodes/central/ovnsb_db.pid /run/lab/dnsmasq-ha/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent' 'neigh replace 192.168.100.4 lladdr 0c:00:c0:a8:64:04 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VMs vm2, dhcp1 plugged into br-int, ovn-controller
mkdir -p /run/lab/dnsmasq-ha/nodes/vm2
mkdir -p /run/lab/dnsmasq-ha/nodes/dhcp1
LAB_DIR=/run/lab/dnsmasq-ha ip netns add lab.dnsmasq-ha.vm2
LAB_DIR=/run/lab/dnsmasq-ha ip netns add lab.dnsmasq-ha.dhcp1
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv1 link add name vm2 type veth peer name eth0 netns lab.dnsmasq-ha.vm2 address 02:00:0a:28:00:0c
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv1 link set dev vm2 mtu 1400 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv1 link add name dhcp1 type veth peer name eth0 netns lab.dnsmasq-ha.dhcp1 address 02:00:0a:28:00:02
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv1 link set dev dhcp1 mtu 1400 up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.vm2 link set dev lo up
in_node dhcp1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.dhcp1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.dhcp1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.dhcp1 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/dnsmasq-ha/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/dnsmasq-ha/nodes/hv1/conf.db --remote=punix:/run/lab/dnsmasq-ha/nodes/hv1/db.sock --pidfile=/run/lab/dnsmasq-ha/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/dnsmasq-ha/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/dnsmasq-ha/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/dnsmasq-ha/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/dnsmasq-ha/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=net-vm2 -- --may-exist add-port br-int dhcp1 -- set Interface dhcp1 external_ids:iface-id=net-dhcp1 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/dnsmasq-ha/nodes/hv1/db.sock --pidfile=/run/lab/dnsmasq-ha/nodes/hv1/ovn-controller.pid --log-file=/run/lab/dnsmasq-ha/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.4 0a:00:c0:a8:64:04

# --- the SB rows of 2 other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2 hv3'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VM dhcp2 plugged into br-int, ovn-controller
mkdir -p /run/lab/dnsmasq-ha/nodes/dhcp2
LAB_DIR=/run/lab/dnsmasq-ha ip netns add lab.dnsmasq-ha.dhcp2
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv2 link add name dhcp2 type veth peer name eth0 netns lab.dnsmasq-ha.dhcp2 address 02:00:0a:28:00:03
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv2 link set dev dhcp2 mtu 1400 up
in_node dhcp2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.dhcp2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.dhcp2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.dhcp2 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/dnsmasq-ha/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/dnsmasq-ha/nodes/hv2/conf.db --remote=punix:/run/lab/dnsmasq-ha/nodes/hv2/db.sock --pidfile=/run/lab/dnsmasq-ha/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/dnsmasq-ha/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/dnsmasq-ha/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/dnsmasq-ha/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/dnsmasq-ha/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int dhcp2 -- set Interface dhcp2 external_ids:iface-id=net-dhcp2 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/dnsmasq-ha/nodes/hv2/db.sock --pidfile=/run/lab/dnsmasq-ha/nodes/hv2/ovn-controller.pid --log-file=/run/lab/dnsmasq-ha/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.4 0a:00:c0:a8:64:04

# --- chassis hv3 192.168.100.4: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/dnsmasq-ha/nodes/vm1
LAB_DIR=/run/lab/dnsmasq-ha ip netns add lab.dnsmasq-ha.vm1
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv3 link add name vm1 type veth peer name eth0 netns lab.dnsmasq-ha.vm1 address 02:00:0a:28:00:0b
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.hv3 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/dnsmasq-ha ip -n lab.dnsmasq-ha.vm1 link set dev lo up
in_node hv3 ovsdb-tool create /run/lab/dnsmasq-ha/nodes/hv3/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv3 ovsdb-server /run/lab/dnsmasq-ha/nodes/hv3/conf.db --remote=punix:/run/lab/dnsmasq-ha/nodes/hv3/db.sock --pidfile=/run/lab/dnsmasq-ha/nodes/hv3/ovsdb-server.pid --log-file=/run/lab/dnsmasq-ha/nodes/hv3/ovsdb-server.log --detach --no-chdir
in_node hv3 ovs-vswitchd unix:/run/lab/dnsmasq-ha/nodes/hv3/db.sock --disable-system --pidfile=/run/lab/dnsmasq-ha/nodes/hv3/ovs-vswitchd.pid --log-file=/run/lab/dnsmasq-ha/nodes/hv3/ovs-vswitchd.log --detach --no-chdir
in_node hv3 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:04"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:04"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=net-vm1 -- set Open_vSwitch . external_ids:system-id=hv3 external_ids:hostname=hv3 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.4 external_ids:ovn-bridge-datapath-type=netdev
in_node hv3 ip addr flush dev eth0
in_node hv3 ip addr add 192.168.100.4/24 dev br-phy
in_node hv3 ip link set dev br-phy up
in_node hv3 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.4
in_node hv3 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv3 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv3 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv3 ovn-controller unix:/run/lab/dnsmasq-ha/nodes/hv3/db.sock --pidfile=/run/lab/dnsmasq-ha/nodes/hv3/ovn-controller.pid --log-file=/run/lab/dnsmasq-ha/nodes/hv3/ovn-controller.log --detach --no-chdir
in_node hv3 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02
in_node hv3 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03

# --- logical network, once the 3 chassis have registered: 1 switch, 4 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2 -- wait-until Chassis_Private hv3
in_node central ovn-nbctl --timeout=30 -- ls-add net -- lsp-add net net-vm1 -- lsp-set-addresses net-vm1 '02:00:0a:28:00:0b 10.40.0.11' -- lsp-add net net-vm2 -- lsp-set-addresses net-vm2 '02:00:0a:28:00:0c 10.40.0.12' -- lsp-add net net-dhcp1 -- lsp-set-addresses net-dhcp1 '02:00:0a:28:00:02 10.40.0.2' -- lsp-add net net-dhcp2 -- lsp-set-addresses net-dhcp2 '02:00:0a:28:00:03 10.40.0.3'
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2 -- wait-until Chassis_Private hv3
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port net-vm1 up=true -- wait-until Logical_Switch_Port net-vm2 up=true -- wait-until Logical_Switch_Port net-dhcp1 up=true -- wait-until Logical_Switch_Port net-dhcp2 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- services: dnsmasq dhcp1, dnsmasq dhcp2
in_node dhcp1 ip addr add 10.40.0.2/24 dev eth0
in_node dhcp1 dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --port=0 --interface=eth0 --bind-interfaces --except-interface=lo --dhcp-range=set:net0,10.40.0.0,static,255.255.255.0,3600s --dhcp-option=tag:net0,option:router --dhcp-host=02:00:0a:28:00:0b,10.40.0.11 --dhcp-host=02:00:0a:28:00:0c,10.40.0.12 --dhcp-authoritative --dhcp-leasefile=/run/lab/dnsmasq-ha/nodes/dhcp1/dnsmasq.leases --pid-file=/run/lab/dnsmasq-ha/nodes/dhcp1/dnsmasq.pid --log-facility=/run/lab/dnsmasq-ha/nodes/dhcp1/dnsmasq.log --log-dhcp
in_node dhcp2 ip addr add 10.40.0.3/24 dev eth0
in_node dhcp2 dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --port=0 --interface=eth0 --bind-interfaces --except-interface=lo --dhcp-range=set:net0,10.40.0.0,static,255.255.255.0,3600s --dhcp-option=tag:net0,option:router --dhcp-host=02:00:0a:28:00:0b,10.40.0.11 --dhcp-host=02:00:0a:28:00:0c,10.40.0.12 --dhcp-authoritative --dhcp-leasefile=/run/lab/dnsmasq-ha/nodes/dhcp2/dnsmasq.leases --pid-file=/run/lab/dnsmasq-ha/nodes/dhcp2/dnsmasq.pid --log-facility=/run/lab/dnsmasq-ha/nodes/dhcp2/dnsmasq.log --log-dhcp

# --- vm1: DHCP lease
mkdir -p /run/lab/dnsmasq-ha/nodes/vm1
cat > /run/lab/dnsmasq-ha/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/dnsmasq-ha/nodes/vm1/dhclient-script
mkdir -p /run/lab/dnsmasq-ha/nodes/vm1
cat > /run/lab/dnsmasq-ha/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/dnsmasq-ha/nodes/vm1/bin
cat > /run/lab/dnsmasq-ha/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/dnsmasq-ha/nodes/vm1/dhclient.conf -sf /run/lab/dnsmasq-ha/nodes/vm1/dhclient-script -lf /run/lab/dnsmasq-ha/nodes/vm1/dhclient.leases -pf /run/lab/dnsmasq-ha/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/dnsmasq-ha/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/dnsmasq-ha/nodes/vm1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/dnsmasq-ha/nodes/vm1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/dnsmasq-ha/nodes/vm1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/dnsmasq-ha/nodes/vm1/dhclient.conf -sf /run/lab/dnsmasq-ha/nodes/vm1/dhclient-script -lf /run/lab/dnsmasq-ha/nodes/vm1/dhclient.leases -pf /run/lab/dnsmasq-ha/nodes/vm1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: DHCP lease
install -D -m 755 /run/lab/dnsmasq-ha/nodes/vm1/dhclient-script /run/lab/dnsmasq-ha/nodes/vm2/dhclient-script
install -D -m 644 /run/lab/dnsmasq-ha/nodes/vm1/dhclient.conf /run/lab/dnsmasq-ha/nodes/vm2/dhclient.conf
mkdir -p /run/lab/dnsmasq-ha/nodes/vm2/bin
cat > /run/lab/dnsmasq-ha/nodes/vm2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/dnsmasq-ha/nodes/vm2/dhclient.conf -sf /run/lab/dnsmasq-ha/nodes/vm2/dhclient-script -lf /run/lab/dnsmasq-ha/nodes/vm2/dhclient.leases -pf /run/lab/dnsmasq-ha/nodes/vm2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/dnsmasq-ha/nodes/vm2/bin/dhclient
in_node vm2 sh -c 'timeout "$0" "$@" > /run/lab/dnsmasq-ha/nodes/vm2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/dnsmasq-ha/nodes/vm2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/dnsmasq-ha/nodes/vm2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/dnsmasq-ha/nodes/vm2/dhclient.conf -sf /run/lab/dnsmasq-ha/nodes/vm2/dhclient-script -lf /run/lab/dnsmasq-ha/nodes/vm2/dhclient.leases -pf /run/lab/dnsmasq-ha/nodes/vm2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

echo "lab dnsmasq-ha is up"
