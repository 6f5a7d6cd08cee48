/** A lab file with `chassis` chassis and `vms` VMs on two DHCP switches (and VLAN children on a third). */
export function bigLab(chassis: number, vms: number): string {
  const lines = ['name: big', 'underlay: { subnet: 10.255.0.0/16 }', 'chassis:'];
  for (let c = 1; c <= chassis; c++) lines.push(`  hv${c}: {}`);
  lines.push('switches:', '  a: { subnet: 10.10.0.0/16, dhcp: {} }', '  b: { subnet: 10.20.0.0/16, dhcp: {} }', '  v: { subnet: 10.30.0.0/16, dhcp: {} }', 'vms:');
  for (let i = 1; i <= vms; i++) {
    const sw = i % 2 ? 'a' : 'b';
    const ip = `10.${sw === 'a' ? 10 : 20}.${Math.floor(i / 250)}.${(i % 250) + 2}`;
    const vlan = i % 50 === 0 ? `, vlans: { 7: { switch: v, ip: 10.30.${Math.floor(i / 250)}.${(i % 250) + 2} } }` : '';
    lines.push(`  vm${i}: { chassis: hv${(i % chassis) + 1}, switch: ${sw}, ip: ${ip}${vlan} }`);
  }
  return `${lines.join('\n')}\n`;
}
