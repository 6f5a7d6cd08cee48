import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeE2E, lab, leftovers } from './helpers.js';

const NAME = 'ro-owners';
/** The lab's owner and someone else on the same server, as sudo says them (SUDO_USER). */
const ALICE = { SUDO_USER: 'lab-e2e-alice', SUDO_UID: '64001' };
const BOB = { SUDO_USER: 'lab-e2e-bob', SUDO_UID: '64002' };

describeE2E("a room of learners: what changes a lab is its owner's; what reads it is anyone's", () => {
  // The lab is another user's: taken down with --force before (a crashed earlier run) and after.
  const downForced = () => lab(['down', NAME, '--force']);
  beforeAll(downForced);
  afterAll(downForced);

  it("refuses another user's lab kill, lab restart, lab solution --apply and the start of an exercise, and nothing is changed; reading stays open, and --force goes through", async () => {
    const up = await lab(['up', 'labs/dmz.yaml', '--name', NAME], { env: ALICE, timeoutMs: 240_000 });
    expect(up.code).toBe(0);
    const bob = { LAB: NAME, ...BOB };
    const controllerRuns = async () => (await lab(['status'], { env: bob })).stdout.match(/^hv2 +chassis +up +\S.*$/m)?.[0];

    const killed = await lab(['kill', 'hv2', 'ovn-controller'], { env: bob });
    expect(killed.code).toBe(2);
    expect(killed.stderr).toContain(`error: lab '${NAME}' belongs to lab-e2e-alice, not to you (lab-e2e-bob)`);
    expect(killed.stderr).toContain(`hint: ask lab-e2e-alice to run 'lab kill hv2 ovn-controller --lab ${NAME}', or run 'lab kill hv2 ovn-controller --lab ${NAME} --force' to kill it anyway`);
    expect(killed.stdout).toBe('');
    // Nothing was killed: ovn-controller still runs on hv2 (status reads it from its pid file).
    expect(await controllerRuns()).toMatch(/; ovsdb-server ovs-vswitchd ovn-controller;/);

    // Starting exercise 1 would crash hv2's ovn-controller (its fault): refused, and nothing is started.
    const started = await lab(['exercise', '1'], { env: bob });
    expect(started.code).toBe(2);
    expect(started.stderr).toContain(`'lab exercise 1 --lab ${NAME} --force' to start it anyway`);
    expect(await controllerRuns()).toMatch(/; ovsdb-server ovs-vswitchd ovn-controller;/);

    const restarted = await lab(['restart', 'hv2', 'ovn-controller'], { env: bob });
    expect(restarted.code).toBe(2);
    expect(restarted.stderr).toContain(`'lab restart hv2 ovn-controller --lab ${NAME} --force' to restart it anyway`);

    // The solution is shown to anyone; applying it is refused before it is even shown, and nothing is applied.
    const shown = await lab(['solution', '2'], { env: bob });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('- name: drop ICMP from vm1');
    const applied = await lab(['solution', '2', '--apply'], { env: bob });
    expect(applied.code).toBe(2);
    expect(applied.stdout).toBe('');
    expect(applied.stderr).toContain(`'lab solution 2 --apply --lab ${NAME} --force' to apply it anyway`);
    const check = await lab(['check'], { env: bob });
    expect(check.stdout).toMatch(/^\[FAIL\] 2 block-ping$/m);
    expect(check.stdout).toContain('score: 0/2');

    // With --force it goes through (an instructor mending a learner's lab), and its owner needs none.
    const forced = await lab(['kill', 'hv2', 'ovn-controller', '--force'], { env: bob });
    expect(forced.stdout).toBe('ovn-controller on hv2 killed (SIGKILL)\n');
    expect(await controllerRuns()).toMatch(/ ovn-controller \(dead\);/);
    const mended = await lab(['restart', 'hv2', 'ovn-controller'], { env: { LAB: NAME, ...ALICE } });
    expect(mended.stdout).toBe('ovn-controller started again on hv2\n');
    expect(await controllerRuns()).toMatch(/; ovsdb-server ovs-vswitchd ovn-controller;/);

    expect((await lab(['down', '--force'], { env: bob })).stdout).toBe(`lab ${NAME} is down\n`);
    expect(await leftovers(NAME)).toEqual([]);
  });
});
