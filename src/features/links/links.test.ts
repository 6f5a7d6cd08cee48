import { describe, expect, it } from 'vitest';
import { upSteps } from '../../core/up-steps.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';

const BASE = `name: t
chassis: { hv1: {}, hv2: {} }
switches:
  sw1: { subnet: 10.0.1.0/24 }
vms:
  rtr: { chassis: hv1, switch: sw1, ip: 10.0.1.5, forwarding: true }
  vm1: { chassis: hv2, switch: sw1, ip: 10.0.1.10, routes: [{ to: 10.99.0.0/24, via: 10.0.1.5 }] }
namespaces:
  ext:
    routes: [{ to: default, via: 10.99.0.1 }]
  far:
links:
  - { endpoints: [rtr:eth1, ext:eth0], addresses: [10.99.0.1/24, 10.99.0.2/24] }
  - { endpoints: [ext:eth1, far:eth0] }
`;

const edit = editorOf(BASE);

describe('links and routing outside OVN', () => {
  it('places namespaces on the chassis of the VM they are linked to, also through other namespaces', async () => {
    expect(issues(BASE)).toEqual([]);
    const lab = parseTopology(BASE, 't.yaml');
    expect(lab.namespaces.map((n) => [n.name, n.chassis])).toEqual([
      ['ext', 'hv1'],
      ['far', 'hv1'],
    ]);
    expect(lab.links[0]!.ends).toEqual([
      { node: 'rtr', iface: 'eth1', address: '10.99.0.1/24' },
      { node: 'ext', iface: 'eth0', address: '10.99.0.2/24' },
    ]);
    const steps = (await upSteps(lab)).map((s) => s.title);
    expect(steps).toContain('links outside OVN: namespace ext, namespace far, rtr:eth1 — ext:eth0, ext:eth1 — far:eth0');
    expect(steps).toContain('addresses on links, forwarding and static routes: rtr, vm1, ext, far');
  });

  it.each([
    ['a link to an unknown node', edit('far:eth0] }\n', 'far:eth0] }\n  - { endpoints: [ext:eth2, nowhere:eth0] }\n'), "15:29 unknown node 'nowhere' (links join VMs and namespaces: rtr, vm1, ext, far)"],
    ["a link on a VM's OVN port", edit('[rtr:eth1, ext:eth0]', '[rtr:eth0, ext:eth0]'), "13:19 eth0 of VM 'rtr' is its OVN port; name the link's interface eth1, eth2, …"],
    ['an endpoint without interface', edit('far:eth0] }\n', 'far:eth0] }\n  - { endpoints: [ext:eth2, far] }\n'), "15:29 'far' is not NODE:INTERFACE, like rtr:eth1"],
    ['an interface used twice', edit('far:eth0] }\n', 'far:eth0] }\n  - { endpoints: [ext:eth0, far:eth1] }\n'), '15:19 ext:eth0 is already the end of another link'],
    ['ends in different subnets', edit('10.99.0.2/24]', '10.98.0.2/24]'), '13:66 10.98.0.2/24 is not in 10.99.0.0/24, the subnet of the other end'],
    ['a network address on an end', edit('10.99.0.2/24]', '10.99.0.0/24]'), '13:66 10.99.0.0 is the network or broadcast address of 10.99.0.0/24'],
    ['VMs on two chassis linked', edit('far:eth0] }\n', 'far:eth0] }\n  - { endpoints: [rtr:eth2, vm1:eth1] }\n'), "15:18 a link is a veth on one machine: VM 'rtr' is on hv1 and VM 'vm1' on hv2; put them on one chassis"],
    ['a namespace linked to no VM', edit('  - { endpoints: [rtr:eth1, ext:eth0], addresses: [10.99.0.1/24, 10.99.0.2/24] }\n', ''), expect.stringMatching(/^9:3 namespace 'ext' is linked to no VM/)],
    ["a route whose next hop is on none of the node's networks", edit('via: 10.0.1.5 }', 'via: 10.99.0.1 }'), "7:86 10.99.0.1 is on none of vm1's networks (10.0.1.0/24): the next hop must be on a link or on its switch"],
    ['a namespace named like a VM', edit('  far:\n', '  vm1:\n').replace('far:eth0', 'vm1:eth2'), "11:3 the name 'vm1' is already used by vms.vm1; node names must be unique"],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    // Some mistakes bring a consequence with them (a route's next hop left without a network).
    expect(issues(text)).toEqual(expect.arrayContaining([expected]));
  });
});
