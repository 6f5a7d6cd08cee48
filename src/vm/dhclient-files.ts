import { shellLine } from '../base/shell-line.js';

/**
 * dhclient's own script and config for lab VMs. Debian's dhclient-script runs hooks and may
 * rewrite the host's /etc/resolv.conf; this one only configures the VM's interface, so a lab
 * writes nothing outside its own namespaces and state directory.
 */
export const DHCLIENT_SCRIPT = `#!/bin/sh
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
`;

export const DHCLIENT_CONF = `# lab: dhclient.conf for a VM namespace
timeout 30;
retry 5;
request subnet-mask, broadcast-address, routers, domain-name, domain-name-servers, interface-mtu;
`;

/**
 * `dhclient` as a VM's users type it: the real one with this VM's own config, script, lease and
 * pid files, so `lab exec vm1 -- dhclient -v eth0` never writes the host's files.
 */
export function dhclientWrapper(files: { conf: string; script: string; leases: string; pid: string }): string {
  return `#!/bin/sh
# lab: dhclient with this VM's own files (never the host's /var/lib/dhcp or /etc/resolv.conf).
exec ${shellLine(['/sbin/dhclient', '-cf', files.conf, '-sf', files.script, '-lf', files.leases, '-pf', files.pid])} "$@"
`;
}

/**
 * Files of a VM's DHCP client, all in the VM's run directory: one lease, pid and log per
 * interface (eth0 keeps the plain names), one script and config for all.
 */
export function dhclientPaths(runDir: string, iface = 'eth0', family: 4 | 6 = 4) {
  const tag = (iface === 'eth0' ? '' : `.${iface}`) + (family === 6 ? '.v6' : '');
  return {
    wrapper: `${runDir}/bin/dhclient`,
    script: `${runDir}/dhclient-script`,
    conf: `${runDir}/dhclient.conf`,
    leases: `${runDir}/dhclient${tag}.leases`,
    pid: `${runDir}/dhclient${tag}.pid`,
    log: `${runDir}/dhclient${tag}.log`,
  };
}
