import type { LogicalSwitch } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';

/** The name of a provider switch's localnet port: as the file gives it, or <switch>-localnet. */
function localnetPortOf(sw: Pick<LogicalSwitch, 'name' | 'localnetPort'>): string {
  return sw.localnetPort ?? `${sw.name}-localnet`;
}

/** A provider switch's door to its network, with the switch: a localnet port, bridged by chassis that map the network. */
export function localnetPort(sw: LogicalSwitch, cmd: NbCommand): void {
  if (!sw.provider) return;
  const port = localnetPortOf(sw);
  cmd('lsp-add', sw.name, port);
  cmd('lsp-set-type', port, 'localnet');
  cmd('lsp-set-addresses', port, 'unknown');
  cmd('lsp-set-options', port, `network_name=${sw.provider}`);
}
