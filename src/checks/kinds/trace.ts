import { traceDatapaths, traceMinimal, traceOutputs, traceSummary } from '../../ovn/queries.js';
import { logicalSwitchOf, type Lab } from '../../topology/model.js';
import type { CheckProbe } from '../check.js';
import { targetAddress } from '../../topology/checks/fields.js';
import type { TraceCheck } from '../../topology/checks/trace.js';

/** The MAC a VM sends off-subnet packets to: its switch's router port (broadcast when there is none). */
function gatewayMac(lab: Lab, switchName: string): string {
  for (const r of lab.routers) {
    const port = r.ports.find((p) => p.switch === switchName);
    if (port) return port.mac;
  }
  return 'ff:ff:ff:ff:ff:ff';
}

/** The microflow of a packet from one VM to a VM or address, as ovn-trace reads it. */
export function microflow(lab: Lab, from: string, to: string, proto: string, family: 4 | 6 = 4): string {
  const src = lab.vms.find((v) => v.name === from)!;
  const dst = lab.vms.find((v) => v.name === to);
  const target = targetAddress(lab, to, family)!;
  const v6 = target.includes(':');
  const parts = [
    `inport == "${src.port}"`,
    `eth.src == ${src.mac}`,
    `eth.dst == ${dst && dst.switch === src.switch ? dst.mac : gatewayMac(lab, src.switch)}`,
    v6 ? `ip6.src == ${src.ipv6?.ip ?? '::'}` : `ip4.src == ${src.ip}`,
    v6 ? `ip6.dst == ${target}` : `ip4.dst == ${target}`,
    'ip.ttl == 64',
  ];
  const [l4, port] = proto.split(':');
  if (l4 === 'icmp') parts.push(v6 ? 'icmp6.type == 128' : 'icmp4.type == 8');
  else parts.push(`${l4}.src == 40000`, `${l4}.dst == ${port}`);
  return parts.join(' && ');
}

export const traceProbe: CheckProbe<TraceCheck> = {
  kind: 'trace',
  async attempt(spec, ctx) {
    const lab = ctx.lab;
    const src = lab.vms.find((v) => v.name === spec.from)!;
    const flow = spec.microflow ?? microflow(lab, spec.from, spec.to, spec.proto, spec.family);
    const summary = await traceSummary(ctx.central(), logicalSwitchOf(lab, src.switch), flow);
    const outputs = traceOutputs(summary);
    const path = traceDatapaths(summary);
    const minimal = spec.minimal ? await traceMinimal(ctx.central(), logicalSwitchOf(lab, src.switch), flow) : [];
    const seen = [outputs.length ? `output to ${outputs.join(', ')}` : 'dropped (no output)', spec.through ? ` through ${path.join(' → ')}` : '', spec.minimal ? `; --minimal: ${minimal.join(' ')}` : ''].join('');
    const throughOk = !spec.through || spec.through.join(',') === path.join(',');
    const minimalOk = !spec.minimal || spec.minimal.join('\n') === minimal.join('\n');
    if (spec.expect === 'dropped') return { ok: outputs.length === 0 && throughOk && minimalOk, seen };
    const port = spec.port ?? lab.vms.find((v) => v.name === spec.to)!.port;
    return { ok: outputs.includes(port) && throughOk && minimalOk, seen };
  },
};
