#!/usr/bin/env bash
# The docker floor of the benchmark: labs/dmz.yaml written by hand with the docker CLI, the way
# someone who knows OVN would script it. One container per node from the lab's node image, the
# commands of each node in one `docker exec`, nodes in parallel where nothing orders them.
#   dmz-docker.sh up IMAGE PREFIX      central, hv1, hv2; vm1 and vm2 leased
#   dmz-docker.sh down PREFIX          removes the containers and the network
set -euo pipefail
if [ "$1" = down ]; then
  docker rm -f "$2-central" "$2-hv1" "$2-hv2" >/dev/null 2>&1 || true
  docker network rm "$2-underlay" >/dev/null 2>&1 || true
  exit 0
fi
img=$2 p=$3
docker network create --internal -o com.docker.network.bridge.inhibit_ipv4=true \
  --subnet 192.168.100.0/24 --gateway 192.168.100.254 "$p-underlay" >/dev/null

node() { # NAME IP: a node container, with the least privilege lab's docker runtime uses
  docker run -d --name "$p-$1" --hostname "$1" --network "$p-underlay" --ip "$2" --init \
    --cap-add NET_ADMIN --cap-add NET_RAW --cap-add SYS_ADMIN --device /dev/net/tun \
    --security-opt apparmor=unconfined --sysctl net.ipv4.conf.all.arp_ignore=1 "$img" >/dev/null
}
on() { docker exec -e OVS_RUNDIR=/run -e OVN_RUNDIR=/run "$p-$1" bash -euc "$2" "${@:3}"; }

central() { # NB and SB, northd, the logical network in one transaction
  on central '
    ethtool -K eth0 tx off >/dev/null
    for db in nb sb; do
      port=$([ $db = nb ] && echo 6641 || echo 6642)
      ovsdb-tool create /run/ovn${db}_db.db /usr/share/ovn/ovn-$db.ovsschema
      ovsdb-server /run/ovn${db}_db.db --remote=punix:/run/ovn${db}_db.sock --remote=ptcp:$port:192.168.100.1 \
        --pidfile=/run/ovn${db}_db.pid --detach --no-chdir
    done
    ovn-northd --ovnnb-db=unix:/run/ovnnb_db.sock --ovnsb-db=unix:/run/ovnsb_db.sock --pidfile=/run/northd.pid --detach --no-chdir
    ovn-nbctl --db=unix:/run/ovnnb_db.sock -- ls-add dmz \
      -- --id=@d create DHCP_Options cidr=172.16.255.128/26 options:server_id=172.16.255.129 \
         options:server_mac=02:ac:10:ff:01:29 options:lease_time=3600 options:router=172.16.255.129 \
      -- lsp-add dmz dmz-vm1 -- lsp-set-addresses dmz-vm1 "02:ac:10:ff:01:30 172.16.255.130" \
      -- set Logical_Switch_Port dmz-vm1 dhcpv4_options=@d \
      -- lsp-add dmz dmz-vm2 -- lsp-set-addresses dmz-vm2 "02:ac:10:ff:01:31 172.16.255.131" \
      -- set Logical_Switch_Port dmz-vm2 dhcpv4_options=@d >/dev/null'
}

chassis() { # NAME IP MAC VM VMMAC: OVS, br-phy, ovn-controller, the VM's namespace plugged into br-int
  on "$1" '
    name=$0 ip=$1 mac=$2 vm=$3 vmmac=$4
    ethtool -K eth0 tx off >/dev/null
    ovsdb-tool create /run/conf.db /usr/share/openvswitch/vswitch.ovsschema
    ovsdb-server /run/conf.db --remote=punix:/run/db.sock --pidfile=/run/ovsdb-server.pid --detach --no-chdir
    ovs-vsctl --db=unix:/run/db.sock --no-wait init
    ovs-vswitchd unix:/run/db.sock -vconsole:off --disable-system --pidfile=/run/ovs-vswitchd.pid --detach --no-chdir
    ovs-vsctl --db=unix:/run/db.sock -- add-br br-phy -- set Bridge br-phy datapath_type=netdev other_config:hwaddr=\"$mac\" \
      -- add-port br-phy eth0 -- set Open_vSwitch . external_ids:system-id=$name external_ids:hostname=$name \
      external_ids:ovn-remote=tcp:192.168.100.1:6642 external_ids:ovn-encap-type=geneve \
      external_ids:ovn-encap-ip=$ip external_ids:ovn-bridge-datapath-type=netdev
    ip addr flush dev eth0; ip addr add $ip/24 dev br-phy; ip link set dev br-phy up
    ovn-controller unix:/run/db.sock -vconsole:off --pidfile=/run/ovn-controller.pid --detach --no-chdir
    ip netns add $vm
    ip link add name $vm type veth peer name eth0 netns $vm address $vmmac
    ip netns exec $vm ip link set dev eth0 addrgenmode none
    ethtool -K $vm tx off >/dev/null; ip netns exec $vm ethtool -K eth0 tx off >/dev/null
    ip link set dev $vm mtu 1400 up; ip netns exec $vm ip link set dev eth0 mtu 1400 up; ip netns exec $vm ip link set dev lo up
    ovs-vsctl --db=unix:/run/db.sock --timeout=30 wait-until Bridge br-int
    ovs-vsctl --db=unix:/run/db.sock -- add-port br-int $vm -- set Interface $vm external_ids:iface-id=dmz-$vm' "${@:1}"
}

announce() { # NAME IP MAC: the tunnel address in a gratuitous ARP, once every chassis is up
  docker exec "$p-$1" python3 -c "
import socket, struct, sys
mac = bytes.fromhex(sys.argv[2].replace(':', '')); a = socket.inet_aton(sys.argv[1])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind(('br-phy', 0))
s.send(b'\xff' * 6 + mac + b'\x08\x06' + struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + mac + a + bytes(6) + a)" "$2" "$3"
}

lease() { docker exec "$p-$1" ip netns exec "$2" dhclient -1 -pf "/run/$2.pid" -lf "/run/$2.leases" eth0 >/dev/null 2>&1; }

# `wait PID` for each job: a job that failed fails the script.
node central 192.168.100.1 & a=$!; node hv1 192.168.100.2 & b=$!; node hv2 192.168.100.3 & c=$!
wait $a; wait $b; wait $c
central & a=$!
chassis hv1 192.168.100.2 0a:00:c0:a8:64:02 vm1 02:ac:10:ff:01:30 & b=$!
chassis hv2 192.168.100.3 0a:00:c0:a8:64:03 vm2 02:ac:10:ff:01:31 & c=$!
wait $a; wait $b; wait $c
announce hv1 192.168.100.2 0a:00:c0:a8:64:02 & a=$!; announce hv2 192.168.100.3 0a:00:c0:a8:64:03 & b=$!
wait $a; wait $b
on central '
  for port in dmz-vm1 dmz-vm2; do ovn-nbctl --db=unix:/run/ovnnb_db.sock --timeout=30 wait-until Logical_Switch_Port $port up=true; done
  ovn-nbctl --db=unix:/run/ovnnb_db.sock --timeout=30 --wait=hv sync'
lease hv1 vm1 & a=$!; lease hv2 vm2 & b=$!
wait $a; wait $b
