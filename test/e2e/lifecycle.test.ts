import { expect, it } from 'vitest';
import { usesLabs, describeE2E, lab, labFile, labNamespaces, labProcess, labProcesses, leftovers, until } from './helpers.js';

const KILLED = 'e2e-kill';
const INTERRUPTED = 'e2e-int';

describeE2E('a lab interrupted during up', () => {
  usesLabs(KILLED, INTERRUPTED);

  it('kill -9 in the middle of up: lab down still removes everything', async () => {
    const child = labProcess(['up', labFile('dmz', KILLED)]);
    const exited = new Promise((r) => child.on('exit', r));
    // Kill once daemons run, so there are processes, namespaces and files to clean up.
    const midway = await until(() => labProcesses(KILLED).length >= 3);
    child.kill('SIGKILL');
    await exited;
    expect(midway).toBe(true);
    expect((await leftovers(KILLED)).length).toBeGreaterThan(0);
    const down = await lab(['down', KILLED]);
    expect(down.code).toBe(0);
    expect(down.stdout).toContain(`lab ${KILLED} is down`);
    expect(await leftovers(KILLED)).toEqual([]);
  });

  it('Ctrl-C during up tears down what was made and exits 130', async () => {
    const child = labProcess(['up', labFile('dmz', INTERRUPTED)]);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const midway = await until(async () => (await labNamespaces(INTERRUPTED)).length >= 2);
    child.kill('SIGINT');
    expect(midway).toBe(true);
    expect(await code).toBe(130);
    expect(stderr).toContain('tearing down');
    expect(await leftovers(INTERRUPTED)).toEqual([]);
  });
});
