import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../topology/load.js';
import { issues } from '../../../test/unit/issues.js';

/** labs/gateways.yaml with its checks replaced by these (each a YAML flow mapping on its own line). */
function withChecks(...checks: string[]): { text: string; line: number } {
  const lab = readFileSync(new URL('../../../labs/gateways.yaml', import.meta.url), 'utf8');
  const base = `${lab.slice(0, lab.indexOf('\nchecks:') + 1)}checks:\n`;
  return { text: `${base}${checks.map((c) => `  - ${c}\n`).join('')}`, line: base.split('\n').length };
}

describe('mac_binding checks', () => {
  it('accepts a router, an address, a MAC or the node that has it, a port, and expect gone', () => {
    const { text } = withChecks(
      '{ name: a, kind: mac_binding, router: gw1, ip: 172.16.0.1, mac: ext1 }',
      '{ name: b, kind: mac_binding, router: gw2, port: gw2-ext, ip: 172.16.0.1, mac: "02:00:AC:10:00:01" }',
      '{ name: c, kind: mac_binding, router: r1, ip: "fd00::1", expect: gone, timeout: 60 }',
    );
    const lab = parseTopology(text, 't.yaml');
    expect(lab.checks.map((c) => c.kind)).toEqual(['mac_binding', 'mac_binding', 'mac_binding']);
  });

  it.each([
    ['an unknown router', '{ name: a, kind: mac_binding, router: gw9, ip: 172.16.0.1 }', 'gw9', "unknown router 'gw9' (routers in this lab: r1, gw1, gw2)"],
    ['a port of another router', '{ name: a, kind: mac_binding, router: gw1, port: gw2-ext, ip: 172.16.0.1 }', 'gw2-ext', "'gw2-ext' is not a port of gw1 (its ports: gw1-join, gw1-ext)"],
    ['no address', '{ name: a, kind: mac_binding, router: gw1, ip: ext1 }', 'ext1', "'ext1' is not an IPv4 or IPv6 address"],
    ['a MAC of no node', '{ name: a, kind: mac_binding, router: gw1, ip: 172.16.0.1, mac: ext9 }', 'ext9', "'ext9' is neither a MAC (02:00:ac:10:00:01) nor a VM or host of this lab (vm1, vm2, ext1)"],
    ['a MAC with expect gone', '{ name: a, kind: mac_binding, router: gw1, ip: 172.16.0.1, mac: ext1, expect: gone }', 'ext1,', 'mac goes with expect: learned (a row that is gone has no MAC)'],
  ])('refuses %s, at the field', (_what, check, value, message) => {
    const { text, line } = withChecks(check);
    // The column of the field's value: the check's line starts with "  - ".
    expect(issues(text)).toEqual([`${line}:${5 + check.indexOf(` ${value}`) + 1} check 'a': ${message}`]);
  });
});
