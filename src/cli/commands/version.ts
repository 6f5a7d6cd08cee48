import type { Command } from 'commander';
import { createExec } from '../../base/exec.js';
import { findProgram } from '../../base/host.js';
import { out } from '../context.js';
import { toolVersion } from '../version.js';

/** The first version number a program prints for --version, or undefined when it is not installed. */
async function versionOf(program: string): Promise<string | undefined> {
  if (!findProgram(program)) return undefined;
  const r = await createExec()([program, '--version'], { nothrow: true, timeoutMs: 5000 });
  return /(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
}

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description("the tool's version and the Open vSwitch and OVN versions it finds on this host")
    .action(async () => {
      const [ovs, ovn] = await Promise.all([versionOf('ovs-vswitchd'), versionOf('ovn-controller')]);
      out(`lab ${toolVersion()} (Node.js ${process.versions.node})`);
      out(`Open vSwitch ${ovs ?? 'not installed'} (ovs-vswitchd)`);
      out(`OVN ${ovn ?? 'not installed'} (ovn-controller)`);
    });
}
