import type { InterfaceCheck } from '../../topology/checks/interface.js';
import type { CheckProbe } from '../check.js';

export const interfaceProbe: CheckProbe<InterfaceCheck> = {
  kind: 'interface',
  async attempt(spec, ctx) {
    const node = ctx.node(spec.node);
    const link = await node.run(['ip', '-o', 'link', 'show', 'dev', spec.interface], { nothrow: true });
    if (!link.ok) return { ok: false, seen: `${spec.node} has no ${spec.interface}` };
    const addrs = await node.run(['ip', '-o', 'addr', 'show', 'dev', spec.interface], { nothrow: true });
    const up = /[<,]UP[,>]/.test(link.stdout);
    const mtu = Number(/ mtu (\d+)/.exec(link.stdout)?.[1]);
    const mac = /link\/ether ([0-9a-f:]+)/.exec(link.stdout)?.[1];
    const addresses = [...addrs.stdout.matchAll(/inet6? ([0-9a-f.:]+\/\d+)/g)].map((m) => m[1]!).filter((a) => !a.startsWith('fe80:'));
    const seen = [`${spec.node} ${spec.interface} ${up ? 'up' : 'down'}`, `mtu ${mtu}`, `mac ${mac ?? 'none'}`, ...addresses].join(', ');
    const ok = up && (spec.mtu === undefined || mtu === spec.mtu) && (spec.mac === undefined || mac === spec.mac) && (spec.addresses ?? []).every((a) => addresses.includes(a));
    return { ok, seen };
  },
};
