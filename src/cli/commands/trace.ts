import type { Command } from 'commander';
import { LAB_OPTION } from '../context.js';
import { UserError } from '../../base/errors.js';
import { attachTo, openLab, requireNode } from '../open-lab.js';

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description("ovn-trace a packet from one VM to a VM or address, the microflow built from the lab's MACs and IPs")
    .option('--lab <name>', LAB_OPTION)
    .option('--proto <proto>', 'icmp, udp:PORT or tcp:PORT', 'icmp')
    .option('--print', 'print the ovn-trace command instead of running it')
    .option('-6, --ipv6', "trace to the VM's IPv6 address (ip6, icmp6)")
    .option('--minimal', "ovn-trace's --minimal output: only the actions that change the packet")
    .argument('[from]', 'VM the packet leaves')
    .argument('[to]', 'VM, or IPv4 or IPv6 address, it goes to')
    .argument('[args...]', 'raw ovn-trace arguments after -- (instead of FROM TO)')
    .action(async (from: string | undefined, to: string | undefined, args: string[], opts: { lab?: string; proto: string; print?: boolean; ipv6?: boolean; minimal?: boolean }) => {
      const { microflow } = await import('../../checks/kinds/trace.js');
      const ctx = await openLab('trace', opts.lab);
      const central = ctx.lab.central.name;
      // `lab trace -- ARGS`: everything after -- goes to ovn-trace as it is.
      const raw = process.argv.includes('--') ? [from, to, ...args].filter((a): a is string => a !== undefined) : undefined;
      if (raw) return attachTo(ctx, central, ['ovn-trace', ...raw]);
      if (!from || !to) throw new UserError('lab trace needs FROM and TO (or raw ovn-trace arguments after --)', 'e.g. lab trace vm1 vm2 --proto udp:53');
      requireNode(ctx, from, ['vm']);
      const family = opts.ipv6 || to.includes(':') ? 6 : 4;
      const { targetAddress } = await import('../../topology/checks/fields.js');
      if (!targetAddress(ctx.lab, to, family)) {
        throw new UserError(opts.ipv6 && !to.includes(':') ? `'${to}' has no IPv6 address in lab '${ctx.lab.name}'` : `'${to}' is neither a VM of lab '${ctx.lab.name}' nor an IPv4 or IPv6 address`);
      }
      if (family === 6 && !ctx.lab.vms.find((v) => v.name === from)!.ipv6) throw new UserError(`'${from}' has no IPv6 address to send from: its switch has no subnet6`);
      if (!/^(icmp|(udp|tcp):\d{1,5})$/.test(opts.proto)) throw new UserError(`--proto '${opts.proto}' is not icmp, udp:PORT or tcp:PORT`);
      const { logicalSwitchOf } = await import('../../topology/model.js');
      const datapath = logicalSwitchOf(ctx.lab, ctx.lab.vms.find((v) => v.name === from)!.switch);
      const argv = ['ovn-trace', ...(opts.minimal ? ['--minimal'] : []), datapath, microflow(ctx.lab, from, to, opts.proto, family)];
      process.stderr.write(`$ ${argv.slice(0, -1).join(' ')} '${argv.at(-1)}'\n`);
      if (opts.print) return;
      await attachTo(ctx, central, argv);
    });
}
