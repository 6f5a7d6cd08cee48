import { logicalSwitchOf, type Lab } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';

/** Each localport's one port, right after the switches: type localport, its address. */
export function localportUnits(lab: Lab, unit: () => NbCommand): void {
  for (const lp of lab.localports) {
    const cmd = unit();
    cmd('lsp-add', logicalSwitchOf(lab, lp.switch), lp.port);
    cmd('lsp-set-type', lp.port, 'localport');
    cmd('lsp-set-addresses', lp.port, `${lp.mac} ${lp.ip}`);
  }
}
