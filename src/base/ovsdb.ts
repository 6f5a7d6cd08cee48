/** An ovsdb string literal: ovn-nbctl and ovs-vsctl read `key="value"` with C-style escapes. */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
