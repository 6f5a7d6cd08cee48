import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTcpdump } from '../../src/vm/capture.js';
import { issues } from './issues.js';

/** labs/security-groups.yaml with its checks replaced: a lab with port groups, servers and ACL logs. */
const LAB = readFileSync('labs/security-groups.yaml', 'utf8').replace(/^checks:[\s\S]*$/m, 'checks:\n');
const line = LAB.split('\n').length;
const withCheck = (check: string) => `${LAB}  - ${check}\n`;

describe('the new check kinds are validated against the lab, with positions', () => {
  it.each([
    [
      'connect to an unknown node',
      '{ name: c, kind: connect, from: client, to: web9, port: 80 }',
      `${line}:49 check 'c': 'web9' is neither a VM, host or namespace with an address in this lab (web1, web2, client, admin) nor an IPv4 or IPv6 address`,
    ],
    ['connect answer with expect refused', '{ name: c, kind: connect, from: client, to: web1, port: 80, expect: refused, answer: web1 }', `${line}:90 check 'c': answer goes with expect: open`],
    ['http from an unknown node', "{ name: h, kind: http, from: nobody, to: '10.1.1.1:80', backends: [web1] }", `${line}:34 check 'h': unknown node 'nobody' (nodes in this lab: central, hv1, hv2, web1, web2, client, admin)`],
    [
      'acl_log of an ACL that does not log',
      '{ name: a, kind: acl_log, chassis: hv1, acl: nolog }',
      `${line}:50 check 'a': no ACL of this lab logs with name 'nolog' (ACLs log as: web-8080): give the ACL log: { name: nolog }, in acls: or in the step that adds it`,
    ],
    ['conntrack without a tuple', '{ name: t, kind: conntrack, chassis: hv1 }', `${line}:22 check 't': say what to look for: original, reply, or both`],
    [
      'capture of more packets than a ping sends',
      '{ name: p, kind: capture, on: web1, while: { from: client, ping: web1 }, count: 3 }',
      `${line}:85 check 'p': count 3 is more than the action sends (a ping sends 2 echo requests), so the capture waits for packets that never come: give count: 2 or less`,
    ],
    [
      'capture of more packets than a UDP connection sends',
      '{ name: p, kind: capture, on: web1, filter: udp, while: { from: client, connect: { to: web1, port: 53, proto: udp } }, count: 2 }',
      `${line}:131 check 'p': count 2 is more than the action sends (a UDP connection sends 1 datagram), so the capture waits for packets that never come: give count: 1 or less`,
    ],
    ['capture with two actions', '{ name: p, kind: capture, on: web1, while: { from: client, ping: web1, connect: { to: web1, port: 80 } } }', `${line}:48 check 'p': while does one of: ping, connect`],
    [
      'a step with two actions',
      '{ name: s, kind: step, stop: x, start: y }',
      `${line}:22 check 's': a step does exactly one of: add_acl, remove_acl, add_member, remove_member, add_nat, remove_nat, add_route, remove_route, set, flush_conntrack, stop, start, stop_server, start_server, kill, restart, fail_chassis, recover_chassis, join, leave, command`,
    ],
    [
      'a step adding an ACL with an unknown @group',
      "{ name: s, kind: step, add_acl: { port_group: web, direction: to-lport, priority: 1, match: 'outport == @db', action: drop } }",
      `${line}:97 check 's': @db is not a port group of this lab`,
    ],
    ['a bridge check on an unknown chassis', "{ name: b, kind: bridge, chassis: hv9, bridge: br-int, port: '*' }", `${line}:39 check 'b': unknown chassis 'hv9' (chassis in this lab: hv1, hv2)`],
    ['an interface check on an unknown node', '{ name: i, kind: interface, node: web9, mtu: 1400 }', `${line}:39 check 'i': unknown node 'web9' (nodes in this lab: central, hv1, hv2, web1, web2, client, admin)`],
    ['a bridge port pattern with a slash', "{ name: b, kind: bridge, chassis: hv1, bridge: br-int, port: 'a/b' }", `${line}:66 checks.0.port: a name, with * for any characters`],
    ['a step adding an unknown member', '{ name: s, kind: step, add_member: { port_group: web, member: db1 } }', `${line}:67 check 's': 'db1' is not a VM, host with an external port, or port of this lab`],
  ])('%s', (_what, check, expected) => {
    expect(issues(withCheck(check))).toEqual([expected]);
  });
});

describe('capture counts', () => {
  it.each([
    ['all of a ping', '{ name: p, kind: capture, on: web1, while: { from: client, ping: web1 }, count: 2 }'],
    ['a TCP connection, whose packets depend on the server', "{ name: p, kind: capture, on: web1, filter: 'tcp port 80', while: { from: client, connect: { to: web1, port: 80 } }, count: 5 }"],
    ['none, whatever the count', '{ name: p, kind: capture, on: web1, while: { from: client, ping: web1 }, count: 3, expect: absent }'],
  ])('accepts a capture of %s', (_what, check) => {
    expect(issues(withCheck(check))).toEqual([]);
  });
});

describe('tunnel types', () => {
  it('refuses chassis of two encap types, at the second one', () => {
    const text = LAB.replace('  hv2: {}', '  hv2: { encap: vxlan }');
    expect(text).not.toBe(LAB);
    expect(issues(text)).toEqual([expect.stringMatching(/^\d+:\d+ chassis hv2 uses vxlan but hv1 uses geneve: OVN makes tunnels only between chassis of one encap type/)]);
  });
});

describe('what probes read', () => {
  it('tcpdump lines: addresses without ports', () => {
    expect(parseTcpdump('00:36:35.696662 IP 172.16.0.10 > 172.16.0.1: ICMP echo request, id 1, seq 1, length 64\n00:36:36.1 IP 10.0.0.1.43790 > 10.0.0.2.80: Flags [S], seq 1\nlistening on eth0\n')).toEqual([
      { src: '172.16.0.10', dst: '172.16.0.1', line: '00:36:35.696662 IP 172.16.0.10 > 172.16.0.1: ICMP echo request, id 1, seq 1, length 64' },
      { src: '10.0.0.1', dst: '10.0.0.2', line: '00:36:36.1 IP 10.0.0.1.43790 > 10.0.0.2.80: Flags [S], seq 1' },
    ]);
  });
});
