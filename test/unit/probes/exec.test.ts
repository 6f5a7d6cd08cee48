import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

describe('exec', () => {
  it('a shell line runs with sh -c; exit 0 and output matching pass', async () => {
    const lab = fakeLab('vpc', "kind: exec, node: hv1, command: 'ovs-vsctl br-exists br-ex && echo yes', output: yes").on('hv1', 'sh -c', fixture('exec-yes'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'exit 0: yes' });
    expect(lab.ran).toEqual(['hv1: sh -c ovs-vsctl br-exists br-ex && echo yes']);
  });

  it('another exit code than expected fails; the expected one passes', async () => {
    const exec = (exit: number) => fakeLab('vpc', `kind: exec, node: hv2, command: 'ovs-vsctl br-exists br-ex', exit: ${exit}`).on('hv2', 'sh -c', { exit: 2 }).attempt();
    expect(await exec(0)).toEqual({ ok: false, seen: 'exit 2' });
    expect(await exec(2)).toEqual({ ok: true, seen: 'exit 2' });
  });

  it('an argv list runs as given; output not matching fails, showing the first lines', async () => {
    const lab = fakeLab('vpc', "kind: exec, node: vm1, command: [ip, -o, link, show, dev, eth0], output: 'mtu 1500'").on('vm1', 'ip -o link', fixture('interface-link-vm1'));
    expect(await lab.attempt()).toEqual({
      ok: false,
      seen: 'exit 0: 2: eth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    link/ether 02:00:0a:32:00:0b brd ff:ff:ff:ff:ff:ff link-netns lab.probe-vpc.hv1',
    });
    expect(lab.ran).toEqual(['vm1: ip -o link show dev eth0']);
  });
});
