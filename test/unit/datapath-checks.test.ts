import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { issues } from './issues.js';

/** labs/load-balancer.yaml with its checks replaced: a lab with a VIP, its backends and two chassis. */
const LAB = readFileSync('labs/load-balancer.yaml', 'utf8').replace(/^checks:[\s\S]*$/m, 'checks:\n');
const line = LAB.split('\n').length;
const withCheck = (check: string) => `${LAB}  - ${check}\n`;
const vip = 'while: { from: client, connect: { to: 10.72.0.100, port: 80 } }';

describe('checks of the datapath are refused with a position and what to do', () => {
  it.each([
    ['group on an unknown chassis', '{ name: g, kind: group, chassis: hv9 }', `${line}:38 check 'g': unknown chassis 'hv9' (chassis in this lab: hv1, hv2)`],
    ['group with a backend twice', '{ name: g, kind: group, chassis: hv1, backends: [10.70.0.11:8080, 10.70.0.11:8080] }', `${line}:53 check 'g': 10.70.0.11:8080 is listed twice: a group has one bucket per backend`],
    ['group backend not as OVS prints it', '{ name: g, kind: group, chassis: hv1, backends: [web1:8080] }', `${line}:54 checks.0.backends.0: a backend as OVS prints it: 10.70.0.11:8080, or [fd00::11]:8080 for IPv6`],
    ['datapath_flow that looks for nothing', '{ name: d, kind: datapath_flow, chassis: hv1 }', `${line}:22 check 'd': say what to look for: match, actions or ct`],
    [
      'datapath_flow whose traffic goes nowhere',
      '{ name: d, kind: datapath_flow, chassis: hv1, ct: true, while: { from: client, ping: web9 } }',
      `${line}:68 check 'd': 'web9' is neither a VM, host or namespace with an address in this lab nor an IPv4 or IPv6 address`,
    ],
    ['flow packets without a chassis', `{ name: f, kind: flow, stage: ls_in_lb, packets: grows, ${vip} }`, `${line}:54 check 'f': packets needs chassis: the chassis whose OpenFlow counters to read`],
    ['flow packets without traffic', '{ name: f, kind: flow, stage: ls_in_lb, chassis: hv1, packets: grows }', `${line}:68 check 'f': packets needs while: the traffic to make between the two reads of the counters`],
    ['flow traffic without packets', `{ name: f, kind: flow, stage: ls_in_lb, chassis: hv1, ${vip} }`, `${line}:66 check 'f': while is the traffic of packets: grows or stays; add packets`],
    [
      'conntrack mark bits outside its mask',
      "{ name: t, kind: conntrack, chassis: hv1, original: { src: 10.70.0.21 }, mark: '0x3/0x2' }",
      `${line}:84 check 't': 0x3/0x2: the value has bits outside its mask; write value/mask with value's bits inside mask`,
    ],
    ['conntrack mark over 32 bits', "{ name: t, kind: conntrack, chassis: hv1, original: { src: 10.70.0.21 }, mark: '0x100000000' }", `${line}:84 check 't': mark has 32 bits: 0x100000000 is too big`],
    [
      'conntrack labels too big for a YAML number',
      '{ name: t, kind: conntrack, chassis: hv1, original: { src: 10.70.0.21 }, labels: 0x3d000000000000000000000000 }',
      `${line}:86 checks.0.labels: a number this big loses its low bits in YAML: write it in quotes, like '0x3d000000000000000000000000'`,
    ],
  ])('%s', (_what, check, expected) => {
    expect(issues(withCheck(check))).toEqual([expected]);
  });

  it.each([
    ['a group of the VIP', '{ name: g, kind: group, chassis: hv1, type: select, backends: [10.70.0.11:8080, 10.70.0.12:8080], expect: gone }'],
    ['a datapath flow after traffic', `{ name: d, kind: datapath_flow, chassis: hv1, match: "ipv4(dst=10.72.0.100", ct: true, ${vip} }`],
    ['a counter that grows', `{ name: f, kind: flow, stage: ls_in_lb, datapath: lan, chassis: hv1, openflow: "group:", packets: grows, ${vip} }`],
    ['conntrack with IPv6, zone 0, mark and labels', "{ name: t, kind: conntrack, chassis: hv1, proto: icmpv6, original: { src: 'fd00::1' }, zone: 0, mark: 0x2/0x2, labels: '0x3d000000000000000000000000', acl_label: 61 }"],
  ])('%s is valid', (_what, check) => {
    expect(issues(withCheck(check))).toEqual([]);
  });
});
