import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../topology/load.js';
import { issues } from '../../../test/unit/issues.js';

/** labs/load-balancer.yaml with its checks replaced by these (each a YAML flow mapping on its own line). */
function withChecks(...checks: string[]): { text: string; line: number } {
  const lab = readFileSync(new URL('../../../labs/load-balancer.yaml', import.meta.url), 'utf8');
  const base = `${lab.slice(0, lab.indexOf('\nchecks:') + 1)}checks:\n`;
  return { text: `${base}${checks.map((c) => `  - ${c}\n`).join('')}`, line: base.split('\n').length };
}

describe('service_monitor checks', () => {
  it('accepts a backend by VM name or address, with or without its port, and the load balancer', () => {
    const { text } = withChecks(
      '{ name: a, kind: service_monitor, backend: web3, status: offline }',
      '{ name: b, kind: service_monitor, backend: "web1:8080", load_balancer: web, status: online }',
      '{ name: c, kind: service_monitor, backend: 10.70.0.12, status: online }',
    );
    expect(parseTopology(text, 't.yaml').checks.map((c) => c.kind)).toEqual(['service_monitor', 'service_monitor', 'service_monitor']);
  });

  it.each([
    [
      'a VM that is no backend',
      '{ name: a, kind: service_monitor, backend: client, status: online }',
      'client',
      "'client' is not a health-checked backend (those in this lab: 10.70.0.11:8080, 10.70.0.12:8080, 10.70.0.13:8080; a VM name, or an address, with :PORT or not)",
    ],
    [
      'a port it is not checked on',
      '{ name: a, kind: service_monitor, backend: "web3:80", status: online }',
      '"web3:80"',
      "'web3:80' is not a health-checked backend (those in this lab: 10.70.0.11:8080, 10.70.0.12:8080, 10.70.0.13:8080; a VM name, or an address, with :PORT or not)",
    ],
    ['an unknown load balancer', '{ name: a, kind: service_monitor, backend: web3, load_balancer: db, status: online }', 'db', "'db' is not a load balancer with a health_check (those in this lab: web)"],
    ['a status OVN does not write', '{ name: a, kind: service_monitor, backend: web3, status: up }', 'up', "status: expected one of online, offline, not the text 'up'"],
  ])('refuses %s, at the field', (_what, check, value, message) => {
    const { text, line } = withChecks(check);
    // The column of the field's value: the check's line starts with "  - ".
    expect(issues(text)).toEqual([expect.stringMatching(new RegExp(`^${line}:${5 + check.indexOf(` ${value}`) + 1} `))]);
    expect(issues(text)[0]).toContain(message);
  });

  it('refuses it in a lab without health checks', () => {
    const { text, line } = withChecks('{ name: a, kind: service_monitor, backend: web3, status: online }');
    const plain = text.replace(/^ {4}health_check: .*\n/m, '');
    expect(issues(plain)).toEqual([`${line - 1}:48 check 'a': the lab has no load balancer with a health_check: OVN writes Service_Monitor rows only for health-checked backends`]);
  });
});
