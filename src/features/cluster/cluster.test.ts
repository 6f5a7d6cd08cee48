import { describe, expect, it } from 'vitest';
import { parseClusterStatus } from '../../ovn/queries.js';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { nodeEnv } from '../../ovn/node-shell.js';
import { parseTopology } from '../../topology/load.js';
import { issues } from '../../../test/unit/issues.js';

const LAB = `name: ha
central: { cluster: 3 }
chassis: { hv1: {}, hv2: {} }
switches: { net: { subnet: 10.95.0.0/24 } }
vms: { vm1: { chassis: hv1, switch: net, ip: 10.95.0.11 } }
checks:
`;

describe('a clustered central', () => {
  it('has members central, central2, central3 before the chassis on the underlay, and everything reaches all of them', () => {
    const lab = parseTopology(LAB, 'ha.yaml');
    expect(lab.central.members).toEqual([
      { name: 'central', ip: '192.168.100.1' },
      { name: 'central2', ip: '192.168.100.2' },
      { name: 'central3', ip: '192.168.100.3' },
    ]);
    expect(lab.chassis.map((c) => c.ip)).toEqual(['192.168.100.4', '192.168.100.5']);
    const remotes = 'tcp:192.168.100.1:6642,tcp:192.168.100.2:6642,tcp:192.168.100.3:6642';
    expect(nodeEnv(lab, 'chassis', '/run/x').OVN_SB_DB).toBe(remotes);
    // A member's own server may be a follower: its tools go to the cluster too, not to the local socket.
    expect(nodeEnv(lab, 'central', '/run/x').OVN_SB_DB).toBe(remotes);
    expect(logicalNetworkArgv(lab)[0]).toBe('ovn-nbctl');
  });

  it.each([
    ['an even cluster', LAB.replace('cluster: 3', 'cluster: 2'), expect.stringMatching(/^2:\d+ central.cluster: a Raft cluster has an odd number of members/)],
    ['a cluster with SSL', LAB.replace('cluster: 3', 'cluster: 3, ssl: true'), expect.stringMatching(/^2:\d+ a clustered central with SSL is not supported yet/)],
    ['a cluster check without a cluster', LAB.replace('cluster: 3', 'cluster: 1') + '  - { name: c, kind: cluster }\n', "7:22 check 'c': a cluster check needs a clustered central (central: { cluster: 3 })"],
    ['a cluster check that wants no majority', LAB + '  - { name: c, kind: cluster, up: 1 }\n', "7:35 check 'c': with 1 of 3 members there is no majority, so no leader: expect at least 2"],
    ['killing the leader of the wrong database', LAB + '  - { name: k, kind: step, kill: { daemon: ovnnb_db, leader: sb } }\n', "7:62 check 'k': the SB leader runs ovnsb_db, not ovnnb_db"],
    ['ovn-controller on a central node', LAB + '  - { name: k, kind: step, kill: { daemon: ovn-controller, node: central2 } }\n', "7:66 check 'k': ovn-controller runs on chassis: hv1, hv2"],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it('reads cluster/status: role, term, servers, and the peers connected either way', () => {
    const text = [
      'Role: follower',
      'Term: 2',
      'Connections: ->0000 <-5495 <-ecfb ->ecfb',
      'Servers:',
      '    84e8 (84e8 at tcp:192.168.100.2:6644) (self)',
      '    ecfb (ecfb at tcp:192.168.100.3:6644)',
      '    5495 (5495 at tcp:192.168.100.1:6644) last msg 165 ms ago',
      '',
    ].join('\n');
    expect(parseClusterStatus(text)).toEqual({ role: 'follower', term: 2, servers: 3, connected: 2 });
  });
});
