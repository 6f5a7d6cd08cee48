import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeE2E, lab, labFile, labProcesses, leftovers, usesLabs } from './helpers.js';

const NAME = 'e2e-sg';
const BAD = 'e2e-sg-bad';
const WRONG = 'e2e-sg-wrong';

describeE2E('security groups: servers, connect, ACL parse errors', () => {
  usesLabs(NAME, BAD, WRONG);

  it("an ACL match OVN cannot parse fails up at its line, with OVN's message, and leaves nothing", async () => {
    const file = labFile('security-groups', BAD, (t) => t.replace('match: "outport == @web && tcp.dst == 8080"', 'match: "outport == @web && tcp.dst == = 8080"'));
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('tcp.dst == = 8080')) + 1;
    const up = await lab(['up', file]);
    expect(up.code).toBe(1);
    expect(up.stderr).toContain(`${file}:${line}:`);
    expect(up.stderr).toContain('OVN cannot parse the match "outport == @web && tcp.dst == = 8080": Syntax error at `=\' expecting constant.');
    expect(up.stderr).toContain("hint: fix the ACL's match");
    expect(await leftovers(BAD)).toEqual([]);
  });

  it('servers run in their VMs, show in status, answer connect checks, and down ends them', async () => {
    expect((await lab(['up', labFile('security-groups', NAME)])).code).toBe(0);
    const [status] = JSON.parse((await lab(['status', NAME, '--format', 'json'])).stdout) as { nodes: { name: string; daemons: { name: string; running: boolean }[] }[] }[];
    const web1 = status!.nodes.find((n) => n.name === 'web1')!;
    expect(web1.daemons.filter((d) => d.name.startsWith('server ')).map((d) => [d.name, d.running])).toEqual([
      ['server http-80', true],
      ['server tcp-22', true],
      ['server tcp-8080', true],
      ['server tcp-9090', true],
      ['server tcp-9091', true],
    ]);
    expect((await lab(['down', NAME])).code).toBe(0);
    expect(labProcesses(NAME)).toEqual([]);
    expect(await leftovers(NAME)).toEqual([]);
  });

  it('connect and acl_log checks fail for the right reason, saying what they saw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-sg-'));
    const file = join(dir, 'wrong.yaml');
    writeFileSync(
      file,
      `name: ${WRONG}
chassis: { hv1: {}, hv2: {} }
switches: { lan: { subnet: 10.61.0.0/24 } }
vms:
  srv: { chassis: hv2, switch: lan, ip: 10.61.0.10, servers: [{ tcp: 80 }, { tcp: 81 }, { udp: 53 }] }
  cli: { chassis: hv1, switch: lan, ip: 10.61.0.20 }
port_groups: { srv: { members: [srv] } }
acls:
  - { port_group: srv, direction: to-lport, priority: 1001, match: "outport == @srv && tcp.dst == 81", action: reject, log: { name: no81 } }
  - { port_group: srv, direction: to-lport, priority: 1000, match: "outport == @srv && udp.dst == 53", action: drop }
checks:
  - { name: open but expected refused, kind: connect, from: cli, to: srv, port: 80, expect: refused, timeout: 1 }
  - { name: refused but expected open, kind: connect, from: cli, to: srv, port: 81, timeout: 1 }
  - { name: answered by the wrong node, kind: connect, from: cli, to: srv, port: 80, answer: cli, timeout: 1 }
  - { name: dropped but expected open, kind: connect, from: cli, to: srv, port: 53, proto: udp, timeout: 2 }
  - { name: logged but expected absent, kind: acl_log, chassis: hv2, acl: no81, expect: absent, timeout: 1 }
  - { name: logged on hv2 not hv1, kind: acl_log, chassis: hv1, acl: no81, timeout: 1 }
`,
    );
    const report = join(dir, 'report.json');
    const r = await lab(['test', file, '--json', report, '--bundle-dir', dir]);
    expect(r.code).toBe(1);
    const seen = Object.fromEntries((JSON.parse(readFileSync(report, 'utf8')).labs[0].checks as { name: string; passed: boolean; seen: string }[]).map((c) => [c.name, [c.passed, c.seen]]));
    expect(seen['open but expected refused']).toEqual([false, 'tcp 10.61.0.10:80 from cli: open srv']);
    expect(seen['refused but expected open']).toEqual([false, 'tcp 10.61.0.10:81 from cli: refused']);
    expect(seen['answered by the wrong node']).toEqual([false, 'tcp 10.61.0.10:80 from cli: open srv']);
    expect(seen['dropped but expected open']).toEqual([false, 'udp 10.61.0.10:53 from cli: timeout']);
    expect(seen['logged but expected absent']![0]).toBe(false);
    expect(seen['logged but expected absent']![1]).toMatch(/^(\d+) of \1 lines? of 'no81' match \(first: verdict=reject tcp,/);
    expect(seen['logged on hv2 not hv1']).toEqual([false, "0 lines of 'no81', none matching"]);
    expect(await leftovers(WRONG)).toEqual([]);
  }, 120_000);
});
