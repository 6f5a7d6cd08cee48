import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { endProcesses, freezeMarked, parentOf, processAlive, signalProcess } from '../../src/base/processes.js';

/** Real shells carrying a mark, as `down` finds those of a killed `up`. */
const MARK = 'LAB_TEST_FREEZE';
let value = '';
const started: number[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await endProcesses(started.splice(0));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function marked(script: string): number {
  value = `${process.pid}-${Math.random()}`;
  const child = spawn('sh', ['-c', script], { env: { ...process.env, [MARK]: value }, stdio: 'ignore' });
  started.push(child.pid!);
  return child.pid!;
}

function stateOf(pid: number): string | undefined {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((p) => parentOf(p) === pid);
}

describe('freezeMarked: what down stops before it looks at namespaces', () => {
  it('stops a marked shell and the child it started without the mark (as /proc shows one while it execs), both stopped when it returns', async () => {
    const shell = marked(`env -u ${MARK} sleep 30 & wait`);
    let child: number | undefined;
    for (let i = 0; i < 200 && child === undefined; i++, await sleep(10)) child = childrenOf(shell)[0];
    expect(child, 'the shell started its child').toBeDefined();
    started.push(child!);
    expect(readFileSync(`/proc/${child}/environ`, 'latin1')).not.toContain(MARK);

    const frozen = await freezeMarked(MARK, value);
    expect(frozen.sort()).toEqual([shell, child!].sort());
    expect(frozen.map(stateOf)).toEqual(['T', 'T']);

    await endProcesses(frozen);
    expect(frozen.filter(processAlive)).toEqual([]);
  });

  it('a marked shell that starts commands all the time starts none after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-freeze-'));
    dirs.push(dir);
    marked(`i=0; while :; do i=$((i+1)); touch ${dir}/$i; done`);
    await sleep(200);
    for (let round = 0; round < 5; round++) {
      const frozen = await freezeMarked(MARK, value);
      const made = readdirSync(dir).length;
      await sleep(200);
      expect(readdirSync(dir).length, `round ${round}`).toBe(made);
      for (const pid of frozen) signalProcess(pid, 'SIGCONT');
      await sleep(50);
    }
  });
});
