import type { Lab } from '../topology/model.js';

/** An ovsdb string literal: ovn-nbctl reads `key="value"` with C-style escapes. */
function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The whole NB configuration of a lab as one ovn-nbctl invocation, so it is applied in a
 * single transaction (what the notes did with a dozen separate commands).
 */
export function logicalNetworkArgv(lab: Lab): string[] {
  const argv = ['ovn-nbctl', '--timeout=30'];
  const cmd = (...words: string[]) => argv.push('--', ...words);
  for (const sw of lab.switches) {
    cmd('ls-add', sw.name);
    if (sw.dhcp) {
      const options = Object.entries(sw.dhcp.options).map(([k, v]) => `options:${k}=${quoted(v)}`);
      cmd(`--id=@dhcp_${sw.name.replace(/-/g, '_')}`, 'create', 'DHCP_Options', `cidr=${sw.subnet.text}`, ...options);
    }
  }
  for (const vm of lab.vms) {
    cmd('lsp-add', vm.switch, vm.port);
    cmd('lsp-set-addresses', vm.port, `${vm.mac} ${vm.ip}`);
    if (vm.dhcp) cmd('set', 'Logical_Switch_Port', vm.port, `dhcpv4_options=@dhcp_${vm.switch.replace(/-/g, '_')}`);
  }
  return argv.length > 2 ? argv : [];
}
