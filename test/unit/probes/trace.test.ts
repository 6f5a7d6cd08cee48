import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

const vm2ToVm1 = 'inport == "tenant-vm2" && eth.src == 02:00:0a:32:00:0c && eth.dst == 02:00:0a:32:00:0b && ip4.src == 10.50.0.12 && ip4.dst == 10.50.0.11 && ip.ttl == 64 && icmp4.type == 8';

/** A trace check of labs/vpc.yaml whose ovn-trace --summary printed `summary`. */
function trace(check: string, summary: string) {
  return fakeLab('vpc', `kind: trace, ${check}`).on('central', 'ovn-trace --summary', fixture(summary));
}

describe('trace', () => {
  it("delivered to the VM's port, the microflow built from the lab's MACs and addresses", async () => {
    const lab = trace('from: vm2, to: vm1, through: [tenant]', 'trace-delivered-on-switch');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'output to tenant-vm1 through tenant' });
    expect(lab.ran).toEqual([`central: ovn-trace --summary tenant ${vm2ToVm1}`]);
  });

  it('a path other than through says fails', async () => {
    expect(await trace('from: vm2, to: vm1, through: [tenant, r1]', 'trace-delivered-on-switch').attempt()).toEqual({ ok: false, seen: 'output to tenant-vm1 through tenant' });
  });

  it('delivered where dropped is expected fails', async () => {
    expect(await trace('from: vm2, to: vm1, expect: dropped', 'trace-delivered-on-switch').attempt()).toEqual({ ok: false, seen: 'output to tenant-vm1' });
  });

  it('dropped at the port (port security): no output; a microflow given is traced as written', async () => {
    const spoofed = 'inport == "lan-web1" && eth.src == 02:00:0a:3c:00:0b && eth.dst == 02:00:0a:3c:00:15 && ip4.src == 10.60.0.99 && ip4.dst == 10.60.0.21 && ip.ttl == 64 && icmp4.type == 8';
    const lab = fakeLab('security-groups', `kind: trace, from: web1, to: 10.60.0.21, expect: dropped, microflow: '${spoofed}'`);
    lab.on('central', 'ovn-trace --summary', fixture('trace-dropped-port-security'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'dropped (no output)' });
    expect(lab.ran).toEqual([`central: ovn-trace --summary lan ${spoofed}`]);
  });

  it('dropped in a router (no route): the hand-over to the router is no output', async () => {
    const lab = trace('from: vm2, to: 8.8.8.8, expect: dropped, through: [tenant, r1]', 'trace-dropped-in-router');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'dropped (no output) through tenant → r1' });
  });

  it("routed: the output is the port where the packet leaves OVN, not the routers' patch ports", async () => {
    const lab = trace('from: vm2, to: 172.16.0.1, port: public-localnet, through: [tenant, r1, public]', 'trace-routed-to-localnet');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'output to public-localnet through tenant → r1 → public' });
  });

  it('minimal: the actions of ovn-trace --minimal, exactly and in order', async () => {
    const minimal = ['ip.ttl--;', 'eth.src = 06:00:ac:10:00:0a;', 'eth.dst = 02:00:ac:10:00:01;', 'ct_snatin_czone(ip4.src=172.16.0.10) /* default (use --ct to customize) */ {', 'output("public-localnet");', '};'];
    const check = (actions: string[]) => `from: vm2, to: 172.16.0.1, port: public-localnet, minimal: ${JSON.stringify(actions)}`;
    const run = (actions: string[]) => trace(check(actions), 'trace-routed-to-localnet').on('central', 'ovn-trace --minimal', fixture('trace-routed-to-localnet-minimal')).attempt();
    expect(await run(minimal)).toMatchObject({ ok: true });
    const { ok, seen } = await run(minimal.slice(1));
    expect(ok).toBe(false);
    expect(seen).toMatch(/; --minimal: ip\.ttl--; eth\.src = 06:00:ac:10:00:0a; .* output\("public-localnet"\); };$/);
  });
});
