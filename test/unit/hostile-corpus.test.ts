import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/base/errors.js';
import { loadTopology } from '../../src/topology/load.js';

/**
 * A regression net of malformed and hostile topology files: each is loaded from a real file
 * through the loader `lab validate` and `lab up` use, and must be refused as a user error whose
 * every line says file:line:col, with the expected problem at the expected place; never an
 * internal error, and never a command run (the injected ones would make PWNED).
 */

const DIR = mkdtempSync(join(tmpdir(), 'lab-hostile-'));
const PWNED = join(DIR, 'pwned');
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** A valid lab; most entries edit one line of it (lines numbered as here). */
const BASE = `name: t
chassis:
  hv1: {}
  hv2: {}
switches:
  lan: { subnet: 10.0.0.0/24, dhcp: { router: 10.0.0.1 } }
routers:
  r1: { ports: [{ switch: lan, ip: 10.0.0.1 }] }
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.0.0.11 }
  vm2: { chassis: hv2, switch: lan, ip: 10.0.0.12 }
`;

/** BASE with one line (1-based) replaced. */
function line(n: number, text: string): string {
  const lines = BASE.split('\n');
  lines[n - 1] = text;
  return lines.join('\n');
}
const vm1 = (fields: string) => line(10, `  vm1: { chassis: hv1, switch: lan, ip: 10.0.0.11, ${fields} }`);

/** [what, file text, where and what the refusal says: "line:col message" (its start)]. */
const CORPUS: [string, string, string][] = [
  // Shell injection in names: every name ends up in namespaces, interfaces and command lines.
  ['a lab name with a shell command', line(1, `name: "x; touch ${PWNED}"`), '1:7 name: a lab name starts with a letter'],
  ['a lab name with $(...)', line(1, `name: "$(touch ${PWNED})"`), '1:7 name: a lab name starts with a letter'],
  ['a lab name with backticks', line(1, `name: "\`touch ${PWNED}\`"`), '1:7 name: a lab name starts with a letter'],
  ['a lab name with a newline', line(1, 'name: "a\\nb"'), '1:7 name: a lab name starts with a letter'],
  ['a lab name with a NUL', line(1, 'name: "a\\0b"'), '1:7 name: a lab name starts with a letter'],
  ['a lab name that is a path', line(1, 'name: ../../etc'), '1:7 name: a lab name starts with a letter'],
  ['a very long lab name', line(1, `name: ${'a'.repeat(5000)}`), '1:7 name: a lab name has at most 20 characters'],
  ['a lab name with a Cyrillic look-alike letter', line(1, 'name: l\u0430b'), '1:7 name: a lab name starts with a letter'],
  ['a chassis name with a shell command', line(3, `  "hv1; touch ${PWNED}": {}`), `3:3 chassis.hv1; touch ${PWNED}: bad name: a name starts with a letter`],
  ['a VM name with $(...)', line(10, `  "$(touch ${PWNED})": { chassis: hv1, switch: lan, ip: 10.0.0.11 }`), `10:3 vms.$(touch ${PWNED}): bad name: a name starts with a letter`],
  ['a VM name with backticks', line(10, '  "`id`": { chassis: hv1, switch: lan, ip: 10.0.0.11 }'), '10:3 vms.`id`: bad name: a name starts with a letter'],
  ['a switch name that is a path', line(6, '  "../lan": { subnet: 10.0.0.0/24 }'), '6:3 switches.../lan: bad name: a name starts with a letter'],
  ['a VM name over 15 characters (an interface name)', line(10, '  vm1abcdefghijklm: { chassis: hv1, switch: lan, ip: 10.0.0.11 }'), '10:3 vms.vm1abcdefghijklm: bad name: at most 15 characters (Linux interface names are derived from it)'],
  ['a VM name in fullwidth letters', line(10, '  \uff56\uff4d1: { chassis: hv1, switch: lan, ip: 10.0.0.11 }'), '10:3 vms.\uff56\uff4d1: bad name: a name starts with a letter'],
  ['a VM name iproute2 reads as a keyword', line(10, '  dev: { chassis: hv1, switch: lan, ip: 10.0.0.11 }'), "10:3 'dev' would be read by iproute2 as the keyword 'dev'"],
  ['a VM named like central', line(10, '  central: { chassis: hv1, switch: lan, ip: 10.0.0.11 }'), "10:3 the name 'central' is already used by the central node"],
  ['a port name with a semicolon', vm1(`port: "p; touch ${PWNED}"`), '10:58 vms.vm1.port: a port name of letters'],
  ['a bridge mapping with a shell command', `${BASE}networks: { ext: {} }\n`.replace('  hv1: {}', '  hv1: { bridge_mappings: { ext: "br-ex; reboot" } }'), '3:34 chassis.hv1.bridge_mappings.ext: an OVS bridge name'],
  ['a transport zone with &&', line(3, `  hv1: { transport_zones: ["az1 && touch ${PWNED}"] }`), '3:28 chassis.hv1.transport_zones.0: a transport zone name'],
  ['a link interface with a semicolon', `${BASE}namespaces: { ns: {} }\nlinks: [{ endpoints: ["vm1:eth1;reboot", ns:eth0] }]\n`, "13:23 'vm1:eth1;reboot' is not NODE:INTERFACE"],
  ['a link interface over 15 characters', `${BASE}namespaces: { ns: {} }\nlinks: [{ endpoints: [vm1:eth1abcdefghijklmn, ns:eth0] }]\n`, "13:23 'vm1:eth1abcdefghijklmn' is not NODE:INTERFACE"],
  ['a DHCP option that adds options', line(6, `  lan: { subnet: 10.0.0.0/24, dhcp: { router: 10.0.0.1, options: { domain_name: '"x", router=6.6.6.6' } } }`), '6:81 \'"x", router=6.6.6.6\' is not one option value'],
  ['a router option with a quote', line(8, "  r1: { ports: [{ switch: lan, ip: 10.0.0.1 }], options: { dnat_force_snat_ip: '1\" -- destroy' } }"), '8:80 routers.r1.options.dnat_force_snat_ip: a value without quotes'],
  ['an NB option with a backslash', `${BASE}nb_options: { x: "a\\\\b" }\n`, '12:18 nb_options.x: a value without quotes or backslashes'],
  ['an engine address with a shell command', `${BASE}runtime: docker\nengines: { a: "tcp://1.2.3.4:2375; touch ${PWNED}" }\n`, '13:15 engines.a: a Docker engine address'],
  ['an engine address with $(...)', `${BASE}runtime: docker\nengines: { a: "ssh://$(touch ${PWNED})" }\n`, '13:15 engines.a: a Docker engine address'],
  ['a setup command in a node that does not exist', `${BASE}setup: [{ node: "$(touch ${PWNED})", command: id }]\n`, "12:17 unknown node '$(touch"],
  ['an exec check in a node that does not exist', `${BASE}checks: [{ name: x, kind: exec, node: "hv1; reboot", command: id }]\n`, "12:39 check 'x': unknown node 'hv1; reboot'"],
  ['a log check reading a file by path', `${BASE}checks: [{ name: x, kind: log, node: hv1, file: ../../../etc/shadow.log, match: x }]\n`, '12:49 checks.0.file: a log file name'],
  ['a capture on an interface with a shell command', `${BASE}checks: [{ name: x, kind: capture, on: vm1, interface: "eth0;id", while: { from: vm2, ping: vm1 } }]\n`, '12:56 checks.0.interface: an interface name'],
  ['a check name with a terminal escape', `${BASE}checks: [{ name: "ok\\u001b[2K", kind: ping, from: vm1, to: vm2 }]\n`, '12:18 checks.0.name: a check name of printable characters'],
  ['a check name with a newline', `${BASE}checks: [{ name: "ok\\nFAILED", kind: ping, from: vm1, to: vm2 }]\n`, '12:18 checks.0.name: a check name of printable characters'],

  // Numbers: huge, negative, fractional, of the wrong type.
  ['an MTU of 1e309 (infinity)', vm1('mtu: 1e309'), '10:57 vms.vm1.mtu: expected a number, not the number Infinity'],
  ['a negative lease time', line(6, '  lan: { subnet: 10.0.0.0/24, dhcp: { router: 10.0.0.1, lease_time: -1 } }'), '6:69 switches.lan.dhcp.lease_time: -1 is too small: more than 0'],
  ['a lease time over 32 bits', line(6, '  lan: { subnet: 10.0.0.0/24, dhcp: { router: 10.0.0.1, lease_time: 9007199254740993 } }'), '6:69 switches.lan.dhcp.lease_time: 9007199254740992 is too big: at most 4294967295'],
  ['a fractional server port', vm1('servers: [{ tcp: 80.5 }]'), '10:69 vms.vm1.servers.0.tcp: expected a whole number, not the number 80.5'],
  ['a server without its kind', vm1('servers: [{ port: 80 }]'), '10:62 vms.vm1.servers.0: expected a server the node runs: { tcp: PORT }, { udp: PORT } or { http: PORT }, not a section of keys'],
  ['a server port 0', vm1('servers: [{ http: 0 }]'), '10:70 vms.vm1.servers.0.http: 0 is too small: at least 1'],
  ['an MTU written as text', vm1('mtu: "1400"'), "10:57 vms.vm1.mtu: expected a number, not the text '1400'"],
  ['chassis as a list', line(2, 'chassis: [hv1, hv2]').replace('  hv1: {}\n  hv2: {}\n', ''), '2:10 chassis: expected record, not a list'],
  ['VMs as a string', `${BASE.split('vms:')[0]}vms: "vm1"\n`, "9:6 vms: expected record, not the text 'vm1'"],
  ['an unknown release', `${BASE}release: buster\n`, '12:10 release: expected bookworm, trixie, sid, or an image built from source (src-…, as lab images build --ovn-src names it)'],
  ['an even cluster', `${BASE}central: { cluster: 4 }\n`, '12:21 central.cluster: a Raft cluster has an odd number of members'],
  ['a VLAN tag 4095', vm1('vlans: { "4095": { switch: lan, ip: 10.0.0.40 } }'), '10:61 VLAN tag 4095 is outside 1-4094'],
  ['a huge count in a check', `${BASE}checks: [{ name: x, kind: ping, from: vm1, to: vm2, count: 1e400 }]\n`, '12:60 checks.0.count: expected a number, not the number Infinity'],

  // YAML itself: duplicate and unknown keys, tags that would build objects, aliases, several documents.
  ['a duplicate key', `${BASE}  vm1: { chassis: hv2, switch: lan, ip: 10.0.0.13 }\n`, '12:3 YAML: Map keys must be unique'],
  ['an unknown key', vm1('chasis: hv2'), "10:52 unknown key 'chasis' in vms.vm1"],
  ['an unknown top-level key', `${BASE}routerz: {}\n`, "12:1 unknown key 'routerz' in the top level"],
  ['a !!js/function tag', `${BASE}x: !!js/function "function () { require('child_process').execSync('touch ${PWNED}') }"\n`, '12:4 YAML: Unresolved tag: tag:yaml.org,2002:js/function'],
  ['a !!python/object/apply tag', `${BASE}x: !!python/object/apply:os.system ["touch ${PWNED}"]\n`, '12:4 YAML: Unresolved tag: tag:yaml.org,2002:python/object/apply:os.system'],
  ['a merge key', `x-base: &b { chassis: hv1 }\n${BASE}`.replace('  vm1: { chassis: hv1,', '  vm1: { <<: *b,'), "11:10 unknown key '<<' in vms.vm1"],
  ['an alias before its anchor', `${BASE}x: &b { chassis: hv1 }\n`.replace('  vm1: { chassis: hv1,', '  vm1: { chassis: *b,'), '10:19 YAML: alias *b has no anchor &b before it'],
  [
    'an alias bomb',
    `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n${BASE}`,
    '2:8 YAML: aliases here expand to too much data',
  ],
  ['two YAML documents', `${BASE}---\nname: other\n`, '12:1 YAML: Source contains multiple documents'],
  ['a tab as indentation', BASE.replace('  hv1: {}', '\thv1: {}'), '3:1 YAML:'],

  // Addresses and MACs a port cannot have, or that another already has.
  ['a multicast MAC', vm1('mac: "01:00:5e:00:00:01"'), '10:57 vms.vm1.mac: 01:00:5e:00:00:01 is a multicast MAC'],
  ['a zero MAC', vm1('mac: "00:00:00:00:00:00"'), '10:57 vms.vm1.mac: 00:00:00:00:00:00 is not a MAC a port can have'],
  ['the broadcast MAC', vm1('mac: "ff:ff:ff:ff:ff:ff"'), '10:57 vms.vm1.mac: ff:ff:ff:ff:ff:ff is a multicast MAC'],
  ['a MAC taken twice', vm1('mac: "02:00:00:00:00:01"').replace('ip: 10.0.0.12 }', 'ip: 10.0.0.12, mac: "02:00:00:00:00:01" }'), '11:57 MAC 02:00:00:00:00:01 is already used by vms.vm1.mac'],
  ['an address outside its subnet', line(10, '  vm1: { chassis: hv1, switch: lan, ip: 10.9.0.11 }'), "10:41 10.9.0.11 is outside the subnet 10.0.0.0/24 of switch 'lan'"],
  ['an address taken twice', line(11, '  vm2: { chassis: hv2, switch: lan, ip: 10.0.0.11 }'), '11:41 10.0.0.11 is already used by vms.vm1.ip'],
  ["a VM on the router's address", line(10, '  vm1: { chassis: hv1, switch: lan, ip: 10.0.0.1 }'), "10:41 10.0.0.1 is already used by the DHCP server of switch 'lan'"],
  ['the network address', line(10, '  vm1: { chassis: hv1, switch: lan, ip: 10.0.0.0 }'), '10:41 10.0.0.0 is the network or broadcast address of 10.0.0.0/24'],
  ['the broadcast address', line(10, '  vm1: { chassis: hv1, switch: lan, ip: 10.0.0.255 }'), '10:41 10.0.0.255 is the network or broadcast address of 10.0.0.0/24'],
  ['an octet over 255', line(10, '  vm1: { chassis: hv1, switch: lan, ip: 10.0.0.256 }'), "10:41 '10.0.0.256' is not an IPv4 address"],
  ['an octal-looking address', line(10, '  vm1: { chassis: hv1, switch: lan, ip: 10.0.0.011 }'), '10:41 vms.vm1.ip: 10.0.0.011 has a number with a leading zero'],
  ['the whole IPv4 space as a subnet', line(6, '  lan: { subnet: 0.0.0.0/0 }'), "6:18 0.0.0.0/0 overlaps 'this network' (0.0.0.0/8)"],
  ['the whole IPv6 space as a subnet6', line(6, '  lan: { subnet: 10.0.0.0/24, subnet6: "::/0", dhcp: { router: 10.0.0.1 } }'), '6:40 ::/0 overlaps the unspecified address (::/128)'],
  ['a link-local subnet6', line(6, '  lan: { subnet: 10.0.0.0/24, subnet6: "fe80::/64", dhcp: { router: 10.0.0.1 } }'), '6:40 fe80::/64 overlaps link-local (fe80::/10)'],
  ['an IPv6 address with a zone', line(6, '  lan: { subnet: 10.0.0.0/24, subnet6: fd00::/64 }').replace('ip: 10.0.0.11 }', 'ip: 10.0.0.11, ip6: "fd00::5%eth0" }'), "10:57 vms.vm1.ip6: 'fd00::5%eth0' is not an IPv6 address"],
  ["a VIP on a VM's address", `${BASE}load_balancers: { lb: { vips: { "10.0.0.11:80": [vm2] }, switches: [lan] } }\n`, '12:33 10.0.0.11 is already the address of vms.vm1.ip'],
  ['a backend port 0', `${BASE}load_balancers: { lb: { vips: { "10.0.0.100:80": ["vm2:0"] }, switches: [lan] } }\n`, "12:51 port 0 of backend 'vm2:0' is outside 1-65535"],
  ['a route into loopback', line(8, '  r1: { ports: [{ switch: lan, ip: 10.0.0.1 }], routes: [{ prefix: 127.0.0.0/8, nexthop: 10.0.0.12 }] }'), '8:68 a route to 127.0.0.0/8 goes into loopback'],
];

/** The refusal of a file, as its lines ("file:line:col: message"); a file that loads is a failure, and so is any error that is not the user's. */
async function refusal(text: string, i: number): Promise<string[]> {
  const file = join(DIR, `hostile-${i}.yaml`);
  writeFileSync(file, text);
  try {
    await loadTopology(file);
  } catch (e) {
    if (!(e instanceof UserError)) throw new Error(`internal error, not a refusal: ${(e as Error).stack}`);
    return e.message.split('\n');
  }
  throw new Error('the file was accepted');
}

describe('a corpus of hostile and malformed files: each refused at file:line:col, none run', () => {
  it('has at least 40 entries, and the base file is valid', async () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    writeFileSync(join(DIR, 'base.yaml'), BASE);
    await expect(loadTopology(join(DIR, 'base.yaml'))).resolves.toMatchObject({ name: 't' });
  });

  it.each(CORPUS.map(([what, text, expected], i) => [what, text, expected, i] as const))('%s', async (_what, text, expected, i) => {
    const lines = await refusal(text, i);
    const file = join(DIR, `hostile-${i}.yaml`);
    for (const l of lines) expect(l).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: \\S`));
    const [where, ...message] = expected.split(' ');
    expect(lines.map((l) => l.slice(file.length + 1))).toContainEqual(expect.stringMatching(`^${where}: ${message.join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(existsSync(PWNED)).toBe(false);
  });
});
