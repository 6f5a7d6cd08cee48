import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeE2E, dockerLeftovers, dockerPrerequisites, lab, labFile, usesLabs } from './helpers.js';

/**
 * The docker runtime on OVN compiled from source (issue 23): `lab images build --ovn-src` compiles
 * OVN 24.03.9 and the OVS its ovs submodule pins (3.3.8) in a builder stage, from the source
 * tarballs unpacked as a user's tree would be (LAB_OVN_SRC names another tree), and labs run the
 * image as `--release src-…`, alone or mixed per role with Debian's packages. CI builds the image
 * first (minutes, cold; Docker's layer cache keeps it), so here it is found built.
 */
const SOURCES = process.env.LAB_OVN_SOURCES ?? (existsSync('../shared/sources/SHA256SUMS') ? '../shared/sources' : '/work/shared/sources');
const NAME = 'src-24.03.9-bd3baf441086';
const DMZ = 'si-e2e-dmz';
const HA = 'si-e2e-ha';
const SG = 'si-e2e-sg';
const MIX = 'si-e2e-mix';
const NONE = 'si-e2e-none';
/**
 * Compiling takes minutes (cold): the test builds the image only when asked (LAB_BUILD_SOURCE_IMAGE=1,
 * as CI's stage does) and otherwise needs it built, like the other e2e tests need their images.
 */
async function sourcePrerequisites(): Promise<string[]> {
  const missing = await dockerPrerequisites(['bookworm']);
  if (!existsSync(join(SOURCES, 'SHA256SUMS'))) missing.push(`the OVN source tarballs in ${SOURCES} (LAB_OVN_SOURCES)`);
  if (missing.length || process.env.LAB_BUILD_SOURCE_IMAGE === '1') return missing;
  const { default: Docker } = await import('dockerode');
  const { nodeImage } = await import('../../src/runtime/docker/images.js');
  const built = await new Docker()
    .getImage(nodeImage(NAME))
    .inspect()
    .then(() => true)
    .catch(() => false);
  return built ? [] : [`the image ${NAME} (lab images build --ovn-src <OVN 24.03.9 tree>, or LAB_BUILD_SOURCE_IMAGE=1 to let this test build it)`];
}
const missing = await sourcePrerequisites();

/** The OVN tree: LAB_OVN_SRC, else the tarballs unpacked as a checkout with its submodule would be. */
function sourceTree(): string {
  if (process.env.LAB_OVN_SRC) return process.env.LAB_OVN_SRC;
  const dir = join(mkdtempSync(join(tmpdir(), 'lab-ovn-src-')), 'ovn');
  execFileSync('bash', ['test/ovn-build/unpack.sh', SOURCES, dir]);
  return dir;
}

const failed = (r: { checks: { name: string; passed: boolean }[] }) => r.checks.filter((c) => !c.passed).map((c) => c.name);

/** `lab test --json` of a file: its exit code, output and report. */
async function testReport(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'lab-src-image-'));
  const r = await lab(['test', ...args, '--runtime', 'docker', '--json', join(dir, 'r.json')], { timeoutMs: 600_000 });
  const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).labs[0] as { checks: { name: string; passed: boolean; skipped?: string }[]; nodes?: { node: string; ovn: { version: string; release?: string } }[] };
  return { code: r.code, out: r.stdout + r.stderr, report };
}

describeE2E(
  'the docker runtime on OVN compiled from source (lab images build --ovn-src, --release src-…)',
  () => {
    usesLabs(DMZ, HA, SG, MIX, NONE);
    let tree = '';
    beforeAll(() => {
      tree = sourceTree();
    });

    it('refuses trees that are not OVN sources before building anything, saying what to give', async () => {
      const nothing = await lab(['images', 'build', '--ovn-src', '/nonexistent/ovn']);
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toContain('--ovn-src: /nonexistent/ovn is not a directory');
      const swapped = await lab(['images', 'build', '--ovn-src', join(tree, 'ovs')]);
      expect(swapped.stderr).toContain(`--ovn-src: ${tree}/ovs is not an OVN source tree (its configure.ac is openvswitch's)`);
      expect(swapped.stderr).toContain('give it as --ovs-src');
      const alone = await lab(['images', 'build', '--ovs-src', join(tree, 'ovs')]);
      expect(alone.stderr).toContain('--ovs-src goes with --ovn-src');
    });

    it('builds (or finds) the image, named by the tree: OVN 24.03.9 and OVS 3.3.8 inside', async () => {
      const built = await lab(['images', 'build', '--ovn-src', tree], { timeoutMs: 3_600_000 });
      expect(built.code, built.stderr).toBe(0);
      expect(built.stdout).toMatch(new RegExp(`ready: ${NAME}, OVS 3\\.3\\.8, OVN 24\\.03\\.9 \\(compiled from ${tree} at bd3baf441086\\)`));
      expect(built.stdout).toContain(`--release ${NAME}`);
    }, 3_600_000);

    it('dmz, central-ha and security-groups pass on it; the reports name the image each node ran', async () => {
      for (const [base, name] of [
        ['dmz', DMZ],
        ['central-ha', HA],
        ['security-groups', SG],
      ] as const) {
        const t = await testReport([labFile(base, name), '--release', NAME]);
        expect(t.code, `${base}: ${failed(t.report).join('; ')}\n${t.out}`).toBe(0);
        expect(t.report.nodes?.find((n) => n.node === 'hv1')?.ovn).toMatchObject({ version: '24.03.9', release: NAME });
        expect(await dockerLeftovers(name)).toEqual([]);
      }
    }, 1_800_000);

    it("mixes per role in one file: central compiled from source, the chassis on bookworm's packages (an upgrade's first step)", async () => {
      const file = labFile('dmz', MIX, (t) => t.replace('chassis:\n', `central: { release: ${NAME} }\nchassis:\n`));
      const up = await lab(['up', file, '--runtime', 'docker'], { timeoutMs: 300_000 });
      try {
        expect(up.code, up.stderr).toBe(0);
        const status = await lab(['status', MIX]);
        expect(status.stdout).toMatch(/^central .*; OVN 24\.03\.9, OVS 3\.3\.8$/m);
        expect(status.stdout).toMatch(/^hv1 .*; OVN 23\.03\.\d+, OVS 3\.1\.\d+$/m);
        // Where each came from: the image compiled from source, the release's packages.
        const version = await lab(['version']);
        expect(version.stdout).toMatch(new RegExp(`^  central +OVN 24\\.03\\.9 \\(image ${NAME}, compiled from source\\), OVS 3\\.3\\.8 \\(image ${NAME}, compiled from source\\)$`, 'm'));
        expect(version.stdout).toMatch(/^ {2}hv1 +OVN 23\.03\.\d+ \(bookworm packages\)/m);
        const t = await lab(['test', MIX]);
        expect(t.code, t.stdout + t.stderr).toBe(0);
      } finally {
        await lab(['down', MIX]);
      }
      expect(await dockerLeftovers(MIX)).toEqual([]);
    }, 600_000);

    it("and the other way round: central on bookworm's packages, the chassis compiled from source", async () => {
      const file = labFile('dmz', MIX, (t) => t.replace('  hv1: {}\n  hv2: {}\n', `  hv1: { release: ${NAME} }\n  hv2: { release: ${NAME} }\n`));
      try {
        const t = await testReport([file]);
        expect(t.code, `${failed(t.report).join('; ')}\n${t.out}`).toBe(0);
        expect(t.report.nodes?.find((n) => n.node === 'central')?.ovn).toMatchObject({ version: expect.stringMatching(/^23\.03\./), release: 'bookworm' });
        expect(t.report.nodes?.find((n) => n.node === 'hv2')?.ovn).toMatchObject({ version: '24.03.9', release: NAME });
      } finally {
        await lab(['down', MIX]);
      }
      expect(await dockerLeftovers(MIX)).toEqual([]);
    }, 600_000);

    it('a lab naming a source image that is not built is refused before anything is made, saying how to build it', async () => {
      const up = await lab(['up', labFile('dmz', NONE), '--runtime', 'docker', '--release', 'src-0.0.0-000000000000']);
      expect(up.code).toBe(2);
      expect(up.stderr).toContain('(src-0.0.0-000000000000) is not built');
      expect(up.stderr).toContain('lab images build --ovn-src DIR');
      expect(await dockerLeftovers(NONE)).toEqual([]);
    });
  },
  missing,
);
