import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeE2E, lab, labFile, leftovers, usesLabs } from './helpers.js';

/**
 * Labs on an OVN built from source and never installed (issue 23): OVN 24.03.9, the LTS neither
 * Debian release here packages, and the OVS its ovs submodule pins (3.3.8), built by
 * test/ovn-build/build.sh into its cache (CI runs it first; LAB_OVN_BUILD names another tree).
 * This machine's packages are OVN 23.03 and OVS 3.1, so every version seen tells which ran.
 */
function builtTree(): string | undefined {
  if (process.env.LAB_OVN_BUILD) return process.env.LAB_OVN_BUILD;
  try {
    return execFileSync('bash', ['test/ovn-build/build.sh', '--print'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const TREE = builtTree() ?? '';
const OVN = /^24\.03\.\d+$/;
const COMMIT = 'bd3baf441086'; // v24.03.9, as the tarball's git archive header says
const OVS_COMMIT = 'bc99439446a1'; // the OVS commit OVN v24.03.9's submodule pins (v3.3.8)
const DMZ = 'ob-e2e-dmz';
const HA = 'ob-e2e-ha';
const SG = 'ob-e2e-sg';
const MIX = 'ob-e2e-mix';

/** The program a daemon of a lab node runs, from its pid file. */
function daemonProgram(labName: string, node: string, daemon: string): string {
  const pid = readFileSync(`/run/lab/${labName}/nodes/${node}/${daemon}.pid`, 'utf8').trim();
  return readlinkSync(`/proc/${pid}/exe`);
}

/** `lab test --json` of a file or a running lab: its report (exit code, checks, nodes' origins). */
async function testReport(
  args: string[],
): Promise<{ code: number; out: string; report: { checks: { name: string; passed: boolean; skipped?: string }[]; nodes?: { node: string; ovn: Record<string, string>; ovs: Record<string, string> }[] } }> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-ovn-build-'));
  const r = await lab(['test', ...args, '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml')], { timeoutMs: 300_000 });
  const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).labs[0];
  return { code: r.code, out: `${r.stdout}${r.stderr}\n${readFileSync(join(dir, 'r.xml'), 'utf8')}`, report };
}

const failed = (r: { checks: { name: string; passed: boolean }[] }) => r.checks.filter((c) => !c.passed).map((c) => c.name);

describeE2E(
  'labs on an OVN build tree (OVN 24.03.9 and OVS 3.3.8 from source, not installed), netns runtime',
  () => {
    usesLabs(DMZ, HA, SG, MIX);

    it("dmz comes up on the build: every daemon and tool is the build's, status, version and the reports say so", async () => {
      const up = await lab(['up', labFile('dmz', DMZ), '--ovn', TREE]);
      expect(up.stderr + up.stdout).toContain(`lab ${DMZ} is up`);
      for (const [node, daemon, program] of [
        ['central', 'ovn-northd', 'northd/ovn-northd'],
        ['central', 'ovnsb_db', 'ovs/ovsdb/ovsdb-server'],
        ['hv1', 'ovn-controller', 'controller/ovn-controller'],
        ['hv2', 'ovs-vswitchd', 'ovs/vswitchd/ovs-vswitchd'],
      ]) {
        expect(daemonProgram(DMZ, node!, daemon!), `${node}'s ${daemon}`).toBe(`${TREE}/${program}`);
      }
      const status = await lab(['status', DMZ]);
      const origin = `OVN 24.03.9 (build tree ${TREE}, commit ${COMMIT}), OVS 3.3.8 (build tree ${TREE}/ovs, commit ${OVS_COMMIT})`;
      for (const node of ['central', 'hv1', 'hv2']) expect(status.stdout).toMatch(new RegExp(`^${node} .*; ${origin.replace(/[().]/g, '\\$&')}$`, 'm'));
      const json = JSON.parse((await lab(['status', DMZ, '--format', 'json'])).stdout)[0];
      expect(json.nodes.find((n: { name: string }) => n.name === 'hv1').origin.ovn).toEqual({ version: '24.03.9', from: 'build', tree: TREE, commit: expect.stringMatching(new RegExp(`^${COMMIT}`)) });
      // The lab's tools are the build's too.
      expect((await lab(['nbctl', '--lab', DMZ, '--', '--version'])).stdout).toMatch(/^ovn-nbctl 24\.03\.9$/m);
      expect((await lab(['sbctl', '--lab', DMZ, '--', '--version'])).stdout).toMatch(/^ovn-sbctl 24\.03\.9$/m);
      expect((await lab(['vsctl', '--lab', DMZ, 'hv1', '--', '--version'])).stdout).toMatch(/^ovs-vsctl \(Open vSwitch\) 3\.3\.8$/m);
      expect((await lab(['exec', '--lab', DMZ, 'hv1', '--', 'ovn-appctl', '-t', 'ovn-controller', 'version'])).stdout).toMatch(/24\.03\.9/);
      const trace = await lab(['trace', '--lab', DMZ, 'vm1', 'vm2']);
      expect(trace.code, trace.stderr).toBe(0);
      const version = await lab(['version']);
      expect(version.stdout).toMatch(new RegExp(`^lab ${DMZ} \\(netns\\):\\n  central  OVN 24\\.03\\.9 \\(build tree `, 'm'));
      // The checks, on the running lab: every one passes, and the reports name each node's build.
      const t = await testReport([DMZ]);
      expect(failed(t.report)).toEqual([]);
      expect(t.report.nodes?.map((n) => [n.node, n.ovn.version, n.ovn.tree, n.ovs.version, n.ovs.tree])).toEqual(['central', 'hv1', 'hv2'].map((n) => [n, '24.03.9', TREE, '3.3.8', `${TREE}/ovs`]));
      expect(t.out).toContain(`<property name="hv1.ovn" value="24.03.9 (build tree ${TREE}, commit ${COMMIT})"/>`);
      expect((await lab(['down', DMZ])).code).toBe(0);
      expect(await leftovers(DMZ)).toEqual([]);
    });

    it('central-ha (a Raft cluster losing its leader, daemons restarted) passes on the build', async () => {
      const t = await testReport([labFile('central-ha', HA), '--ovn', TREE]);
      expect(failed(t.report)).toEqual([]);
      // Version-specific checks go by the build's version (24.03), not this machine's packages (23.03).
      expect(t.report.checks.filter((c) => c.skipped).map((c) => c.skipped)).toEqual(['for OVN <23.06; this lab runs OVN 24.03.9']);
      expect(t.code).toBe(0);
    });

    it('security-groups passes on the build, its checks for OVN 23.06 and later run', async () => {
      const t = await testReport([labFile('security-groups', SG), '--ovn', TREE]);
      expect(failed(t.report)).toEqual([]);
      const ran = t.report.checks.filter((c) => !c.skipped).map((c) => c.name);
      expect(ran).toContain('and the generic reject flow of ls_out_acl_action');
      expect(t.report.checks.find((c) => c.name.startsWith('OVN before 23.06'))?.skipped).toBe('for OVN <23.06; this lab runs OVN 24.03.9');
      expect(t.code).toBe(0);
    });

    it("a mixed lab in one file: central on this machine's packages, the chassis on the build", async () => {
      const file = labFile('dmz', MIX, (t) => t.replace('  hv1: {}\n  hv2: {}\n', `  hv1: { ovn: ${TREE} }\n  hv2: { ovn: ${TREE} }\n`));
      const t = await testReport([file, '--keep']);
      try {
        expect(failed(t.report)).toEqual([]);
        const nodes = Object.fromEntries((t.report.nodes ?? []).map((n) => [n.node, n.ovn]));
        expect(nodes.central).toMatchObject({ from: 'packages', version: expect.stringMatching(/^23\.03\./) });
        expect(nodes.hv1).toMatchObject({ from: 'build', version: expect.stringMatching(OVN), tree: TREE });
        expect(daemonProgram(MIX, 'central', 'ovn-northd')).toMatch(/^\/usr\/s?bin\/ovn-northd$/);
        expect(daemonProgram(MIX, 'hv2', 'ovn-controller')).toBe(`${TREE}/controller/ovn-controller`);
        expect(t.code).toBe(0);
      } finally {
        await lab(['down', MIX]);
      }
    });

    it("and the other way round: central on the build, the chassis on this machine's packages", async () => {
      const file = labFile('dmz', MIX, (t) => t.replace('chassis:\n', `central: { ovn: ${TREE} }\nchassis:\n`));
      const t = await testReport([file, '--keep']);
      try {
        expect(failed(t.report)).toEqual([]);
        const nodes = Object.fromEntries((t.report.nodes ?? []).map((n) => [n.node, n]));
        expect(nodes.central?.ovn).toMatchObject({ from: 'build', version: '24.03.9', tree: TREE });
        expect(nodes.central?.ovs).toMatchObject({ from: 'build', version: '3.3.8', tree: `${TREE}/ovs` });
        expect(nodes.hv1?.ovn).toMatchObject({ from: 'packages', version: expect.stringMatching(/^23\.03\./) });
        expect(daemonProgram(MIX, 'central', 'ovnnb_db')).toBe(`${TREE}/ovs/ovsdb/ovsdb-server`);
        expect(daemonProgram(MIX, 'hv1', 'ovs-vswitchd')).toMatch(/^\/usr\/(s?bin|lib\/openvswitch-switch)\/ovs-vswitchd$/);
        expect(t.code).toBe(0);
      } finally {
        await lab(['down', MIX]);
      }
    });

    it('refuses a tree that is not built before anything is made, naming what is missing', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'lab-not-ovn-'));
      const r = await lab(['up', labFile('dmz', DMZ), '--ovn', empty]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--ovn: ${empty} is not an OVN build tree (it has no Makefile from ./configure)`);
      const ovsAsOvn = await lab(['up', labFile('dmz', DMZ), '--ovn', `${TREE}/ovs`]);
      expect(ovsAsOvn.stderr).toContain("it is Open vSwitch's, give it as ovs (--ovs)");
      expect(await leftovers(DMZ)).toEqual([]);
    });
  },
  TREE ? [] : ['an OVN build tree (bash test/ovn-build/build.sh, or LAB_OVN_BUILD=DIR)'],
);
