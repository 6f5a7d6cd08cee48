import { inCidr, parseCidr, parseIpv4 } from './net.js';
import type { RawCore } from './schema-core.js';

/** The provider switch on a host's network whose subnet holds its address. */
export function hostSwitch(t: RawCore, network: string, ip: string): string | undefined {
  const n = parseIpv4(ip);
  for (const [name, sw] of Object.entries(t.switches)) {
    const subnet = parseCidr(sw.subnet ?? '');
    if (sw.provider === network && subnet && n !== undefined && inCidr(n, subnet)) return name;
  }
  return undefined;
}
