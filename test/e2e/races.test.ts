import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createExec, type Exec } from '../../src/base/exec.js';
import { createRuntime } from '../../src/runtime/registry.js';
import { CLI, describeE2E, dockerLeftovers, dockerPrerequisites, lab, labFile, labNamespaces, labProcess, leftovers, until, usesLabs } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything of the lab on this machine, on either runtime. */
async function everything(name: string, runtime: string): Promise<string[]> {
  return [...(await leftovers(name)), ...(runtime === 'docker' ? await dockerLeftovers(name) : [])];
}

/**
 * `down` at many points of `up`: whatever `up` had made by then, `down` stops it first, and once
 * both have ended nothing of the lab is left (no record, no namespace, no process, no container),
 * nor appears a moment later.
 */
function downDuringUp(runtime: string, name: string, delaysMs: number[]): void {
  usesLabs(name);
  it(`down at ${delaysMs.length} points of up on ${runtime}: both exclude each other, nothing is left`, async () => {
    for (const delay of delaysMs) {
      const up = labProcess(['up', labFile('dmz', name), '--runtime', runtime]);
      let upErr = '';
      up.stderr!.on('data', (d) => (upErr += d));
      const upCode = new Promise<number | null>((r) => up.on('exit', (c) => r(c)));
      await sleep(delay);
      const down = await lab(['down', name], { timeoutMs: 120_000 });
      const code = await upCode;
      expect(down.code, `down after ${delay} ms: ${down.stderr}`).toBe(0);
      // up was stopped (130), was refused because down held the name first (2), or had finished
      // before down looked (0).
      expect([0, 130, 2], `up's exit after ${delay} ms`).toContain(code);
      if (code === 2) expect(upErr).toMatch(new RegExp(`^error: lab '${name}' is being taken down$`, 'm'));
      if (code === 130) expect(down.stderr).toMatch(/is still coming up \(lab up, pid \d+\): stopping it first/);
      if (code === 0) expect((await lab(['down', name])).code).toBe(0);
      await sleep(500);
      expect(await everything(name, runtime), `down after ${delay} ms`).toEqual([]);
    }
  }, 600_000);
}

/** `kill -9` of up, then `down` at once: the killed up's shells make nothing after down returned. */
function downAfterKill(runtime: string, name: string, delaysMs: number[]): void {
  usesLabs(name);
  it(`kill -9 of up at ${delaysMs.length} points on ${runtime}, then down at once: nothing appears afterwards`, async () => {
    for (const delay of delaysMs) {
      // With SHLVL unset, as under some service managers: the case where every command was slower.
      const up = labProcess(['up', labFile('dmz', name), '--runtime', runtime], { SHLVL: undefined });
      const exited = new Promise((r) => up.on('exit', r));
      await sleep(delay);
      up.kill('SIGKILL');
      await exited;
      expect((await lab(['down', name])).code).toBe(0);
      await sleep(1500);
      expect(await everything(name, runtime), `kill -9 after ${delay} ms`).toEqual([]);
    }
  }, 600_000);
}

/** Ctrl-C at a terminal signals the whole process group: up must still tear down and exit 130. */
function ctrlCToGroup(runtime: string, name: string, delaysMs: number[]): void {
  usesLabs(name);
  it(`a Ctrl-C to up's process group at ${delaysMs.length} points on ${runtime} exits 130 and leaves nothing`, async () => {
    for (const delay of delaysMs) {
      const up = spawn(process.execPath, [CLI, 'up', labFile('dmz', name), '--runtime', runtime], { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let stderr = '';
      up.stderr.on('data', (d) => (stderr += d));
      const code = new Promise<number | null>((r) => up.on('exit', (c) => r(c)));
      // Once Node runs lab's code: a signal before that kills Node itself, as it would any program.
      await until(() => stderr.length > 0, 10_000);
      await sleep(delay);
      // A dmz up can be over by then (it takes under a second): that is the case of the exit 0 below.
      try {
        process.kill(-up.pid!, 'SIGINT');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
      }
      const exit = await code;
      expect([130, 0], `Ctrl-C after ${delay} ms: ${stderr}`).toContain(exit);
      if (exit === 0) expect((await lab(['down', name])).code).toBe(0);
      expect(await everything(name, runtime), `Ctrl-C after ${delay} ms`).toEqual([]);
    }
  }, 600_000);
}

describeE2E('up and down racing on the netns runtime', () => {
  downDuringUp('netns', 'e2e-race', [0, 100, 200, 300, 400, 500, 600, 800, 1000, 1400]);
  downAfterKill('netns', 'e2e-rkill', [150, 300, 450, 600, 900]);

  // The case behind downAfterKill made certain: a command that up forked but that had not started
  // its program when up was killed is a copy of Node, without the lab's mark, so down cannot see
  // it. Here up's batch is held before it starts, down runs, then the batch goes on.
  const LATE = 'e2e-late';
  usesLabs(LATE);
  it('a namespace batch that starts only after down makes nothing', async () => {
    const real = createExec();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const heldExec: Exec = (argv, opts) => held.then(() => real(argv, opts));
    const underlay = createRuntime('netns', LATE, heldExec).createUnderlay('10.0.0.0/24');
    const outcome = underlay.then(
      () => 'made',
      (e: unknown) => String(e),
    );
    // up made the node's run directory itself, then forked the batch.
    expect(await until(() => existsSync(`/run/lab/${LATE}/nodes/underlay`), 5000)).toBe(true);
    await createRuntime('netns', LATE, createExec()).destroy();
    release();
    expect(await outcome).toMatch(/command failed .*test -d \/run\/lab\/e2e-late\/nodes/);
    expect(await labNamespaces(LATE)).toEqual([]);
    expect(existsSync(`/run/lab/${LATE}/nodes`)).toBe(false);
    // The directory this test's runtime made, with no lab record in it (down would refuse it).
    rmSync(`/run/lab/${LATE}`, { recursive: true, force: true });
  });
  ctrlCToGroup('netns', 'e2e-rint', [50, 200, 400, 700]);

  const SAME = 'e2e-same';
  usesLabs(SAME);
  it('a lab of the same name under another LAB_STATE_DIR is refused before anything is made, and the first one keeps its namespaces', async () => {
    expect((await lab(['up', labFile('dmz', SAME)])).code).toBe(0);
    const before = await labNamespaces(SAME);
    const other = mkdtempSync(join(tmpdir(), 'lab-other-'));
    const r = await lab(['up', labFile('dmz', SAME)], { env: { LAB_STATE_DIR: other } });
    expect(r.stderr).toMatch(
      new RegExp(`^error: a lab named '${SAME}' already has namespaces on this host \\(lab\\.${SAME}\\.\\S+.*\\(its state directory: /run/lab/${SAME}\\)\\nhint: take it down first \\('LAB_STATE_DIR=/run/lab lab down ${SAME}'\\)`),
    );
    expect(r.code).toBe(2);
    expect(existsSync(join(other, SAME))).toBe(false);
    expect(await labNamespaces(SAME)).toEqual(before);
    expect((await lab(['status', SAME])).code).toBe(0);
  }, 120_000);

  const GONE = 'e2e-nsgone';
  usesLabs(GONE);
  it('a namespace deleted under a running lab: status names its daemons as strays, down ends them', async () => {
    expect((await lab(['up', labFile('dmz', GONE)])).code).toBe(0);
    spawn('ip', ['netns', 'del', `lab.${GONE}.hv2`]);
    expect(await until(async () => !(await labNamespaces(GONE)).includes(`lab.${GONE}.hv2`))).toBe(true);
    const status = await lab(['status', GONE]);
    expect(status.code, status.stderr).toBe(1);
    expect(status.stdout).toMatch(/hv2 +chassis +missing +.*ovsdb-server \(stray\) ovs-vswitchd \(stray\) ovn-controller \(stray\)/);
    expect(status.stdout).toMatch(new RegExp(`stray: pid \\d+ runs outside the lab's nodes \\(its namespace was deleted\\): ovs-vswitchd unix:/run/lab/${GONE}/nodes/hv2/`));
    expect((await lab(['down', GONE])).code).toBe(0);
    expect(await leftovers(GONE)).toEqual([]);
  }, 120_000);

  const RC = 'e2e-rc';
  usesLabs(RC);
  it("commands run without the caller's shell start-up files or environment", async () => {
    const home = mkdtempSync(join(tmpdir(), 'lab-home-'));
    const touched = join(home, 'sourced');
    writeFileSync(join(home, '.bashrc'), `touch ${touched}.bashrc\n`);
    writeFileSync(join(home, '.profile'), `touch ${touched}.profile\n`);
    writeFileSync(join(home, 'env.sh'), `touch ${touched}.env\n`);
    const env = { HOME: home, SHLVL: undefined, BASH_ENV: join(home, 'env.sh'), ENV: join(home, 'env.sh') };
    const up = await lab(['up', labFile('dmz', RC)], { env });
    expect(up.code, up.stderr).toBe(0);
    expect((await lab(['down', RC], { env })).code).toBe(0);
    for (const which of ['bashrc', 'profile', 'env']) expect(existsSync(`${touched}.${which}`), which).toBe(false);
  }, 120_000);

  it('a state directory on a full disk: up refuses in one sentence, having made nothing', async () => {
    const mnt = mkdtempSync(join(tmpdir(), 'lab-full-'));
    const mount = spawn('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    await new Promise((r) => mount.on('exit', r));
    try {
      spawn('dd', ['if=/dev/zero', `of=${join(mnt, 'fill')}`, 'bs=4k']);
      await sleep(300);
      const r = await lab(['up', labFile('dmz', 'e2e-full')], { env: { LAB_STATE_DIR: mnt } });
      expect(r.stderr).toMatch(new RegExp(`^error: no space left on the device of ${mnt.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\nhint: free space there`, 'm'));
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.code).toBe(2);
      expect(await labNamespaces('e2e-full')).toEqual([]);
    } finally {
      await new Promise((r) => spawn('umount', [mnt]).on('exit', r));
    }
  }, 60_000);

  it('down never removes a directory lab did not make, even an empty one under an odd state root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lab-etc-'));
    mkdirSync(join(root, 'ovn'));
    const r = await lab(['down', 'ovn'], { env: { LAB_STATE_DIR: root } });
    expect(r.stderr).toMatch(/has no lab record \(lab\.json\), so it is not a lab's state directory/);
    expect(r.code).toBe(2);
    expect(existsSync(join(root, 'ovn'))).toBe(true);
  });
});

const dockerMissing = await dockerPrerequisites();
describeE2E(
  'up and down racing on the docker runtime',
  () => {
    downDuringUp('docker', 'e2e-drace', [0, 300, 600, 900, 1500, 2500]);
    downAfterKill('docker', 'e2e-drkill', [400, 1200]);
    ctrlCToGroup('docker', 'e2e-drint', [300, 1000]);
  },
  dockerMissing,
);
