import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';

const BASE = `name: t
chassis: { hv1: {}, hv2: {} }
switches:
  lan: { subnet: 10.60.0.0/24, dhcp: {} }
vms:
  web1: { chassis: hv1, switch: lan, ip: 10.60.0.11, servers: [{ http: 80 }, { udp: 53 }], port_security: true }
  web2: { chassis: hv2, switch: lan, ip: 10.60.0.12, port: web-two }
port_groups:
  web: { members: [web1, web-two] }
address_sets:
  admins: { addresses: [10.60.0.31, 10.70.0.0/24] }
acls:
  - { port_group: web, direction: to-lport, priority: 1002, match: "outport == @web && ip4.src == $admins && tcp.dst == 22", action: allow-related, log: { name: ssh, severity: info }, label: 7, after_lb: true }
  - { switch: lan, direction: from-lport, priority: 1000, match: "ip4.src == $web_ip4", action: drop }
nb_options: { default_acl_drop: true }
`;

const edit = editorOf(BASE);

describe('security groups in the file', () => {
  it('accepts port groups, address sets, ACLs, NB options, port security and servers', () => {
    expect(issues(BASE)).toEqual([]);
    const lab = parseTopology(BASE, 't.yaml');
    expect(lab.portGroups).toEqual([{ name: 'web', ports: ['lan-web1', 'web-two'] }]);
    expect(lab.vms[0]).toMatchObject({
      portSecurity: ['02:00:0a:3c:00:0b 10.60.0.11'],
      servers: [
        { kind: 'http', port: 80 },
        { kind: 'udp', port: 53 },
      ],
    });
    expect(lab.acls[0]!.at).toEqual({ file: 't.yaml', line: 13, column: 68 });
  });

  it.each([
    ['an unknown @group in a match', edit('outport == @web &&', 'outport == @webs &&'), '13:68 @webs is not a port group of this file (port groups: web)'],
    ['an unknown $set in a match', edit('ip4.src == $admins', 'ip4.src == $admin'), '13:68 $admin is not an address set of this file (address sets: admins, web_ip4, web_ip6; every port group g also has $g_ip4)'],
    ['a port group member that is no VM, host or port', edit('members: [web1, web-two]', 'members: [web1, web3]'), expect.stringMatching(/^9:26 unknown member 'web3': a VM, a host with an external_port, or a logical port of this lab/)],
    ['an ACL on both a switch and a port group', edit('  - { switch: lan,', '  - { port_group: web, switch: lan,'), '14:5 an ACL is on exactly one of: switch, port_group'],
    ['an ACL on an unknown switch', edit('  - { switch: lan,', '  - { switch: wan,'), "14:15 unknown switch 'wan' (switches in this file: lan)"],
    ['a port group name with a dash', edit('  web: { members', '  web-pg: { members'), expect.stringMatching(/^9:3 port_groups.web-pg: bad name: a name of letters, digits and "_"/)],
    ['an unknown action', edit('action: drop', 'action: deny'), expect.stringMatching(/^14:97 acls.1.action: expected one of allow, allow-related, allow-stateless, drop, reject, pass, not the text 'deny'/)],
    ['two servers on one port', edit('servers: [{ http: 80 }, { udp: 53 }]', 'servers: [{ http: 80 }, { tcp: 80 }]'), '6:78 another server of web1 already listens on tcp/80'],
    ['an address set entry that is no address', edit('10.70.0.0/24', '10.70.0.0/33'), "11:37 '10.70.0.0/33' is neither an IPv4 address nor a subnet (network address/prefix)"],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it('makes them in the NB transaction, after the ports they name', () => {
    const argv = logicalNetworkArgv(parseTopology(BASE, 't.yaml')).join(' ');
    expect(argv).toContain('-- lsp-set-port-security lan-web1 02:00:0a:3c:00:0b 10.60.0.11');
    expect(argv).toContain('-- create Address_Set name=admins addresses=["10.60.0.31","10.70.0.0/24"]');
    expect(argv).toContain('-- pg-add web lan-web1 web-two');
    expect(argv).toContain(
      '-- --id=@acl0 create ACL direction=to-lport priority=1002 match="outport == @web && ip4.src == $admins && tcp.dst == 22" action=allow-related log=true name="ssh" severity="info" label=7 options:apply-after-lb="true" -- add Port_Group web acls @acl0',
    );
    expect(argv).toContain('-- --id=@acl1 create ACL direction=from-lport priority=1000 match="ip4.src == $web_ip4" action=drop -- add Logical_Switch lan acls @acl1');
    expect(argv).toContain('-- set NB_Global . options:default_acl_drop="true"');
    expect(argv.indexOf('pg-add web')).toBeGreaterThan(argv.indexOf('lsp-add lan web-two'));
  });
});

describe('the acl_log check', () => {
  const withChecks = (...checks: string[]) => `${BASE}checks:\n${checks.map((c) => `  - ${c}\n`).join('')}`;
  const addsLoggedAcl = "{ name: add, kind: step, add_acl: { port_group: web, direction: to-lport, priority: 1003, match: 'outport == @web && tcp.dst == 80', action: allow-related, log: { name: http } } }";

  it('accepts the log name of an ACL of acls: and of one a step adds', () => {
    expect(issues(withChecks('{ name: a, kind: acl_log, chassis: hv1, acl: ssh }', addsLoggedAcl, '{ name: b, kind: acl_log, chassis: hv2, acl: http }'))).toEqual([]);
  });

  it('refuses a name no ACL logs with, at the acl field, naming those that do', () => {
    expect(issues(withChecks(addsLoggedAcl, '{ name: b, kind: acl_log, chassis: hv2, acl: htp }'))).toEqual([
      "18:50 check 'b': no ACL of this lab logs with name 'htp' (ACLs log as: ssh, http): give the ACL log: { name: htp }, in acls: or in the step that adds it",
    ]);
  });
});

describe('the acl_log check with a burst of pings', () => {
  const withChecks = (...checks: string[]) => `${BASE}checks:\n${checks.map((c) => `  - ${c}\n`).join('')}`;

  it('accepts a burst from a VM to a VM with lines to count', () => {
    expect(issues(withChecks('{ name: a, kind: acl_log, chassis: hv1, acl: ssh, while: { from: web2, ping: web1, packets: 10 }, lines: { min: 1, max: 10 } }'))).toEqual([]);
  });

  it.each([
    ['an unknown pinging node', '{ name: a, kind: acl_log, chassis: hv1, acl: ssh, while: { from: web9, ping: web1 }, lines: { max: 3 } }', /^17:\d+ check 'a': unknown node 'web9'/],
    ['lines with expect absent', '{ name: a, kind: acl_log, chassis: hv1, acl: ssh, lines: { max: 3 }, expect: absent }', /^17:\d+ check 'a': lines counts what is present: leave expect: absent out/],
    ['more lines than pings', '{ name: a, kind: acl_log, chassis: hv1, acl: ssh, while: { from: web2, ping: web1, packets: 5 }, lines: { min: 6 } }', /^17:\d+ check 'a': min 6 is more lines than the 5 pings can log$/],
  ])('refuses %s, at the field', (_what, check, expected) => {
    expect(issues(withChecks(check))).toEqual([expect.stringMatching(expected)]);
  });

  it("refuses a step's ACL whose log names a meter the lab does not define", () => {
    const step = "{ name: s, kind: step, add_acl: { switch: lan, direction: to-lport, priority: 1, match: 'icmp4', action: allow, log: { name: p, meter: nope } } }";
    expect(issues(withChecks(step))).toEqual([expect.stringMatching(/^17:\d+ check 's': unknown meter 'nope' \(meters in this lab: none\)$/)]);
  });
});
