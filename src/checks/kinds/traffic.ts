import { CAPTURE_PINGS, type TrafficWhile } from '../../topology/checks/capture.js';
import { targetAddress } from '../../topology/checks/fields.js';
import { CONNECT, python } from '../../vm/programs.js';
import type { LabContext } from '../../ovn/lab-context.js';

/** Makes the traffic of a check's `while:` (a ping, or one connection) and waits for it to end; its failure is not the check's. */
export async function traffic(w: TrafficWhile, ctx: LabContext): Promise<void> {
  const sender = ctx.node(w.from);
  const target = targetAddress(ctx.lab, w.ping ?? w.connect?.to ?? '', w.family) ?? '';
  if (w.ping !== undefined) await sender.run(['ping', '-n', '-c', String(CAPTURE_PINGS), '-i', '0.2', '-W', '1', target], { nothrow: true });
  else if (w.connect) await sender.run(python(CONNECT, w.connect.proto, target, w.connect.port, 1), { nothrow: true });
}
