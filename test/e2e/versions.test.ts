import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeE2E, dockerPrerequisites, lab, labFile, usesLabs } from './helpers.js';

const missing = await dockerPrerequisites(['bookworm', 'trixie']);
const MIXED = 'e2e-mixed';

/**
 * A fail-safe upgrade half done: central (NB/SB and ovn-northd) already on Debian 13's OVN 25.03,
 * the chassis still on Debian 12's 23.03. The notes' flow is byte for byte the same on both.
 */
describeE2E(
  'OVN versions: a lab with central on trixie (OVN 25.03) and chassis on bookworm (OVN 23.03)',
  () => {
    usesLabs(MIXED);

    it("comes up, status names each node's version, and every dmz check passes", async () => {
      const file = labFile('dmz', MIXED, (t) => t.replace('runtime: netns', 'runtime: docker').replace('chassis:\n', 'central: { release: trixie }\nchassis:\n'));
      expect((await lab(['up', file])).code).toBe(0);
      const status = await lab(['status', MIXED]);
      expect(status.stdout).toMatch(/^central +central +up +.*; OVN 25\.03\.\d+, OVS 3\.5\.\d+$/m);
      expect(status.stdout).toMatch(/^hv1 +chassis +up +registered; .*; OVN 23\.03\.\d+, OVS 3\.1\.\d+$/m);
      const out = join(mkdtempSync(join(tmpdir(), 'lab-versions-')), 'r.json');
      const r = await lab(['test', MIXED, '--json', out]);
      const checks: { name: string; passed: boolean }[] = JSON.parse(readFileSync(out, 'utf8')).labs[0].checks;
      expect(checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
      expect(r.code).toBe(0);
    });

    it('the netns runtime refuses a release it cannot run, before anything is made', async () => {
      // A release this machine is not.
      const other = /^VERSION_CODENAME=trixie$/m.test(readFileSync('/etc/os-release', 'utf8')) ? 'bookworm' : 'trixie';
      const file = labFile('dmz', MIXED, (t) => t.replace('chassis:\n', `release: ${other}\nchassis:\n`));
      const r = await lab(['up', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`the file asks for Debian ${other}'s OVN, and the netns runtime runs this machine's`);
    });
  },
  missing,
);
