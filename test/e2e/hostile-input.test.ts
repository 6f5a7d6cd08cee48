import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { describeE2E, lab } from './helpers.js';

/** A directory that must survive everything below, with a file in it. */
function victim(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-victim-'));
  writeFileSync(join(dir, 'keep'), 'precious');
  return dir;
}

/** One sentence, exit 2, and never a stack trace. */
function refused(r: { code: number; stderr: string }, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code).toBe(2);
}

describeE2E('hostile or careless input is refused before anything is touched', () => {
  const root = mkdtempSync(join(tmpdir(), 'lab-state-'));
  const env = { LAB_STATE_DIR: root };

  it('lab down with a file whose name leads out of the state directory deletes nothing', async () => {
    const target = victim();
    const file = join(mkdtempSync(join(tmpdir(), 'lab-evil-')), 'evil.yaml');
    writeFileSync(file, `name: ${relative(root, target)}\nchassis: { hv1: {} }\n`);
    refused(await lab(['down', file], { env }), /evil\.yaml: name '\.\.\/.*' is not a lab name/);
    expect(existsSync(join(target, 'keep'))).toBe(true);
  });

  it.each([[''], ['x/../../..'], ['../..']])("lab down '%s' is refused as a name or a file", async (arg) => {
    refused(await lab(['down', arg], { env }), /^error: (lab name '.*' is not a lab name|\.\.\/\.\. is a directory, not a topology file)/);
    expect(existsSync(root)).toBe(true);
  });

  it.each([['.'], ['..']])('lab down %s says it is a directory', async (arg) => {
    refused(await lab(['down', arg], { env }), /is a directory, not a topology file/);
  });

  it('a state directory that is a symlink, or holds no record, is not removed', async () => {
    const target = victim();
    symlinkSync(target, join(root, 'linked'));
    refused(await lab(['down', 'linked'], { env }), /is not a lab's state directory \(it is a symbolic link\)/);
    mkdirSync(join(root, 'stranger'));
    writeFileSync(join(root, 'stranger', 'data'), 'not lab');
    refused(await lab(['down', 'stranger'], { env }), /has no lab record \(lab\.json\), so it is not a lab's state directory/);
    expect(existsSync(join(target, 'keep'))).toBe(true);
    expect(existsSync(join(root, 'stranger', 'data'))).toBe(true);
  });

  it('lab down FILE works when the file no longer parses (the name is read leniently)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lab-broken-')), 'broken.yaml');
    writeFileSync(file, 'name: e2e-broken\nchassis: [ {\n');
    const r = await lab(['down', file], { env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('lab e2e-broken is not up; nothing to remove\n');
    expect(r.code).toBe(0);
  });

  it('an alias bomb is refused at its line by validate, up and down', async () => {
    const lines = ['name: e2e-bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const [prev, cur] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const file = join(mkdtempSync(join(tmpdir(), 'lab-bomb-')), 'bomb.yaml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    for (const verb of ['validate', 'up']) refused(await lab([verb, file], { env }), new RegExp(`${file}:3:8: YAML: aliases here expand to too much data`));
    const down = await lab(['down', file], { env });
    expect(down.stdout).toBe('lab e2e-bomb is not up; nothing to remove\n');
  });

  it('a named pipe is refused at once instead of read forever', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'lab-fifo-')), 'lab.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const verb of ['validate', 'up']) refused(await lab([verb, fifo], { env, timeoutMs: 10_000 }), /is a named pipe, not a topology file/);
  });

  it('ZX_* variables in the environment change nothing lab runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-zx-'));
    const pwned = join(dir, 'pwned');
    const zx = { ZX_PREFIX: `touch ${pwned};`, ZX_POSTFIX: '; exit 7', ZX_SHELL: '/bin/false' };
    const down = await lab(['down', 'e2e-zx'], { env: { ...env, ...zx } });
    expect(down.code).toBe(0);
    const svg = await lab(['graph', 'labs/dmz.yaml', '--format', 'svg', '-o', join(dir, 'g.svg')], { env: { ...env, ...zx } });
    expect(svg.code).toBe(0);
    expect(existsSync(join(dir, 'g.svg'))).toBe(true);
    expect(existsSync(pwned)).toBe(false);
  });

  it('a relative or odd LAB_STATE_DIR is refused with what to give instead', async () => {
    for (const value of ['relative/dir', '/tmp/with space', '/']) {
      refused(await lab(['status'], { env: { LAB_STATE_DIR: value } }), /^error: LAB_STATE_DIR='.*' cannot be used\nhint: give an absolute path/);
    }
  });
});
