import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeE2E, lab, labFile, leftovers, usesLabs } from './helpers.js';

const NAME = 'e2e-cluster';

describeE2E('a clustered central on the netns runtime: the SB leader killed', () => {
  usesLabs(NAME);

  it('elects another member, keeps traffic and leases, and takes the killed member back', async () => {
    const file = labFile('central-ha', NAME);
    expect((await lab(['up', file])).code).toBe(0);
    const status = await lab(['status', NAME]);
    // Three members, one SB leader among them.
    expect(status.stdout.match(/^central\d? +central +up .*, SB leader;/gm)).toHaveLength(1);
    expect(status.stdout.match(/^central\d? +central +up /gm)).toHaveLength(3);

    const out = join(mkdtempSync(join(tmpdir(), 'lab-cluster-')), 'r.json');
    const r = await lab(['test', NAME, '--json', out]);
    const checks: { name: string; passed: boolean; seen: string }[] = JSON.parse(readFileSync(out, 'utf8')).labs[0].checks;
    expect(checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([]);
    expect(r.code).toBe(0);
    const killed = /ovnsb_db on (\S+) killed/.exec(checks.find((c) => c.name.startsWith('kill the SB leader'))!.seen)![1]!;
    const election = checks.find((c) => c.name.startsWith('the two SB members left'))!.seen;
    // The killed member is down, another leads, in a later term than the first.
    expect(election).toContain(`${killed} down`);
    const [, leader, term] = /(central\d?) leader \(term (\d+)\)/.exec(election)!;
    expect(leader).not.toBe(killed);
    expect(Number(term)).toBeGreaterThan(1);
    expect(checks.find((c) => c.name.startsWith('the member rejoined'))!.seen).toMatch(new RegExp(`SB: .*${killed} (leader|follower)`));

    expect((await lab(['down', NAME])).code).toBe(0);
    expect(await leftovers(NAME)).toEqual([]);
  });
});
