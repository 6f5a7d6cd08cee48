import { z } from 'zod';
import type { Lab } from '../../topology/model.js';
import type { CheckKind } from '../check.js';
import { checkFields, targetAddress, unknownName } from '../fields.js';

const schema = z.strictObject({
  ...checkFields('trace'),
  from: z.string().describe('VM whose port the packet enters'),
  to: z.string().describe('a VM name or an IPv4 address'),
  proto: z.string().regex(/^(icmp|(udp|tcp):\d{1,5})$/, 'icmp, udp:PORT or tcp:PORT').default('icmp'),
  microflow: z.string().optional().describe('raw ovn-trace microflow, used instead of the one built from from/to/proto'),
  expect: z.enum(['delivered', 'dropped']).default('delivered'),
  port: z.string().optional().describe("logical port it must be delivered to (default: the 'to' VM's port)"),
});
type TraceCheck = z.infer<typeof schema>;

/** The microflow of a packet from one VM to a VM or address, as ovn-trace reads it. */
export function microflow(lab: Lab, from: string, to: string, proto: string): string {
  const src = lab.vms.find((v) => v.name === from)!;
  const dst = lab.vms.find((v) => v.name === to);
  const parts = [
    `inport == "${src.port}"`,
    `eth.src == ${src.mac}`,
    `eth.dst == ${dst && dst.switch === src.switch ? dst.mac : lab.switches.find((s) => s.name === src.switch)?.dhcp?.options.server_mac ?? 'ff:ff:ff:ff:ff:ff'}`,
    `ip4.src == ${src.ip}`,
    `ip4.dst == ${targetAddress(lab, to)}`,
    'ip.ttl == 64',
  ];
  const [l4, port] = proto.split(':');
  if (l4 === 'icmp') parts.push('icmp4.type == 8');
  else parts.push(`${l4}.src == 40000`, `${l4}.dst == ${port}`);
  return parts.join(' && ');
}

/** The ports a minimal trace outputs to; none means dropped. */
export function traceOutputs(minimal: string): string[] {
  return [...minimal.matchAll(/output\("([^"]+)"\)/g)].map((m) => m[1]!);
}

export const traceCheck: CheckKind<TraceCheck> = {
  kind: 'trace',
  summary: 'ovn-trace of a packet from a VM: delivered to a port, or dropped',
  schema,
  validate(spec, lab) {
    const problems = [];
    const from = unknownName('VM', spec.from, lab.vms.map((v) => v.name));
    if (from) problems.push({ field: 'from', message: from });
    if (!spec.microflow && !targetAddress(lab, spec.to)) problems.push({ field: 'to', message: `'${spec.to}' is neither a VM of this lab nor an IPv4 address` });
    if (spec.expect === 'delivered' && !spec.port && !lab.vms.some((v) => v.name === spec.to)) {
      problems.push({ field: 'port', message: `say which logical port the packet must reach: '${spec.to}' is not a VM` });
    }
    return problems;
  },
  negative: () => false,
  expected(spec, lab) {
    const port = spec.port ?? lab.vms.find((v) => v.name === spec.to)?.port;
    return spec.expect === 'delivered' ? `delivered to ${port}` : 'dropped';
  },
  async attempt(spec, ctx) {
    const lab = ctx.lab;
    const src = lab.vms.find((v) => v.name === spec.from)!;
    const flow = spec.microflow ?? microflow(lab, spec.from, spec.to, spec.proto);
    const out = await ctx.central().run(['ovn-trace', '--minimal', src.switch, flow]);
    const outputs = traceOutputs(out.stdout);
    const seen = outputs.length ? `output to ${outputs.join(', ')}` : 'dropped (no output)';
    if (spec.expect === 'dropped') return { ok: outputs.length === 0, seen };
    const port = spec.port ?? lab.vms.find((v) => v.name === spec.to)!.port;
    return { ok: outputs.includes(port), seen };
  },
};
