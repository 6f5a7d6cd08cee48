import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findProgram } from '../../src/base/host.js';

describe('Vagrantfile', () => {
  it('provisions with the README set-up and forwards the checkout to /vagrant', () => {
    const text = readFileSync('Vagrantfile', 'utf8');
    expect(text).toContain('npm run setup');
    expect(text).toMatch(/synced_folder "\.", "\/vagrant"/);
  });

  const ruby = findProgram('ruby');
  it.runIf(ruby || process.env.CI)('is valid Ruby (ruby -c)', () => {
    if (!ruby) throw new Error('ruby is missing: apt-get install ruby (CI installs it to check the Vagrantfile)');
    expect(execFileSync(ruby, ['-c', 'Vagrantfile'], { encoding: 'utf8' })).toContain('Syntax OK');
  });
});
