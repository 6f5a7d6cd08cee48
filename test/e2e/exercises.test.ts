import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeE2E, lab, leftovers } from './helpers.js';

const NAME = 'ex-dmz';
/** Another user, as sudo would say it: the lab's owner is the user behind sudo. */
const ALICE = { SUDO_USER: 'lab-e2e-alice', SUDO_UID: '64001' };

describeE2E('exercises on a running lab: scored by their checks, a solution applied, the lab reset; the owner of a lab', () => {
  // The lab is another user's: taken down with --force before (a crashed earlier run) and after.
  const downForced = () => lab(['down', NAME, '--force']);
  beforeAll(downForced);
  afterAll(downForced);

  it('scores dmz 0/2, starts an exercise (its fault), scores higher once solved, resets to the start, and keeps another user from taking it down', async () => {
    const up = await lab(['up', 'labs/dmz.yaml', '--name', NAME], { env: ALICE });
    expect(up.code).toBe(0);
    // The learner is the lab's owner: what changes it (exercise, restart, solution --apply) is theirs.
    const env = { LAB: NAME, ...ALICE };

    // Nothing done yet: the exercise with a fault is not started, the other one fails.
    const first = await lab(['check'], { env });
    expect(first.stdout).toContain("[----] 1 revive-controller: not started ('lab exercise 1' starts it)");
    expect(first.stdout).toMatch(/^\[FAIL\] 2 block-ping\n {9}vm1 no longer pings vm2: expected vm1 gets no reply from 172.16.255.131; saw ping 172.16.255.131: \d\/\d replies$/m);
    expect(first.stdout).toContain('score: 0/2');
    expect(first.code).toBe(1);

    // The next exercise: shown, and started (ovn-controller on hv2 is killed), once.
    const shown = await lab(['exercise'], { env });
    expect(shown.stdout).toContain(`exercise 1/2 of lab ${NAME}: revive-controller (started now)`);
    expect((await lab(['status'], { env })).stdout).toMatch(/^hv2 +chassis +up +registered; ovsdb-server ovs-vswitchd ovn-controller \(dead\)/m);
    expect((await lab(['exercise'], { env })).stdout).not.toContain('(started now)');
    const broken = await lab(['check'], { env });
    expect(broken.stdout).toMatch(/^\[FAIL\] 1 revive-controller\n {9}every daemon of the lab runs: /m);
    expect(broken.stdout).toContain('score: 0/2');

    // The learner types the restart; the solution of the other is applied.
    const restart = await lab(['restart', 'hv2', 'ovn-controller'], { env });
    expect(restart.stdout).toBe('ovn-controller started again on hv2\n');
    const solution = await lab(['solution', '2'], { env });
    expect(solution.stdout).toContain('- name: drop ICMP from vm1\n  kind: step\n  add_acl:\n    switch: dmz');
    const applied = await lab(['solution', '2', '--apply'], { env });
    expect(applied.stdout).toContain('applied: drop ICMP from vm1: add acl done');
    expect(applied.code).toBe(0);
    const solved = await lab(['check'], { env });
    expect(solved.stdout).toContain('[PASS] 1 revive-controller\n[PASS] 2 block-ping\nscore: 2/2');
    expect(solved.code).toBe(0);
    const all = await lab(['ls', '--all']);
    expect(all.stdout).toMatch(new RegExp(`^${NAME} +netns +healthy +lab-e2e-alice +2/2 +5/5 `, 'm'));

    // Someone else (here root without sudo, or another sudo user) may not take it down or reset it.
    const other = { ...env, SUDO_USER: 'lab-e2e-bob', SUDO_UID: '64002' };
    const refused = await lab(['down'], { env: other });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`error: lab '${NAME}' belongs to lab-e2e-alice, not to you (lab-e2e-bob)`);
    expect(refused.stderr).toContain(`hint: ask lab-e2e-alice to run 'lab down ${NAME}', or run 'lab down ${NAME} --force' to take it down anyway`);
    expect((await lab(['reset'], { env: other })).code).toBe(2);
    expect((await lab(['ls'], { env: other })).stdout).not.toContain(NAME);

    // Reset by its owner: back to the start, the score with it.
    const reset = await lab(['reset'], { env: { ...env, ...ALICE }, timeoutMs: 180_000 });
    expect(reset.stdout).toMatch(new RegExp(`^lab ${NAME} is back to its start`, 'm'));
    expect(reset.code).toBe(0);
    const again = await lab(['check'], { env });
    expect(again.stdout).toContain('[----] 1 revive-controller: not started');
    expect(again.stdout).toContain('score: 0/2');

    // Taken down by someone else only with --force.
    const forced = await lab(['down', '--force'], { env: other });
    expect(forced.stdout).toBe(`lab ${NAME} is down\n`);
    expect(await leftovers(NAME)).toEqual([]);
  });
});
