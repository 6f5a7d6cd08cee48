import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findProgram } from '../../src/base/host.js';

/**
 * The Vagrantfile read by Ruby as Vagrant would, with a stand-in for Vagrant's configuration
 * object that records what is set, on a host of the given CPU: the box it picks and the providers
 * it configures.
 */
function vagrantConfig(ruby: string, hostCpu: string, env: Record<string, string> = {}): { box: string; providers: string[] } {
  const script = `
    require "json"
    RbConfig::CONFIG["host_cpu"] = ${JSON.stringify(hostCpu)}
    class Rec
      attr_reader :set, :providers
      def initialize; @set = {}; @providers = []; end
      def provider(name); @providers << name; yield Rec.new; end
      def vmx; {}; end
      def method_missing(name, *args, **kw)
        @set[name.to_s.chomp("=")] = args.first if name.to_s.end_with?("=")
        self
      end
      def respond_to_missing?(*) = true
    end
    module Vagrant
      def self.configure(_v)
        vm = Rec.new
        config = Struct.new(:vm).new(vm)
        yield config
        puts JSON.generate({ box: vm.set["box"], providers: vm.providers })
      end
    end
    load "Vagrantfile"
  `;
  return JSON.parse(
    execFileSync(ruby, ['-e', script], { encoding: 'utf8', env: { ...process.env, LAB_VAGRANT_BOX: '', ...env } })
      .trim()
      .split('\n')
      .at(-1) ?? '{}',
  ) as { box: string; providers: string[] };
}

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

  it.runIf(ruby || process.env.CI)("picks Debian's amd64 box on x86-64, an arm64 Debian 13 box on Apple silicon, and LAB_VAGRANT_BOX over both", () => {
    if (!ruby) throw new Error('ruby is missing: apt-get install ruby (CI installs it to check the Vagrantfile)');
    expect(vagrantConfig(ruby, 'x86_64').box).toBe('debian/trixie64');
    expect(vagrantConfig(ruby, 'arm64').box).toBe('bento/debian-13');
    expect(vagrantConfig(ruby, 'aarch64').box).toBe('bento/debian-13');
    expect(vagrantConfig(ruby, 'arm64', { LAB_VAGRANT_BOX: 'my/debian-13' }).box).toBe('my/debian-13');
    // The providers the docs name for macOS (Intel and Apple silicon), Linux and Windows.
    expect(vagrantConfig(ruby, 'arm64').providers).toEqual(expect.arrayContaining(['virtualbox', 'libvirt', 'vmware_desktop', 'parallels', 'hyperv']));
  });
});
