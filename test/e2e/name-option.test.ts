import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { CLI, describeE2E, lab, labFile, labProcess, leftovers, until, usesLabs, type CliResult } from './helpers.js';

const ROOM = ['e2e-room-1', 'e2e-room-2'];
const STARTING = 'e2e-room-start';

/** The CLI with a topology on its standard input (`lab up - --name …`). */
function labStdin(args: string[], input: string): Promise<CliResult> {
  return new Promise((res) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...process.env, CI: 'true' }, timeout: 90_000 }, (err, stdout, stderr) => {
      res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin!.end(input);
  });
}

describeE2E('one file run under several names (--name, a file on stdin), and lab test FILE of a lab up from it', () => {
  usesLabs(...ROOM, STARTING);

  it('brings one file up twice side by side, checks each in place from its file, refuses another file, and takes them down', async () => {
    const dmz = readFileSync('labs/dmz.yaml', 'utf8');
    const first = await lab(['up', 'labs/dmz.yaml', '--name', ROOM[0]!]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`lab ${ROOM[0]} is up`);
    const second = await labStdin(['up', '-', '--name', ROOM[1]!], dmz);
    expect(second.stdout).toContain(`lab ${ROOM[1]} is up`);
    expect(second.code).toBe(0);
    const ls = await lab(['ls']);
    expect(ls.stdout).toMatch(new RegExp(`^${ROOM[0]} +netns +healthy .*${resolve('labs/dmz.yaml')}$`, 'm'));
    expect(ls.stdout).toMatch(new RegExp(`^${ROOM[1]} +netns +healthy `, 'm'));

    // The same path: checked in place, and left up.
    const inPlace = await lab(['test', 'labs/dmz.yaml', '--name', ROOM[0]!, '--only', 'vm1 pings vm2 across the tunnel']);
    expect(inPlace.stdout + inPlace.stderr).toMatch(new RegExp(`^\\[${ROOM[0]}\\] \\[PASS\\] vm1 pings vm2`, 'm'));
    expect(inPlace.stderr).not.toMatch(/ up: \d+ steps/);
    expect(inPlace.stdout).toContain(`lab ${ROOM[0]}: 1 passed, 0 failed (up 0.00s`);
    expect(inPlace.code).toBe(0);
    // The same text from another path (the up came from stdin): the same lab, checked in place.
    const sameText = await lab(['test', labFile('dmz', 'dmz'), '--name', ROOM[1]!, '--only', 'vm2 pings vm1 back']);
    expect(sameText.stdout).toContain(`lab ${ROOM[1]}: 1 passed, 0 failed`);
    expect(sameText.code).toBe(0);
    expect((await lab(['status', ROOM[0]!])).code).toBe(0);
    expect((await lab(['status', ROOM[1]!])).code).toBe(0);

    // Another file under a name that is up: refused, saying from which file the lab is up.
    const other = await lab(['test', labFile('dmz', 'dmz', (t) => `${t}\n# another file\n`), '--name', ROOM[0]!]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`error: lab '${ROOM[0]}' is up from another file (${resolve('labs/dmz.yaml')}, not `);
    expect(other.stderr).toContain(`hint: run 'lab test ${ROOM[0]}'`);
    expect((await lab(['status', ROOM[0]!])).code).toBe(0);

    // A bad --name: refused as a bad name: in a file is, nothing made.
    const bad = await lab(['up', 'labs/dmz.yaml', '--name', 'room 1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`error: --name 'room 1' is not a lab name: a lab name starts with a letter`);
    const badTest = await lab(['test', 'labs/dmz.yaml', '--name', 'a-name-longer-than-twenty']);
    expect(badTest.code).toBe(2);
    expect(badTest.stderr).toContain('a lab name has at most 20 characters');

    for (const name of ROOM) {
      expect((await lab(['down', name])).code).toBe(0);
      expect(await leftovers(name)).toEqual([]);
    }
  }, 180_000);

  it('lab ls says starting for a lab coming up (not DEGRADED), then healthy once it is up', async () => {
    const child = labProcess(['up', labFile('central-ha', STARTING)]);
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    const line = async () => (await lab(['ls'])).stdout.split('\n').find((l) => l.startsWith(`${STARTING} `)) ?? '';
    expect(await until(async () => / starting /.test(await line()), 60_000)).toBe(true);
    // Once seen starting, the next reading is starting, or healthy when up has finished meanwhile.
    // CI saw DEGRADED here when up ended while ls looked (its nodes seen half made, its up gone at the
    // end of the look); status now decides "starting" when its look begins. Should it come back, why:
    const next = await line();
    const why = /DEGRADED|INCOMPLETE/.test(next) ? (await lab(['status', STARTING, '--format', 'json'])).stdout : '';
    expect(`${next}\n${why}`).not.toMatch(/DEGRADED|INCOMPLETE/);
    expect(await exited).toBe(0);
    expect(await line()).toMatch(/ healthy /);
    expect((await lab(['down', STARTING])).code).toBe(0);
    expect(await leftovers(STARTING)).toEqual([]);
  }, 180_000);
});
