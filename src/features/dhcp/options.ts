/**
 * ovn-northd pastes DHCP option values into the put_dhcp_opts action as written, so a value with
 * a comma or a quote (`"x", lease_time=1`) would add options of its own. One value only: a
 * number, an address or word, a "quoted string" with no quote inside, or a {list, of, words}.
 */
const WORD = /^[A-Za-z0-9_.:/-]+$/;
const QUOTED = /^"[^"\\\n]*"$/;
const LIST = /^\{\s*[A-Za-z0-9_.:/-]+(\s*,\s*[A-Za-z0-9_.:/-]+)*\s*\}$/;

/** Why an option value is refused, or undefined when it is one value. */
export function dhcpOptionProblem(value: string | number): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${value} is not a number OVN takes`;
  if (WORD.test(value) || QUOTED.test(value) || LIST.test(value)) return undefined;
  return `'${value}' is not one option value (OVN would read the rest as more options): write a number, an address, a word, a "quoted string" without quotes inside, or a {list, of, values}`;
}

/** The options the dhcp section has fields of its own for, checked there (in the subnet, in range). */
const OWN_FIELDS = ['server_id', 'server_mac', 'lease_time', 'router', 'mtu'];

/** Why an option may not be passed through `options` (it would override a checked field unchecked), or undefined. */
export function dhcpOptionKeyProblem(key: string): string | undefined {
  return OWN_FIELDS.includes(key) ? `${key} is a field of dhcp itself, checked there: write dhcp: { ${key}: … } rather than passing it through options` : undefined;
}
