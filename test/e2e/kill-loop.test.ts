import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { describeE2E, dockerLeftovers, dockerPrerequisites, lab, labFile, labProcess, leftovers, until, usesLabs } from './helpers.js';

/** Kills per runtime: modest, so CI stays quick; LAB_KILL_LOOP raises it for a soak. */
const ROUNDS = Number(process.env.LAB_KILL_LOOP ?? 4);

/** A seeded random source, printed, so a failing round can be replayed with LAB_KILL_SEED. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Starts `lab up`, sends `signal` after `delayMs`, then `lab down`: nothing of the lab may be left. */
async function killDuringUp(name: string, runtime: string, signal: NodeJS.Signals, delayMs: number): Promise<string[]> {
  const child = labProcess(['up', labFile('dmz', name), '--runtime', runtime]);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill(signal);
  const code = await exited;
  // SIGINT tears down by itself (exit 130), unless up finished first (exit 0) or the signal came
  // while Node was still loading, before lab's handler (killed by it: no code; nothing made yet).
  // SIGKILL leaves the wreck to down.
  if (signal === 'SIGINT') expect([0, 130, null]).toContain(code);
  const down = await lab(['down', name]);
  expect(down.code).toBe(0);
  return [...(await leftovers(name)), ...(runtime === 'docker' ? await dockerLeftovers(name) : [])];
}

function loop(runtime: string, name: string, maxDelayMs: number): void {
  usesLabs(name);
  it(`${ROUNDS} random SIGKILL/SIGINT during up on ${runtime}, then down: nothing left`, async () => {
    const seed = Number(process.env.LAB_KILL_SEED ?? Date.now() % 100000);
    const next = random(seed);
    for (let round = 0; round < ROUNDS; round++) {
      const signal: NodeJS.Signals = next() < 0.5 ? 'SIGKILL' : 'SIGINT';
      const delay = Math.floor(100 + next() * maxDelayMs);
      const left = await killDuringUp(name, runtime, signal, delay);
      expect(left, `seed ${seed}, round ${round}: ${signal} after ${delay} ms`).toEqual([]);
    }
  }, 300_000);
}

describeE2E('kill loop on the netns runtime', () => loop('netns', 'e2e-loop', 1500));

const dockerMissing = await dockerPrerequisites();
describeE2E(
  'kill loop and a late Ctrl-C on the docker runtime',
  () => {
    loop('docker', 'e2e-dloop', 5000);

    const LATE = 'e2e-dlate';
    usesLabs(LATE);
    it('Ctrl-C right after the ports are bound tears the lab down and exits 130', async () => {
      const child = labProcess(['up', labFile('dmz', LATE), '--runtime', 'docker']);
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const code = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      expect(await until(() => /ok +chassis registered, ports bound/.test(stderr), 60_000)).toBe(true);
      child.kill('SIGINT');
      expect(await code).toBe(130);
      expect(stderr).toContain('tearing down');
      expect(await dockerLeftovers(LATE)).toEqual([]);
      expect(await leftovers(LATE)).toEqual([]);
    }, 120_000);

    const UP = 'e2e-dclosed';
    usesLabs(UP);
    it("the host has no address on the lab's underlay, so NB/SB cannot be reached from it", async () => {
      const file = labFile('dmz', UP, (t) => t.replace(/^underlay:.*$/m, '').replace(/^name: .*$/m, `name: ${UP}\nunderlay: { subnet: 192.168.77.0/24 }`));
      expect((await lab(['up', file, '--runtime', 'docker'])).code).toBe(0);
      const addrs = execFileSync('ip', ['-4', '-o', 'addr', 'show'], { encoding: 'utf8' });
      expect(addrs).not.toMatch(/inet 192\.168\.77\./);
      const route = execFileSync('ip', ['route', 'get', '192.168.77.1'], { encoding: 'utf8' });
      expect(route).not.toMatch(/dev br-/);
      expect((await lab(['down', UP])).code).toBe(0);
    }, 120_000);
  },
  dockerMissing,
);
