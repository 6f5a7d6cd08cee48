import { clip, count } from '../../base/text.js';
import { canonical6 } from '../../topology/net6.js';
import { type CaptureCheck } from '../../topology/checks/capture.js';
import { captureWhile, type CapturedPacket } from '../../vm/capture.js';
import { traffic } from './traffic.js';
import type { CheckProbe } from '../check.js';

/** Seconds a capture listens at the most. */
const LISTEN = 3;

export const captureProbe: CheckProbe<CaptureCheck> = {
  kind: 'capture',
  async attempt(spec, ctx) {
    const action = () => traffic(spec.while, ctx);
    const packets = await captureWhile(ctx.node(spec.on), { iface: spec.interface, filter: spec.filter, count: spec.count, seconds: LISTEN, verbose: spec.dscp !== undefined }, action);
    const same = (a: string, b: string | undefined) => !b || canonical6(a) === canonical6(b);
    // DSCP is the TOS byte's top six bits (the last two are ECN).
    const marked = (p: CapturedPacket) => spec.dscp === undefined || (p.tos !== undefined && p.tos >> 2 === spec.dscp);
    const fitting = packets.filter((p) => same(p.src, spec.src) && same(p.dst, spec.dst) && marked(p));
    const as = spec.dscp === undefined ? 'from/to as expected' : `with DSCP ${spec.dscp} and from/to as expected`;
    const first = packets[0] ? `${packets[0].tos !== undefined ? `DSCP ${packets[0].tos >> 2}: ` : ''}${clip(packets[0].line, 150)}` : '';
    const seen = packets.length ? `${count(packets.length, 'packet')}, ${fitting.length} ${as} (first: ${first})` : `no '${spec.filter}' packet on ${spec.on}:${spec.interface}`;
    if (spec.expect === 'absent') return { ok: packets.length === 0, seen };
    return { ok: packets.length >= spec.count && fitting.length === packets.length, seen };
  },
};
