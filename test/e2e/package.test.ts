import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeE2E, dockerPrerequisites, labFile } from './helpers.js';

const run = promisify(execFile);
const NAME = 'pkg-e2e';
/** What building an image needs (a Docker daemon): skipped without it, except in CI, where it fails. */
const noDocker = (await dockerPrerequisites([])).join(', ');

/** `lab ARGS...` as installed from the tarball, run from a directory that is not this repository. */
async function installedLab(bin: string, cwd: string, ...args: string[]): Promise<{ code: number; out: string }> {
  return run(bin, args, { cwd, env: { ...process.env, CI: 'true' }, timeout: 120_000 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
}

/**
 * `lab` as a user outside this repository has it: `npm pack`'s tarball, installed with
 * `npm install -g` into a prefix of its own, run from another directory. The tarball holds one
 * bundle with every library inside it, so the install fetches nothing and runs no install script.
 */
describeE2E(
  'the npm package, installed with npm install -g and run from another directory',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-package-'));
    const prefix = join(dir, 'prefix');
    const away = mkdtempSync(join(tmpdir(), 'lab-elsewhere-'));
    const bin = join(prefix, 'bin', 'lab');
    let install = '';
    beforeAll(async () => {
      await run('npm', ['pack', '--pack-destination', dir], { timeout: 120_000 });
      const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
      expect(tarball, 'npm pack made no tarball').toBeDefined();
      const r = await run('npm', ['install', '-g', '--prefix', prefix, join(dir, tarball ?? '')], { timeout: 300_000 });
      install = r.stdout + r.stderr;
      await installedLab(bin, away, 'down', NAME);
    }, 420_000);
    afterAll(async () => {
      await installedLab(bin, away, 'down', NAME);
      rmSync(dir, { recursive: true, force: true });
      rmSync(away, { recursive: true, force: true });
    });

    it('installs one package and runs no dependency install script', () => {
      expect(install).toMatch(/added 1 package/);
      expect(install).not.toMatch(/install-scripts|allow-scripts|gyp/);
    });

    it('answers --version and validates a lab file from another directory', async () => {
      expect((await installedLab(bin, away, '--version')).out.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const valid = await installedLab(bin, away, 'validate', labFile('dmz', NAME));
      expect(valid.out).toContain(`(lab ${NAME}: 2 chassis, 1 switch, 2 VMs)`);
    });

    it('brings dmz up on the netns runtime, checks it and takes it down, from another directory', async () => {
      const test = await installedLab(bin, away, 'test', labFile('dmz', NAME));
      expect(test.code, test.out).toBe(0);
      expect(test.out).toMatch(new RegExp(`lab ${NAME}: \\d+ passed, 0 failed`));
    }, 180_000);

    (noDocker && !process.env.CI ? it.skip : it)(
      'finds its images/ to build the node image (the Dockerfile ships in the package)',
      async () => {
        expect(noDocker, 'building an image needs').toBe('');
        const built = await installedLab(bin, away, 'images', 'build', '--release', 'bookworm');
        expect(built.code, built.out).toBe(0);
        expect(built.out).toMatch(/ready: bookworm, OVS [\d.]+, OVN [\d.]+/);
      },
      900_000,
    );
  },
  [],
);
