#!/usr/bin/env bash
# Lab 'dmz' from labs/dmz.yaml, as the plain commands 'lab up' runs (netns runtime).
# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.
# Every node is a network namespace lab.dmz.<node>; its daemons' files are in /run/lab/dmz/nodes/<node>.
# Remove it with 'lab down dmz' (also when it stopped half way), or by hand:
#   for ns in $(ip netns list | grep -o '^lab\.dmz\.[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf /run/lab/dmz
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that
# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.
in_node() {
  local node=$1; shift
  case $node in
    underlay) env LAB_DIR=/run/lab/dmz ip netns exec lab.dmz.underlay "$@" ;;
    central) env LAB_DIR=/run/lab/dmz LAB_RUN_DIR=/run/lab/dmz/nodes/central OVS_RUNDIR=/run/lab/dmz/nodes/central OVS_DBDIR=/run/lab/dmz/nodes/central OVS_LOGDIR=/run/lab/dmz/nodes/central OVN_RUNDIR=/run/lab/dmz/nodes/central OVN_DBDIR=/run/lab/dmz/nodes/central OVN_LOGDIR=/run/lab/dmz/nodes/central OVN_NB_DB=unix:/run/lab/dmz/nodes/central/ovnnb_db.sock OVN_SB_DB=unix:/run/lab/dmz/nodes/central/ovnsb_db.sock ip netns exec lab.dmz.central "$@" ;;
    hv1) env LAB_DIR=/run/lab/dmz LAB_RUN_DIR=/run/lab/dmz/nodes/hv1 OVS_RUNDIR=/run/lab/dmz/nodes/hv1 OVS_DBDIR=/run/lab/dmz/nodes/hv1 OVS_LOGDIR=/run/lab/dmz/nodes/hv1 OVN_RUNDIR=/run/lab/dmz/nodes/hv1 OVN_DBDIR=/run/lab/dmz/nodes/hv1 OVN_LOGDIR=/run/lab/dmz/nodes/hv1 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.dmz.hv1 "$@" ;;
    hv2) env LAB_DIR=/run/lab/dmz LAB_RUN_DIR=/run/lab/dmz/nodes/hv2 OVS_RUNDIR=/run/lab/dmz/nodes/hv2 OVS_DBDIR=/run/lab/dmz/nodes/hv2 OVS_LOGDIR=/run/lab/dmz/nodes/hv2 OVN_RUNDIR=/run/lab/dmz/nodes/hv2 OVN_DBDIR=/run/lab/dmz/nodes/hv2 OVN_LOGDIR=/run/lab/dmz/nodes/hv2 OVN_NB_DB=tcp:192.168.100.1:6641 OVN_SB_DB=tcp:192.168.100.1:6642 ip netns exec lab.dmz.hv2 "$@" ;;
    vm1) env LAB_DIR=/run/lab/dmz PATH=/run/lab/dmz/nodes/vm1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/dmz/nodes/vm1 ip netns exec lab.dmz.vm1 "$@" ;;
    vm2) env LAB_DIR=/run/lab/dmz PATH=/run/lab/dmz/nodes/vm2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_RUN_DIR=/run/lab/dmz/nodes/vm2 ip netns exec lab.dmz.vm2 "$@" ;;
    *) echo "in_node: no node $node" >&2; return 2 ;;
  esac
}

# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so
# 'lab status', 'lab test' and 'lab down' know this lab
mkdir -p /run/lab
mkdir /run/lab/dmz
sh -c 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"' /run/lab/dmz/lab.json <<'LAB_EOF'
{
  "format": 2,
  "lab": {
    "name": "dmz",
    "runtime": "netns",
    "datapath": "auto",
    "file": "<repo>/labs/dmz.yaml",
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
        "name": "dmz",
        "subnet": {
          "network": 2886795136,
          "prefix": 26,
          "text": "172.16.255.128/26"
        },
        "dhcp": {
          "options": {
            "server_id": "172.16.255.129",
            "server_mac": "02:ac:10:ff:01:29",
            "lease_time": "3600",
            "router": "172.16.255.129"
          }
        }
      }
    ],
    "routers": [],
    "vms": [
      {
        "name": "vm1",
        "chassis": "hv1",
        "switch": "dmz",
        "port": "dmz-vm1",
        "mac": "02:ac:10:ff:01:30",
        "ip": "172.16.255.130",
        "prefix": 26,
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
        "switch": "dmz",
        "port": "dmz-vm2",
        "mac": "02:ac:10:ff:01:31",
        "ip": "172.16.255.131",
        "prefix": 26,
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
        "name": "both chassis registered with a Geneve encap",
        "kind": "chassis",
        "connected": false
      },
      {
        "name": "Geneve tunnels between hv1 and hv2",
        "kind": "tunnels"
      },
      {
        "name": "vm1 bound on hv1",
        "kind": "bound",
        "vm": "vm1"
      },
      {
        "name": "vm1 leases the notes' address from OVN, with the notes' options and nothing else",
        "kind": "dhcp",
        "vm": "vm1",
        "interface": "eth0",
        "family": 4,
        "address": "172.16.255.130/26",
        "router": "172.16.255.129",
        "lease_time": 3600,
        "mtu": "none",
        "server": "172.16.255.129",
        "default_route": "172.16.255.129",
        "renew": false,
        "expect": "leased"
      },
      {
        "name": "vm1's eth0 has the MTU Geneve needs (set on the interface, not by DHCP)",
        "kind": "interface",
        "node": "vm1",
        "interface": "eth0",
        "mtu": 1400,
        "mac": "02:ac:10:ff:01:30",
        "addresses": [
          "172.16.255.130/26"
        ]
      },
      {
        "name": "vm2 leases 172.16.255.131",
        "kind": "dhcp",
        "vm": "vm2",
        "interface": "eth0",
        "family": 4,
        "address": "172.16.255.131/26",
        "router": "172.16.255.129",
        "renew": false,
        "expect": "leased"
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
        "name": "vm2 pings vm1 back",
        "kind": "ping",
        "from": "vm2",
        "to": "vm1",
        "count": 3,
        "family": 4,
        "expect": "reachable"
      },
      {
        "name": "a full-size packet crosses the tunnel (1400 bytes with DF; Geneve's 58 bytes fit in the underlay)",
        "kind": "ping",
        "from": "vm1",
        "to": "vm2",
        "count": 3,
        "family": 4,
        "expect": "reachable",
        "size": 1372
      },
      {
        "name": "put_dhcp_opts logical flow for vm1",
        "kind": "flow",
        "stage": "ls_in_dhcp_options",
        "match": "inport == \"dmz-vm1\"",
        "actions": "put_dhcp_opts(offerip = 172.16.255.130",
        "expect": "present"
      },
      {
        "name": "the notes' OpenFlow flow on hv1, to the byte (put_dhcp_opts as a controller action with pause)",
        "kind": "flow",
        "stage": "ls_in_dhcp_options",
        "actions": "offerip = 172.16.255.130",
        "chassis": "hv1",
        "openflow": "controller(userdata=00.00.00.02.00.00.00.00.00.01.de.10.00.00.00.63.ac.10.ff.82.33.04.00.00.0e.10.01.04.ff.ff.ff.c0.03.04.ac.10.ff.81.36.04.ac.10.ff.81,pause)",
        "expect": "present"
      },
      {
        "name": "no DHCP flow for vm1 on hv2 (vm1 is not there)",
        "kind": "flow",
        "stage": "ls_in_dhcp_options",
        "actions": "offerip = 172.16.255.130",
        "chassis": "hv2",
        "expect": "absent"
      },
      {
        "name": "ovn-trace delivers vm1's ping to vm2",
        "kind": "trace",
        "from": "vm1",
        "to": "vm2",
        "family": 4,
        "proto": "icmp",
        "expect": "delivered"
      },
      {
        "name": "nobody answers an address that no port has",
        "kind": "ping",
        "from": "vm1",
        "to": "172.16.255.140",
        "count": 3,
        "family": 4,
        "expect": "unreachable"
      }
    ],
    "portGroups": [],
    "addressSets": [],
    "acls": [],
    "loadBalancers": [],
    "exercises": [
      {
        "name": "revive-controller",
        "task": "Something on hv2 has crashed (lab exercise started this exercise by crashing it). Find what\nwith lab status, and bring it back without taking the lab down.",
        "hints": [
          "lab status lists every node's daemons; a daemon that is not running says so.",
          "lab restart NODE DAEMON starts a daemon again as lab up started it."
        ],
        "start": [
          {
            "name": "crash ovn-controller on hv2",
            "kind": "step",
            "kill": {
              "daemon": "ovn-controller",
              "node": "hv2"
            }
          }
        ],
        "solution": [
          {
            "name": "start ovn-controller on hv2 again",
            "kind": "step",
            "restart": {
              "daemon": "ovn-controller",
              "node": "hv2"
            }
          }
        ],
        "checks": [
          {
            "name": "every daemon of the lab runs",
            "kind": "daemons",
            "timeout": 10
          },
          {
            "name": "hv2 is registered again",
            "kind": "chassis",
            "timeout": 20,
            "connected": false
          }
        ]
      },
      {
        "name": "block-ping",
        "task": "vm1 must no longer ping vm2, but both must still get their addresses from OVN's DHCP. Write\nan ACL on switch dmz with lab nbctl (ovn-nbctl acl-add), as the NB database is the only\nplace a rule of the logical network goes.",
        "hints": [
          "An ACL of direction from-lport is evaluated where the packet enters: inport == \"dmz-vm1\".",
          "Match echo requests only (icmp4.type == 8): DHCP (udp) and the replies vm1 sends to vm2 still pass: lab nbctl -- acl-add dmz from-lport 1001 'inport == \"dmz-vm1\" && icmp4.type == 8' drop"
        ],
        "start": [],
        "solution": [
          {
            "name": "drop ICMP from vm1",
            "kind": "step",
            "add_acl": {
              "switch": "dmz",
              "direction": "from-lport",
              "priority": 1001,
              "match": "inport == \"dmz-vm1\" && icmp4.type == 8",
              "action": "drop"
            }
          }
        ],
        "checks": [
          {
            "name": "vm1 no longer pings vm2",
            "kind": "ping",
            "timeout": 5,
            "from": "vm1",
            "to": "vm2",
            "count": 3,
            "family": 4,
            "expect": "unreachable"
          },
          {
            "name": "vm2 still pings vm1 (the rule is vm1's only)",
            "kind": "ping",
            "timeout": 10,
            "from": "vm2",
            "to": "vm1",
            "count": 1,
            "family": 4,
            "expect": "reachable"
          },
          {
            "name": "vm1 still gets its lease",
            "kind": "dhcp",
            "vm": "vm1",
            "interface": "eth0",
            "family": 4,
            "address": "172.16.255.130/26",
            "renew": true,
            "expect": "leased"
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
mkdir -p /run/lab/dmz/nodes/underlay
LAB_DIR=/run/lab/dmz ip netns add lab.dmz.underlay
in_node underlay sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link set dev lo up
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link add name underlay type bridge
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link set dev underlay up

# --- nodes: central, hv1, hv2
mkdir -p /run/lab/dmz/nodes/central
LAB_DIR=/run/lab/dmz ip netns add lab.dmz.central
in_node central sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link add name central type veth peer name eth0 netns lab.dmz.central address 0a:00:c0:a8:64:01
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link set dev central up
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link set dev central master underlay
in_node central ethtool -K eth0 tx off
LAB_DIR=/run/lab/dmz ip -n lab.dmz.central link set dev eth0 up
LAB_DIR=/run/lab/dmz ip -n lab.dmz.central addr add 192.168.100.1/24 dev eth0
LAB_DIR=/run/lab/dmz ip -n lab.dmz.central link set dev lo up
mkdir -p /run/lab/dmz/nodes/hv1
LAB_DIR=/run/lab/dmz ip netns add lab.dmz.hv1
in_node hv1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link add name hv1 type veth peer name eth0 netns lab.dmz.hv1 address 0c:00:c0:a8:64:02
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link set dev hv1 up
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link set dev hv1 master underlay
in_node hv1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv1 link set dev eth0 up
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv1 addr add 192.168.100.2/24 dev eth0
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv1 link set dev lo up
mkdir -p /run/lab/dmz/nodes/hv2
LAB_DIR=/run/lab/dmz ip netns add lab.dmz.hv2
in_node hv2 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 net.ipv4.conf.all.arp_ignore=1
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link add name hv2 type veth peer name eth0 netns lab.dmz.hv2 address 0c:00:c0:a8:64:03
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link set dev hv2 up
LAB_DIR=/run/lab/dmz ip -n lab.dmz.underlay link set dev hv2 master underlay
in_node hv2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv2 link set dev eth0 up
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv2 addr add 192.168.100.3/24 dev eth0
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv2 link set dev lo up

# --- central 192.168.100.1: NB and SB databases, the chassis' SB rows, ovn-northd
in_node central ovsdb-tool create /run/lab/dmz/nodes/central/ovnnb_db.db /usr/share/ovn/ovn-nb.ovsschema
in_node central ovsdb-server /run/lab/dmz/nodes/central/ovnnb_db.db --remote=punix:/run/lab/dmz/nodes/central/ovnnb_db.sock --remote=ptcp:6641:192.168.100.1 --unixctl=/run/lab/dmz/nodes/central/ovnnb_db.ctl --pidfile=/run/lab/dmz/nodes/central/ovnnb_db.pid --log-file=/run/lab/dmz/nodes/central/ovnnb_db.log --detach --no-chdir
in_node central ovsdb-tool create /run/lab/dmz/nodes/central/ovnsb_db.db /usr/share/ovn/ovn-sb.ovsschema
in_node central ovsdb-server /run/lab/dmz/nodes/central/ovnsb_db.db --remote=punix:/run/lab/dmz/nodes/central/ovnsb_db.sock --unixctl=/run/lab/dmz/nodes/central/ovnsb_db.ctl --pidfile=/run/lab/dmz/nodes/central/ovnsb_db.pid --log-file=/run/lab/dmz/nodes/central/ovnsb_db.log --detach --no-chdir
in_node central ovn-sbctl --db=unix:/run/lab/dmz/nodes/central/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192.168.100.2 -- chassis-add hv2 geneve 192.168.100.3
in_node central ovs-appctl -t /run/lab/dmz/nodes/central/ovnsb_db.ctl ovsdb-server/add-remote ptcp:6642:192.168.100.1
in_node central ovn-northd --ovnnb-db=unix:/run/lab/dmz/nodes/central/ovnnb_db.sock --ovnsb-db=unix:/run/lab/dmz/nodes/central/ovnsb_db.sock --pidfile=/run/lab/dmz/nodes/central/ovn-northd.pid --log-file=/run/lab/dmz/nodes/central/ovn-northd.log --detach --no-chdir
in_node central sh -c 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done' sh /run/lab/dmz/nodes/central/ovnnb_db.pid /run/lab/dmz/nodes/central/ovnsb_db.pid /run/lab/dmz/nodes/central/ovn-northd.pid
in_node central sh -c 'printf "%s\n" "$@" | ip -batch -' sh 'neigh replace 192.168.100.2 lladdr 0c:00:c0:a8:64:02 dev eth0 nud permanent' 'neigh replace 192.168.100.3 lladdr 0c:00:c0:a8:64:03 dev eth0 nud permanent'

# --- chassis hv1 192.168.100.2: ovs-vswitchd, br-phy, VM vm1 plugged into br-int, ovn-controller
mkdir -p /run/lab/dmz/nodes/vm1
LAB_DIR=/run/lab/dmz ip netns add lab.dmz.vm1
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv1 link add name vm1 type veth peer name eth0 netns lab.dmz.vm1 address 02:ac:10:ff:01:30
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv1 link set dev vm1 mtu 1400 up
in_node vm1 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dmz ip -n lab.dmz.vm1 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/dmz ip -n lab.dmz.vm1 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/dmz ip -n lab.dmz.vm1 link set dev lo up
in_node hv1 ovsdb-tool create /run/lab/dmz/nodes/hv1/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv1 ovsdb-server /run/lab/dmz/nodes/hv1/conf.db --remote=punix:/run/lab/dmz/nodes/hv1/db.sock --pidfile=/run/lab/dmz/nodes/hv1/ovsdb-server.pid --log-file=/run/lab/dmz/nodes/hv1/ovsdb-server.log --detach --no-chdir
in_node hv1 ovs-vswitchd unix:/run/lab/dmz/nodes/hv1/db.sock --disable-system --pidfile=/run/lab/dmz/nodes/hv1/ovs-vswitchd.pid --log-file=/run/lab/dmz/nodes/hv1/ovs-vswitchd.log --detach --no-chdir
in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:02"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:02"' -- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=dmz-vm1 -- set Open_vSwitch . external_ids:system-id=hv1 external_ids:hostname=hv1 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.2 external_ids:ovn-bridge-datapath-type=netdev
in_node hv1 ip addr flush dev eth0
in_node hv1 ip addr add 192.168.100.2/24 dev br-phy
in_node hv1 ip link set dev br-phy up
in_node hv1 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.2
in_node hv1 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv1 timeout 30 sh -c 'until [ -n "$(ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 --bare --columns=_uuid list SB_Global 2>/dev/null)" ]; do sleep 0.02; done'
in_node hv1 ovn-controller unix:/run/lab/dmz/nodes/hv1/db.sock --pidfile=/run/lab/dmz/nodes/hv1/ovn-controller.pid --log-file=/run/lab/dmz/nodes/hv1/ovn-controller.log --detach --no-chdir
in_node hv1 ovs-appctl tnl/neigh/set br-phy 192.168.100.3 0a:00:c0:a8:64:03

# --- the SB rows of the other chassis filled in from hv1's, once it has registered
in_node central timeout 61 sh -c 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }; until oc=$(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config 2>/dev/null); do sleep 0.1; done && ei=$(ovn-sbctl --timeout=30 get Chassis hv1 external_ids) && w hv2'

# --- chassis hv2 192.168.100.3: ovs-vswitchd, br-phy, VM vm2 plugged into br-int, ovn-controller
mkdir -p /run/lab/dmz/nodes/vm2
LAB_DIR=/run/lab/dmz ip netns add lab.dmz.vm2
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv2 link add name vm2 type veth peer name eth0 netns lab.dmz.vm2 address 02:ac:10:ff:01:31
LAB_DIR=/run/lab/dmz ip -n lab.dmz.hv2 link set dev vm2 mtu 1400 up
in_node vm2 ethtool -K eth0 tx off
LAB_DIR=/run/lab/dmz ip -n lab.dmz.vm2 link set dev eth0 addrgenmode none
LAB_DIR=/run/lab/dmz ip -n lab.dmz.vm2 link set dev eth0 mtu 1400 up
LAB_DIR=/run/lab/dmz ip -n lab.dmz.vm2 link set dev lo up
in_node hv2 ovsdb-tool create /run/lab/dmz/nodes/hv2/conf.db /usr/share/openvswitch/vswitch.ovsschema
in_node hv2 ovsdb-server /run/lab/dmz/nodes/hv2/conf.db --remote=punix:/run/lab/dmz/nodes/hv2/db.sock --pidfile=/run/lab/dmz/nodes/hv2/ovsdb-server.pid --log-file=/run/lab/dmz/nodes/hv2/ovsdb-server.log --detach --no-chdir
in_node hv2 ovs-vswitchd unix:/run/lab/dmz/nodes/hv2/db.sock --disable-system --pidfile=/run/lab/dmz/nodes/hv2/ovs-vswitchd.pid --log-file=/run/lab/dmz/nodes/hv2/ovs-vswitchd.log --detach --no-chdir
in_node hv2 ovs-vsctl --timeout=30 -- add-br br-phy -- set Bridge br-phy datapath_type=netdev 'other_config:hwaddr="0a:00:c0:a8:64:03"' -- add-port br-phy eth0 -- add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure other_config:disable-in-band=true 'other_config:hwaddr="0e:00:c0:a8:64:03"' -- --may-exist add-port br-int vm2 -- set Interface vm2 external_ids:iface-id=dmz-vm2 -- set Open_vSwitch . external_ids:system-id=hv2 external_ids:hostname=hv2 external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve external_ids:ovn-encap-ip=192.168.100.3 external_ids:ovn-bridge-datapath-type=netdev
in_node hv2 ip addr flush dev eth0
in_node hv2 ip addr add 192.168.100.3/24 dev br-phy
in_node hv2 ip link set dev br-phy up
in_node hv2 ip route add 192.168.100.1/32 dev eth0 src 192.168.100.3
in_node hv2 ip neigh replace 192.168.100.1 lladdr 0a:00:c0:a8:64:01 dev eth0 nud permanent
in_node hv2 timeout 30 sh -c 'until ovn-sbctl --db=tcp:192.168.100.1:6642 --timeout=5 wait-until Chassis hv2 '\''hostname!=""'\'' >/dev/null 2>&1; do sleep 0.1; done'
in_node hv2 ovn-controller unix:/run/lab/dmz/nodes/hv2/db.sock --pidfile=/run/lab/dmz/nodes/hv2/ovn-controller.pid --log-file=/run/lab/dmz/nodes/hv2/ovn-controller.log --detach --no-chdir
in_node hv2 ovs-appctl tnl/neigh/set br-phy 192.168.100.2 0a:00:c0:a8:64:02

# --- logical network, once the 2 chassis have registered: 1 switch, 2 ports (one transaction)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=30 -- ls-add dmz -- --id=@dhcp0 create DHCP_Options cidr=172.16.255.128/26 'options:server_id="172.16.255.129"' 'options:server_mac="02:ac:10:ff:01:29"' 'options:lease_time="3600"' 'options:router="172.16.255.129"' -- lsp-add dmz dmz-vm1 -- lsp-set-addresses dmz-vm1 '02:ac:10:ff:01:30 172.16.255.130' -- set Logical_Switch_Port dmz-vm1 dhcpv4_options=@dhcp0 -- lsp-add dmz dmz-vm2 -- lsp-set-addresses dmz-vm2 '02:ac:10:ff:01:31 172.16.255.131' -- set Logical_Switch_Port dmz-vm2 dhcpv4_options=@dhcp0
in_node central sh -c 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true'

# --- chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)
in_node central ovn-sbctl --timeout=31 wait-until Chassis_Private hv1 -- wait-until Chassis_Private hv2
in_node central ovn-nbctl --timeout=31 wait-until Logical_Switch_Port dmz-vm1 up=true -- wait-until Logical_Switch_Port dmz-vm2 up=true
in_node central ovn-nbctl --timeout=30 --wait=hv sync

# --- vm1: DHCP lease
mkdir -p /run/lab/dmz/nodes/vm1
cat > /run/lab/dmz/nodes/vm1/dhclient-script <<'LAB_EOF'
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
chmod 755 /run/lab/dmz/nodes/vm1/dhclient-script
mkdir -p /run/lab/dmz/nodes/vm1
cat > /run/lab/dmz/nodes/vm1/dhclient.conf <<'LAB_EOF'
# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
LAB_EOF
mkdir -p /run/lab/dmz/nodes/vm1/bin
cat > /run/lab/dmz/nodes/vm1/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/dmz/nodes/vm1/dhclient.conf -sf /run/lab/dmz/nodes/vm1/dhclient-script -lf /run/lab/dmz/nodes/vm1/dhclient.leases -pf /run/lab/dmz/nodes/vm1/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/dmz/nodes/vm1/bin/dhclient
in_node vm1 sh -c 'timeout "$0" "$@" > /run/lab/dmz/nodes/vm1/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/dmz/nodes/vm1/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/dmz/nodes/vm1/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/dmz/nodes/vm1/dhclient.conf -sf /run/lab/dmz/nodes/vm1/dhclient-script -lf /run/lab/dmz/nodes/vm1/dhclient.leases -pf /run/lab/dmz/nodes/vm1/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm1 ip -4 -o addr show dev eth0
in_node vm1 ip -6 -o addr show dev eth0 scope global

# --- vm2: DHCP lease
install -D -m 755 /run/lab/dmz/nodes/vm1/dhclient-script /run/lab/dmz/nodes/vm2/dhclient-script
install -D -m 644 /run/lab/dmz/nodes/vm1/dhclient.conf /run/lab/dmz/nodes/vm2/dhclient.conf
mkdir -p /run/lab/dmz/nodes/vm2/bin
cat > /run/lab/dmz/nodes/vm2/bin/dhclient <<'LAB_EOF'
#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec /sbin/dhclient -cf /run/lab/dmz/nodes/vm2/dhclient.conf -sf /run/lab/dmz/nodes/vm2/dhclient-script -lf /run/lab/dmz/nodes/vm2/dhclient.leases -pf /run/lab/dmz/nodes/vm2/dhclient.pid "$@"
LAB_EOF
chmod 755 /run/lab/dmz/nodes/vm2/bin/dhclient
in_node vm2 sh -c 'timeout "$0" "$@" > /run/lab/dmz/nodes/vm2/dhclient.log 2>&1 && s=0 || s=$?; [ $s = 0 ] && n=0 && until read -r pid 2>/dev/null < /run/lab/dmz/nodes/vm2/dhclient.pid && kill -0 "$pid" 2>/dev/null; do n=$((n + 1)); [ $n -le 50 ] || break; sleep 0.02; done; while IFS= read -r l || [ -n "$l" ]; do printf '\''%s\n'\'' "$l"; done < /run/lab/dmz/nodes/vm2/dhclient.log; echo '\''--- lab: the address now'\''; ip -4 -o addr show dev eth0; exit $s' 40 /sbin/dhclient -cf /run/lab/dmz/nodes/vm2/dhclient.conf -sf /run/lab/dmz/nodes/vm2/dhclient-script -lf /run/lab/dmz/nodes/vm2/dhclient.leases -pf /run/lab/dmz/nodes/vm2/dhclient.pid -e LAB_LINK_UP=1 -1 -v eth0
in_node vm2 ip -4 -o addr show dev eth0
in_node vm2 ip -6 -o addr show dev eth0 scope global

echo "lab dmz is up"
