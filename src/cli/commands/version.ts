import type { Command } from 'commander';
import { createExec } from '../../base/exec.js';
import { findProgram, isRoot } from '../../base/host.js';
import { buildFlags, out } from '../context.js';
import { toolVersion } from '../version.js';
import type { BuildTree } from '../../topology/model.js';

/** The first version number a program prints for --version, or undefined when it is not installed. */
async function versionOf(program: string): Promise<string | undefined> {
  if (!findProgram(program)) return undefined;
  const r = await createExec()([program, '--version'], { nothrow: true, timeoutMs: 5000 });
  return /(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1];
}

/** A build tree in one line: `OVN 24.03.9 from build tree /src/ovn (commit bd3baf441086…)`. */
function treeLine(title: string, tree: BuildTree | undefined): string {
  if (!tree) return `${title} from this machine's packages`;
  return `${title} ${tree.version ?? '(version unknown)'} from build tree ${tree.dir}${tree.commit ? ` (commit ${tree.commit})` : ' (commit unknown)'}`;
}

/** Where each central's and chassis' OVN and OVS come from, for every lab that is up (as root). */
async function labsUp(): Promise<void> {
  if (!isRoot()) return;
  const { listLabs, readRecord } = await import('../../core/lab-store.js');
  const names = await listLabs();
  if (!names.length) return;
  const [{ createRuntime }, { LabContext }, { labOrigins }, { originText }] = await Promise.all([import('../../runtime/registry.js'), import('../../ovn/lab-context.js'), import('../../ovn/origins.js'), import('../../topology/builds.js')]);
  const exec = createExec();
  for (const name of names) {
    const record = await readRecord(name).catch(() => undefined);
    if (!record) continue;
    const origins = await labOrigins(new LabContext(record.lab, createRuntime(record.runtime, name, exec, record.lab), exec)).catch((e: Error) => e);
    out(`lab ${name} (${record.runtime}):`);
    // One lab whose runtime does not answer (its Docker engine stopped) leaves the others listed.
    if (origins instanceof Error) {
      out(`  cannot tell: its runtime does not answer (${origins.message})`);
      continue;
    }
    const width = Math.max(...origins.map((o) => o.node.length));
    for (const o of origins) out(`  ${o.node.padEnd(width)}  OVN ${originText(o.ovn)}, OVS ${originText(o.ovs)}`);
  }
}

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description("the tool's version, the Open vSwitch and OVN versions it finds on this host (or in build trees), and where each node of the labs that are up gets them")
    .option('--ovn <dir>', "look at an OVN build tree as 'lab up --ovn' would (refused likewise when it is not built): its version and commit")
    .option('--ovs <dir>', 'look at an OVS build tree likewise (default with --ovn: the one OVN was built against)')
    .action(async (opts: { ovn?: string; ovs?: string }) => {
      const [ovs, ovn] = await Promise.all([versionOf('ovs-vswitchd'), versionOf('ovn-controller')]);
      out(`lab ${toolVersion()} (Node.js ${process.versions.node})`);
      out(`Open vSwitch ${ovs ?? 'not installed'} (ovs-vswitchd)`);
      out(`OVN ${ovn ?? 'not installed'} (ovn-controller)`);
      if (opts.ovn !== undefined || opts.ovs !== undefined) {
        const { inspectBuild } = await import('../../runtime/netns/build-trees.js');
        const build = inspectBuild(buildFlags(opts.ovn, opts.ovs)!);
        out(treeLine('--ovn: OVN', build.ovn));
        out(treeLine(opts.ovs !== undefined ? '--ovs: Open vSwitch' : '--ovs (the OVS that OVN was built against): Open vSwitch', build.ovs));
      }
      await labsUp();
    });
}
