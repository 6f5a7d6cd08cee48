import { describe, expect, it } from 'vitest';
import { labGraph } from '../../graph/model.js';
import { toMermaid } from '../../graph/render.js';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';
import { reverseName } from './resolve.js';

const BASE = `name: t
chassis: { hv1: {}, hv2: {} }
switches:
  lan: { subnet: 10.70.0.0/24, subnet6: fd00:70::/64, dhcp: { dns_server: 10.70.0.1 } }
  more: { subnet: 10.71.0.0/24, on: lan }
  other: { subnet: 10.72.0.0/24 }
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.70.0.11, ip6: fd00:70::11 }
  vm2: { chassis: hv2, switch: more, ip: 10.71.0.12 }
dns:
  lab:
    switches: [lan, more]
    records:
      vm1.Lab.example: vm1
      www.lab.example: [vm1, vm2, 192.0.2.80]
      v6.lab.example: fd00:70:0::99
    reverse: true
  outside:
    switches: [other]
    records: { vm1.lab.example: 10.72.0.5 }
    ovn_owned: true
`;

const edit = editorOf(BASE);

describe('native DNS in the file', () => {
  it('accepts record sets of VMs and addresses on switches, and resolves them to addresses with reverse records', () => {
    expect(issues(BASE)).toEqual([]);
    const lab = parseTopology(BASE, 't.yaml');
    expect(lab.dns).toEqual([
      {
        name: 'lab',
        switches: ['lan'],
        records: {
          'vm1.Lab.example': '10.70.0.11 fd00:70::11',
          'www.lab.example': '10.70.0.11 fd00:70::11 10.71.0.12 192.0.2.80',
          'v6.lab.example': 'fd00:70::99',
          '11.0.70.10.in-addr.arpa': 'vm1.Lab.example',
          [reverseName('fd00:70::11')]: 'vm1.Lab.example',
          '12.0.71.10.in-addr.arpa': 'www.lab.example',
          '80.2.0.192.in-addr.arpa': 'www.lab.example',
          [reverseName('fd00:70::99')]: 'v6.lab.example',
        },
        ovnOwned: false,
      },
      { name: 'outside', switches: ['other'], records: { 'vm1.lab.example': '10.72.0.5' }, ovnOwned: true },
    ]);
  });

  it('names an IPv6 address by its 32 nibbles under ip6.arpa', () => {
    expect(reverseName('fd00:70::11')).toBe('1.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.7.0.0.0.0.d.f.ip6.arpa');
    expect(reverseName('10.70.0.1')).toBe('1.0.70.10.in-addr.arpa');
  });

  it.each([
    ['an unknown switch', edit('switches: [lan, more]', 'switches: [lan, wan]'), "12:21 unknown switch 'wan' (switches in this file: lan, more, other)"],
    ['a switch twice', edit('switches: [other]', 'switches: [other, other]'), "19:23 switch 'other' is listed twice"],
    ['a bad name', edit('v6.lab.example:', 'v6_lab.example:'), expect.stringMatching(/^16:7 dns.lab.records.v6_lab.example: bad name: a DNS name like vm1.lab.example/)],
    ['a label ending in -', edit('v6.lab.example:', 'v6-.lab.example:'), expect.stringMatching(/^16:7 dns.lab.records.v6-.lab.example: bad name: a DNS name/)],
    ['a target that is neither a VM nor an address', edit('[vm1, vm2, 192.0.2.80]', '[vm1, vm3, 192.0.2.80]'), "15:30 'vm3' is neither a VM or host of this file (vm1, vm2) nor an IPv4 or IPv6 address"],
    [
      'an address no answer can be',
      edit('v6.lab.example: fd00:70:0::99', 'v6.lab.example: 224.0.0.5'),
      expect.stringMatching(/^16:23 224.0.0.5 is in .*multicast.*, which no DNS answer can be: give the address of a VM, a host or a server$/),
    ],
    ['a reverse name written by hand', edit('v6.lab.example:', '99.0.70.10.in-addr.arpa:'), '16:7 99.0.70.10.in-addr.arpa is a reverse name: write the forward name and its addresses, and reverse: true makes the PTR records'],
    [
      'a name in two sets on one switch, whatever its case',
      edit('switches: [other]', 'switches: [other, lan]'),
      "20:16 vm1.lab.example is also a name of record set 'lab' on switch 'lan': OVN would answer one of them at random; give each name once per switch",
    ],
    ['a set without switches', edit('switches: [other]', 'switches: []'), expect.stringMatching(/^19:15 dns.outside.switches: needs at least 1 entry/)],
    ['an unknown key', edit('ovn_owned: true', 'ovn_owned: true\n    ttl: 5'), expect.stringMatching(/^22:5 .*ttl/)],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it('makes each set a DNS row in the NB transaction, on the logical switches it serves, after their ports', () => {
    const argv = logicalNetworkArgv(parseTopology(BASE, 't.yaml')).join(' ');
    expect(argv).toContain(
      '-- --id=@dns_lab create DNS records:"vm1.Lab.example"="10.70.0.11 fd00:70::11" records:"www.lab.example"="10.70.0.11 fd00:70::11 10.71.0.12 192.0.2.80" records:"v6.lab.example"="fd00:70::99" records:"11.0.70.10.in-addr.arpa"="vm1.Lab.example"',
    );
    expect(argv).toContain('external_ids:lab-name="lab" -- add Logical_Switch lan dns_records @dns_lab');
    expect(argv).toContain('-- --id=@dns_outside create DNS records:"vm1.lab.example"="10.72.0.5" options:ovn-owned="true" external_ids:lab-name="outside" -- add Logical_Switch other dns_records @dns_outside');
    expect(argv.indexOf('create DNS')).toBeGreaterThan(argv.indexOf('lsp-add lan lan-vm2'));
  });
});

describe('lab graph', () => {
  it('draws each record set with its names, tied to the switches it serves', () => {
    const g = labGraph(parseTopology(BASE, 't.yaml'));
    expect(g.nodes.find((n) => n.id === 'portgroup_dns_lab')!.label).toEqual([
      'DNS lab',
      'vm1.Lab.example → 10.70.0.11 fd00:70::11',
      'www.lab.example → 10.70.0.11 fd00:70::11 10.71.0.12 192.0.2.80',
      'v6.lab.example → fd00:70::99',
      '5 reverse (PTR)',
    ]);
    expect(toMermaid(g)).toContain('portgroup_dns_outside -.-|dns_records| switch_other');
  });

  it('a lab without record sets has no dns field, and draws none', () => {
    const lab = parseTopology(BASE.slice(0, BASE.indexOf('dns:')), 't.yaml');
    expect('dns' in lab).toBe(false);
    expect(logicalNetworkArgv(lab).join(' ')).not.toContain('DNS');
  });
});

describe('the dns check', () => {
  const withChecks = (...checks: string[]) => `${BASE}checks:\n${checks.map((c) => `  - ${c}\n`).join('')}`;

  it('accepts questions of every type, to the DHCP dns_server or a server given', () => {
    const lab = parseTopology(
      withChecks(
        '{ name: a, kind: dns, from: vm1, query: www.lab.example, answer: [10.70.0.11, 10.71.0.12, 192.0.2.80] }',
        '{ name: b, kind: dns, from: vm2, query: vm1.lab.example, type: AAAA, server: "fd00:70::1", answer: ["fd00:70:0::11"] }',
        '{ name: c, kind: dns, from: vm1, query: 10.70.0.11, type: PTR, answer: [vm1.lab.example] }',
        '{ name: d, kind: dns, from: vm1, query: nowhere.lab.example, expect: none, edns: true }',
      ),
      't.yaml',
    );
    expect(lab.checks.map((c) => c.kind)).toEqual(['dns', 'dns', 'dns', 'dns']);
  });

  it.each([
    ['an unknown VM', '{ name: a, kind: dns, from: vm9, query: vm1.lab.example }', "23:33 check 'a': unknown VM 'vm9' (VMs in this lab: vm1, vm2)"],
    [
      'a VM whose switch hands out no DNS server, without server',
      '{ name: a, kind: dns, from: vm2, query: vm1.lab.example }',
      expect.stringMatching(/^23:33 check 'a': vm2's switch hands out no dns_server by DHCP: give the address to ask with server:$/),
    ],
    ['a PTR question for a name', '{ name: a, kind: dns, from: vm1, query: vm1.lab.example, type: PTR }', expect.stringMatching(/^23:45 check 'a': a PTR question asks for the name of an address: 'vm1.lab.example' is not/)],
    ['an answer of the other family', '{ name: a, kind: dns, from: vm1, query: vm1.lab.example, type: AAAA, answer: [10.70.0.11] }', expect.stringMatching(/^23:\d+ check 'a': an AAAA answer is an IPv6 address, not '10.70.0.11'$/)],
    ['an answer with expect none', '{ name: a, kind: dns, from: vm1, query: x.lab.example, answer: [10.70.0.11], expect: none }', expect.stringMatching(/^23:\d+ check 'a': answer goes with expect: answer/)],
  ])('refuses %s, at the field', (_what, check, expected) => {
    expect(issues(withChecks(check))).toEqual([expected]);
  });
});
