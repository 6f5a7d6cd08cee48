import type { Command } from 'commander';
import { LAB_OPTION } from '../context.js';
import { attachTo, openLab, requireNode } from '../open-lab.js';

/** The OVN databases' tools, run on the central node against the lab's NB/SB databases. */
const CENTRAL_TOOLS = { nbctl: 'ovn-nbctl', sbctl: 'ovn-sbctl' } as const;
/** A chassis' OVS tools, run against that chassis' ovsdb-server and ovs-vswitchd. */
const CHASSIS_TOOLS = { vsctl: 'ovs-vsctl', ofctl: 'ovs-ofctl', appctl: 'ovs-appctl' } as const;

export function registerOvnTools(program: Command): void {
  for (const [verb, tool] of Object.entries(CENTRAL_TOOLS)) {
    program
      .command(verb)
      .description(`${tool} against the lab's ${verb === 'nbctl' ? 'NB' : 'SB'} database (lab ${verb} -- show)`)
      .option('--lab <name>', LAB_OPTION)
      .argument('[args...]', `${tool} arguments, after --`)
      .action(async (args: string[], opts: { lab?: string }) => {
        const [{ centralRemote, NB_PORT, SB_PORT }, { CLIENT, sslArgs, sslFiles }] = await Promise.all([import('../../ovn/node-shell.js'), import('../../ovn/pki.js')]);
        const ctx = await openLab(verb, opts.lab);
        // With SSL, over the network with the lab's client certificate, as a remote client would.
        const central = ctx.lab.central;
        const db = central.ssl ? [`--db=${centralRemote(central, verb === 'nbctl' ? NB_PORT : SB_PORT)}`, ...sslArgs(sslFiles(ctx.node(central.name).runDir, CLIENT))] : [];
        await attachTo(ctx, central.name, [tool, ...db, ...args]);
      });
  }
  for (const [verb, tool] of Object.entries(CHASSIS_TOOLS)) {
    program
      .command(verb)
      .description(`${tool} against a chassis' OVS (lab ${verb} hv1 -- ${verb === 'ofctl' ? 'dump-flows br-int' : verb === 'vsctl' ? 'show' : 'dpif/show'})`)
      .option('--lab <name>', LAB_OPTION)
      .argument('<chassis>', 'chassis name')
      .argument('[args...]', `${tool} arguments, after --`)
      .action(async (chassis: string, args: string[], opts: { lab?: string }) => {
        const ctx = await openLab(verb, opts.lab);
        requireNode(ctx, chassis, ['chassis']);
        await attachTo(ctx, chassis, [tool, ...args]);
      });
  }
}
