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
  // A VM may use DHCP from a dnsmasq service: only switches with a dhcp section have DHCP_Options.
  const ovnDhcp = new Set(lab.switches.filter((s) => s.dhcp).map((s) => s.name));
  const cmd = (...words: string[]) => argv.push('--', ...words);
  for (const sw of lab.switches) {
    cmd('ls-add', sw.name);
    if (sw.provider) {
      // The switch's door to a provider network: a localnet port, bridged by chassis that map the network.
      const port = `${sw.name}-localnet`;
      cmd('lsp-add', sw.name, port);
      cmd('lsp-set-type', port, 'localnet');
      cmd('lsp-set-addresses', port, 'unknown');
      cmd('lsp-set-options', port, `network_name=${sw.provider}`);
    }
    if (sw.dhcp) {
      const options = Object.entries(sw.dhcp.options).map(([k, v]) => `options:${k}=${quoted(v)}`);
      cmd(`--id=@dhcp_${sw.name.replace(/-/g, '_')}`, 'create', 'DHCP_Options', `cidr=${sw.subnet.text}`, ...options);
    }
  }
  for (const lp of lab.localports) {
    cmd('lsp-add', lp.switch, lp.port);
    cmd('lsp-set-type', lp.port, 'localport');
    cmd('lsp-set-addresses', lp.port, `${lp.mac} ${lp.ip}`);
  }
  for (const vm of lab.vms) {
    if (vm.localport) continue; // its instances share the localport's one port
    cmd('lsp-add', vm.switch, vm.port);
    cmd('lsp-set-addresses', vm.port, `${vm.mac} ${vm.ip}`);
    if (vm.dhcp && ovnDhcp.has(vm.switch)) cmd('set', 'Logical_Switch_Port', vm.port, `dhcpv4_options=@dhcp_${vm.switch.replace(/-/g, '_')}`);
    for (const v of vm.vlans) {
      // A child port: tagged traffic on the parent's OVS port belongs to this logical port.
      cmd('lsp-add', v.switch, v.port, vm.port, String(v.tag));
      cmd('lsp-set-addresses', v.port, `${v.mac} ${v.ip}`);
      if (v.dhcp && ovnDhcp.has(v.switch)) cmd('set', 'Logical_Switch_Port', v.port, `dhcpv4_options=@dhcp_${v.switch.replace(/-/g, '_')}`);
    }
  }
  for (const h of lab.hosts) {
    const ep = h.externalPort;
    if (!ep) continue;
    // An external port: OVN answers this host (DHCP) from the highest-priority chassis of its HA group.
    const group = `@hcg_${h.name.replace(/-/g, '_')}`;
    const members = ep.haChassis.map((c, i) => {
      const id = `${group}_${i}`;
      cmd(`--id=${id}`, 'create', 'HA_Chassis', `chassis_name=${c}`, `priority=${(ep.haChassis.length - i) * 10}`);
      return id;
    });
    cmd(`--id=${group}`, 'create', 'HA_Chassis_Group', `name=${h.name}`, `ha_chassis=[${members.join(',')}]`);
    cmd('lsp-add', ep.switch, ep.port);
    cmd('lsp-set-type', ep.port, 'external');
    cmd('lsp-set-addresses', ep.port, `${h.mac} ${h.ip}`);
    cmd('set', 'Logical_Switch_Port', ep.port, `ha_chassis_group=${group}`);
    if (h.dhcp && ovnDhcp.has(ep.switch)) cmd('set', 'Logical_Switch_Port', ep.port, `dhcpv4_options=@dhcp_${ep.switch.replace(/-/g, '_')}`);
  }
  for (const r of lab.routers) {
    cmd('lr-add', r.name);
    for (const p of r.ports) {
      cmd('lrp-add', r.name, p.name, p.mac, `${p.ip}/${p.prefix}`);
      cmd('lsp-add', p.switch, p.switchPort);
      cmd('lsp-set-type', p.switchPort, 'router');
      cmd('lsp-set-addresses', p.switchPort, 'router');
      cmd('lsp-set-options', p.switchPort, `router-port=${p.name}`);
      // Highest priority first: the first chassis listed is the active gateway.
      (p.gatewayChassis ?? []).forEach((c, i, all) => cmd('lrp-set-gateway-chassis', p.name, c, String((all.length - i) * 10)));
    }
    for (const route of r.routes) cmd('lr-route-add', r.name, route.prefix, route.nexthop);
    for (const n of r.nat) {
      cmd('lr-nat-add', r.name, n.type, n.externalIp, n.logicalIp, ...(n.logicalPort && n.externalMac ? [n.logicalPort, n.externalMac] : []));
    }
  }
  return argv.length > 2 ? argv : [];
}
