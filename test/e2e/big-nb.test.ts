import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { logicalNetworkTransactions } from '../../src/ovn/logical-network.js';
import { bigLab } from '../unit/big-lab.js';
import { parseTopology } from '../../src/topology/load.js';
import { describeE2E } from './helpers.js';

describeE2E('split NB transactions on a real NB database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-nb-'));
  const db = join(dir, 'nb.db');
  const sock = `unix:${join(dir, 'nb.sock')}`;
  const env = { ...process.env, OVN_NB_DB: sock };
  afterAll(() => {
    spawnSync('ovs-appctl', ['-t', join(dir, 'nb.ctl'), 'exit']);
  });

  it("configures every port with its switch's one DHCP_Options row", () => {
    execFileSync('ovsdb-tool', ['create', db, '/usr/share/ovn/ovn-nb.ovsschema']);
    execFileSync('ovsdb-server', ['--detach', '--no-chdir', `--pidfile=${join(dir, 'nb.pid')}`, `--remote=p${sock}`, `--unixctl=${join(dir, 'nb.ctl')}`, `--log-file=${join(dir, 'nb.log')}`, db]);
    const lab = parseTopology(bigLab(4, 300), 'big.yaml');
    const txns = logicalNetworkTransactions(lab, 4096);
    expect(txns.length).toBeGreaterThan(5);
    for (const argv of txns) execFileSync(argv[0]!, argv.slice(1), { env });
    const nbctl = (...args: string[]) => execFileSync('ovn-nbctl', args, { env, encoding: 'utf8' });
    const rows = nbctl('--bare', '--columns=_uuid,cidr', 'list', 'DHCP_Options')
      .trim()
      .split(/\n\n/)
      .map((r) => r.split('\n'));
    expect(rows.map((r) => r[1]).sort()).toEqual(['10.10.0.0/16', '10.20.0.0/16', '10.30.0.0/16']);
    const uuidOf = Object.fromEntries(rows.map(([uuid, cidr]) => [cidr, uuid]));
    const ports = nbctl('--format=csv', '--data=bare', '--no-headings', '--columns=name,dhcpv4_options', 'list', 'Logical_Switch_Port')
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    expect(ports).toHaveLength(300 + 6);
    for (const [name, options] of ports) {
      const cidr = name!.startsWith('a-') ? '10.10.0.0/16' : name!.startsWith('b-') ? '10.20.0.0/16' : '10.30.0.0/16';
      expect([name, options]).toEqual([name, uuidOf[cidr]]);
    }
  });
});
