import { describe, expect, it } from 'vitest';
import { labGraph } from '../../graph/model.js';
import { toMermaid } from '../../graph/render.js';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';

const BASE = `name: t
chassis: { hv1: {}, hv2: {}, hv3: {} }
switches:
  lan: { subnet: 10.81.0.0/24 }
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.81.0.11 }
  vm2: { chassis: hv2, switch: lan, ip: 10.81.0.12 }
mirrors:
  tap-out: { type: gre, index: 7, filter: from-lport, sink: hv3, vms: [vm1, vm2] }
  tap-in: { type: erspan, index: 8, filter: to-lport, sink: central, vms: [vm1] }
`;

const edit = editorOf(BASE);

describe('mirrors in the file', () => {
  it("resolves each mirror's sink to its underlay address and each VM to its port", () => {
    expect(issues(BASE)).toEqual([]);
    expect(parseTopology(BASE, 't.yaml').mirrors).toEqual([
      {
        name: 'tap-out',
        type: 'gre',
        index: 7,
        filter: 'from-lport',
        sink: 'hv3',
        sinkIp: '192.168.100.4',
        ports: [
          { vm: 'vm1', port: 'lan-vm1' },
          { vm: 'vm2', port: 'lan-vm2' },
        ],
      },
      { name: 'tap-in', type: 'erspan', index: 8, filter: 'to-lport', sink: 'central', sinkIp: '192.168.100.1', ports: [{ vm: 'vm1', port: 'lan-vm1' }] },
    ]);
  });

  it.each([
    ['an unknown VM', edit('vms: [vm1, vm2]', 'vms: [vm1, vm3]'), "9:77 unknown VM 'vm3' (VMs in this file: vm1, vm2)"],
    ['a VM twice', edit('vms: [vm1, vm2]', 'vms: [vm1, vm1]'), "9:77 VM 'vm1' is listed twice"],
    ['a sink that is no node', edit('sink: hv3', 'sink: hv9'), "9:61 unknown node 'hv9': the sink is a chassis or the central (central, hv1, hv2, hv3), whose underlay address receives the copies"],
    ['a VM as the sink', edit('sink: hv3', 'sink: vm2'), "9:61 'vm2' is a VM, not on the underlay: the sink is a chassis or the central (central, hv1, hv2, hv3), whose underlay address receives the copies"],
    ['an ERSPAN session ID beyond 10 bits', edit('index: 8', 'index: 1024'), "10:34 an ERSPAN mirror's index is its session ID, 10 bits: give 0 to 1023, not 1024"],
    [
      'the local type',
      edit('type: erspan', 'type: local'),
      "10:19 type local sends copies to a port of the VM's own chassis (external-ids:mirror-id): OVN 23.03 has no such type (25.03 and 26.03 have), and lab makes no local collector; use gre or erspan to a collector on the underlay",
    ],
    [
      'two tunnels OVS cannot tell apart',
      edit('type: erspan, index: 8, filter: to-lport, sink: central', 'type: gre, index: 7, filter: to-lport, sink: hv3'),
      "10:31 mirror 'tap-out' is also gre to hv3 with index 7: OVS cannot tell two such tunnels apart; give another index",
    ],
    ['an unknown filter', edit('filter: to-lport', 'filter: to'), expect.stringMatching(/^10:45 mirrors.tap-in.filter: expected one of from-lport, to-lport, both/)],
    ['a mirror without VMs', edit('vms: [vm1]', 'vms: []'), expect.stringMatching(/^10:75 mirrors.tap-in.vms: needs at least 1 entry/)],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it('adds each mirror and attaches its ports in one unit, after the ports', () => {
    const argv = logicalNetworkArgv(parseTopology(BASE, 't.yaml')).join(' ');
    expect(argv).toContain('-- mirror-add tap-out gre 7 from-lport 192.168.100.4 -- lsp-attach-mirror lan-vm1 tap-out -- lsp-attach-mirror lan-vm2 tap-out');
    expect(argv).toContain('-- mirror-add tap-in erspan 8 to-lport 192.168.100.1 -- lsp-attach-mirror lan-vm1 tap-in');
    expect(argv.indexOf('mirror-add')).toBeGreaterThan(argv.indexOf('lsp-add lan lan-vm2'));
  });

  it('a lab without mirrors has no mirrors field and no mirror command', () => {
    const lab = parseTopology(BASE.slice(0, BASE.indexOf('mirrors:')), 't.yaml');
    expect('mirrors' in lab).toBe(false);
    expect(logicalNetworkArgv(lab).join(' ')).not.toContain('mirror');
  });
});

describe('lab graph', () => {
  it('draws a tunnel line from each mirrored VM to its collector', () => {
    const mermaid = toMermaid(labGraph(parseTopology(BASE, 't.yaml')));
    expect(mermaid).toContain('vm_vm2 ===|mirror tap-out: from-lport, gre key 7| chassis_hv3');
    expect(mermaid).toContain('vm_vm1 ===|mirror tap-in: to-lport, erspan session 8| central_central');
  });
});

describe('the mirror check', () => {
  const withChecks = (...checks: string[]) => `${BASE}checks:\n${checks.map((c) => `  - ${c}\n`).join('')}`;

  it('accepts requests and replies, present and absent', () => {
    const lab = parseTopology(
      withChecks('{ name: a, kind: mirror, mirror: tap-out, while: { from: vm1, ping: vm2 } }', '{ name: b, kind: mirror, mirror: tap-in, while: { from: vm1, ping: 10.81.0.12 }, packets: reply, count: 1, expect: absent }'),
      't.yaml',
    );
    expect(lab.checks.map((c) => c.kind)).toEqual(['mirror', 'mirror']);
  });

  it.each([
    ['an unknown mirror', '{ name: a, kind: mirror, mirror: tap, while: { from: vm1, ping: vm2 } }', "12:38 check 'a': unknown mirror 'tap' (mirrors in this lab: tap-out, tap-in)"],
    ['a sender that is no VM', '{ name: a, kind: mirror, mirror: tap-in, while: { from: hv1, ping: vm2 } }', "12:61 check 'a': unknown VM 'hv1' (VMs in this lab: vm1, vm2)"],
    ['a target without an IPv4 address', '{ name: a, kind: mirror, mirror: tap-in, while: { from: vm1, ping: "fd00::1" } }', expect.stringMatching(/^12:72 check 'a': 'fd00::1' is neither a VM, host or namespace with an IPv4 address/)],
    ['more packets than the ping sends', '{ name: a, kind: mirror, mirror: tap-in, while: { from: vm1, ping: vm2 }, count: 3 }', expect.stringMatching(/^12:86 checks.0.count: 3 is too big: at most 2$/)],
  ])('refuses %s, at its line and column', (_what, check, expected) => {
    expect(issues(withChecks(check))).toEqual([expected]);
  });
});
