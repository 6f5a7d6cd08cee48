import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { portProblem } from '../net.js';
import { checkFields, familyField, fromToProblems } from './fields.js';

const schema = z.strictObject({
  ...checkFields('trace'),
  from: z.string().describe('VM whose port the packet enters'),
  to: z.string().describe('a VM name or an IPv4 or IPv6 address'),
  family: familyField,
  proto: z
    .string()
    .regex(/^(icmp|(udp|tcp):\d{1,5})$/, 'icmp, udp:PORT or tcp:PORT')
    .default('icmp'),
  microflow: z.string().optional().describe('raw ovn-trace microflow, used instead of the one built from from/to/proto'),
  expect: z.enum(['delivered', 'dropped']).default('delivered'),
  port: z.string().optional().describe("logical port it must be delivered to (default: the 'to' VM's port)"),
  through: z.array(z.string()).min(1).optional().describe('logical switches and routers the packet must pass, in order'),
  minimal: z.array(z.string().min(1)).min(1).optional().describe("the actions `ovn-trace --minimal` prints for the packet, exactly and in order (e.g. 'ip.ttl--;', 'output(\"sw1-port1\");')"),
});
export type TraceCheck = z.infer<typeof schema>;

export const traceSpec: CheckSpecKind<TraceCheck> = {
  kind: 'trace',
  summary: 'ovn-trace of a packet from a VM: delivered to a port, or dropped',
  schema,
  validate(spec, lab) {
    const problems = fromToProblems(lab, spec, { vmOnly: true, toOptional: !!spec.microflow });
    const port = spec.proto.includes(':') ? portProblem(spec.proto.split(':')[1]!) : undefined;
    if (port) problems.push({ field: 'proto', message: port });
    if (spec.expect === 'delivered' && !spec.port && !lab.vms.some((v) => v.name === spec.to)) {
      problems.push({ field: 'port', message: `say which logical port the packet must reach: '${spec.to}' is not a VM` });
    }
    const from = lab.vms.find((v) => v.name === spec.from);
    const v6 = spec.family === 6 || spec.to.includes(':');
    if (from && !spec.microflow && (v6 ? !from.ipv6 : from.ip === undefined)) {
      problems.push({ field: 'from', message: `'${spec.from}' has no ${v6 ? 'IPv6' : 'IPv4'} address to send the packet from` });
    }
    return problems;
  },
  negative: () => false,
  expected(spec, lab) {
    const port = spec.port ?? lab.vms.find((v) => v.name === spec.to)?.port;
    const via = spec.through ? ` through ${spec.through.join(' → ')}` : '';
    const minimal = spec.minimal ? `; --minimal: ${spec.minimal.join(' ')}` : '';
    return (spec.expect === 'delivered' ? `delivered to ${port}${via}` : `dropped${via}`) + minimal;
  },
};
