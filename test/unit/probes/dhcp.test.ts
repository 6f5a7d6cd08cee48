import { describe, expect, it } from 'vitest';
import { fakeLab, fixture, type Reply } from './fake-lab.js';

/** A DHCPv4 check of labs/vpc.yaml on vm1: its lease file, eth0's address and its default route. */
function dhcp(check: string, leases: string | Reply = fixture('dhcp-leases-vm1')) {
  return fakeLab('vpc', `kind: dhcp, vm: vm1${check}`).on('vm1', 'cat /fake/vm1/dhclient.leases', leases).on('vm1', 'ip -4 -o addr show dev eth0', fixture('dhcp-addr-vm1')).on('vm1', 'ip -4 route show default', fixture('dhcp-route-vm1'));
}

const vm1Lease = 'lease 10.50.0.11/24, router 10.50.0.1, lease_time 3600, mtu 1400, server 10.50.0.1, eth0 10.50.0.11/24, default via 10.50.0.1';
const renew = 'timeout 20 /sbin/dhclient -cf /fake/vm1/dhclient.conf -sf /fake/vm1/dhclient-script -lf /fake/vm1/dhclient.leases -pf /fake/vm1/dhclient.pid -1 eth0';

describe('dhcp', () => {
  it("the lease has the VM's address, and the address is on its interface", async () => {
    const lab = dhcp('');
    expect(await lab.attempt()).toEqual({ ok: true, seen: vm1Lease });
    expect(lab.ran).toEqual(['vm1: cat /fake/vm1/dhclient.leases', 'vm1: ip -4 -o addr show dev eth0', 'vm1: ip -4 route show default']);
  });

  it('a lease field other than expected fails', async () => {
    expect(await dhcp(', lease_time: 60').attempt()).toEqual({ ok: false, seen: vm1Lease });
    expect(await dhcp(', mtu: 1500').attempt()).toEqual({ ok: false, seen: vm1Lease });
    expect(await dhcp(', router: 10.50.0.254').attempt()).toEqual({ ok: false, seen: vm1Lease });
  });

  it('no lease file yet fails', async () => {
    expect(await dhcp('', { exit: 1 }).attempt()).toEqual({ ok: false, seen: 'no lease yet (eth0 10.50.0.11/24)' });
  });

  it("renew: asks again with the VM's own dhclient files, then reads the lease", async () => {
    const lab = dhcp(', renew: true', fixture('dhcp-leases-vm1-renewed'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: vm1Lease });
    expect(lab.ran[0]).toBe(`vm1: ${renew}`);
  });

  it('renew: no answer fails with the exit code', async () => {
    const lab = dhcp(', renew: true').on('vm1', 'timeout 20', { exit: 124 });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'dhclient -1 eth0 got no lease (exit 124)' });
    expect(lab.ran).toEqual([`vm1: ${renew}`]);
  });

  it('the last lease of the file counts: the server that answered last', async () => {
    const lab = fakeLab('dnsmasq-ha', 'kind: dhcp, vm: vm2, server: 10.40.0.2').on('vm2', 'cat', fixture('dhcp-leases-vm2-two-servers')).on('vm2', 'ip -4 -o addr', fixture('dhcp-addr-vm2-dnsmasq'));
    const seen = 'lease 10.40.0.12/24, router none, lease_time 3600, mtu none, server 10.40.0.2, eth0 10.40.0.12/24, default via none';
    expect(await lab.attempt()).toEqual({ ok: true, seen });
  });

  it('expect none: a request nobody answers within 5 s passes', async () => {
    const lab = fakeLab('dnsmasq-ha', 'kind: dhcp, vm: vm1, expect: none').on('vm1', 'timeout 5', { exit: 124 });
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'no answer on eth0 within 5 s' });
    expect(lab.ran).toEqual(['vm1: timeout 5 /sbin/dhclient -1 -sf /bin/true -lf /dev/null -pf /fake/vm1/dhclient-probe.pid eth0']);
  });

  it('expect none: an answer fails, and the dhclient it left running is ended', async () => {
    const lab = fakeLab('vpc', 'kind: dhcp, vm: vm1, expect: none');
    expect(await lab.attempt()).toEqual({ ok: false, seen: "a DHCP server answered vm1's request on eth0" });
    expect(lab.ran[1]).toBe('vm1: sh -c kill "$(cat "$1")"; rm -f "$1" sh /fake/vm1/dhclient-probe.pid');
  });

  it('family 6: the DHCPv6 lease, its server DUID and DNS server, and the address on eth0', async () => {
    const dhcp6 = (check: string) =>
      fakeLab('dhcpv6', `kind: dhcp, family: 6, vm: vm1${check}`).on('vm1', 'cat /fake/vm1/dhclient.v6.leases', fixture('dhcp6-leases-vm1')).on('vm1', 'ip -6 -o addr show dev eth0 scope global', fixture('dhcp6-addr-vm1'));
    const seen = 'lease fd00:61::11, server DUID MAC 02:00:00:61:00:01, dns fd00:61::53, eth0 fd00:61::11';
    expect(await dhcp6(", server_mac: 02:00:00:61:00:01, dns_server: 'fd00:61::53'").attempt()).toEqual({ ok: true, seen });
    expect(await dhcp6(", dns_server: 'fd00:61::54'").attempt()).toEqual({ ok: false, seen });
  });
});
