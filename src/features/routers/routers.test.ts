import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { issues } from '../../../test/unit/issues.js';

const routed = parseTopology(readFileSync('labs/subnets-routed.yaml', 'utf8'), 'labs/subnets-routed.yaml');

const BASE = `name: t
chassis: { hv1: {} }
switches:
  web: { subnet: 10.0.1.0/24, dhcp: {} }
  db: { subnet: 10.0.2.0/24 }
routers:
  r1:
    ports:
      - { switch: web, ip: 10.0.1.1 }
      - { switch: db, ip: 10.0.2.1 }
`;

describe('logical routers', () => {
  it('resolve ports, peer switch ports and MACs; DHCP hands out the router', () => {
    expect(routed.routers[0]!.ports).toEqual([
      { name: 'r1-web', switchPort: 'web-r1', switch: 'web', ip: '10.0.1.1', prefix: 24, mac: '06:00:0a:00:01:01' },
      { name: 'r1-db', switchPort: 'db-r1', switch: 'db', ip: '10.0.2.1', prefix: 24, mac: '06:00:0a:00:02:01' },
    ]);
    expect(routed.switches[0]!.dhcp!.options).toMatchObject({ router: '10.0.1.1', server_id: '10.0.1.1' });
  });

  it('become router ports peered with switch ports in the one NB transaction', () => {
    const argv = logicalNetworkArgv(routed).join(' ');
    expect(argv).toContain('-- lr-add r1 -- lrp-add r1 r1-web 06:00:0a:00:01:01 10.0.1.1/24 -- lsp-add web web-r1 -- lsp-set-type web-r1 router -- lsp-set-addresses web-r1 router -- lsp-set-options web-r1 router-port=r1-web');
  });

  it('gateway chassis by priority, static routes and NAT', () => {
    const lab = parseTopology(
      `${BASE}    routes: [{ prefix: 0.0.0.0/0, nexthop: 10.0.2.254 }]
    nat:
      - { type: snat, external_ip: 10.0.2.100, logical_ip: 10.0.1.0/24 }
vms:
  vm1: { chassis: hv1, switch: web, ip: 10.0.1.10 }
`.replace('{ switch: db, ip: 10.0.2.1 }', '{ switch: db, ip: 10.0.2.1, gateway_chassis: [hv1] }'),
      'f.yaml',
    );
    const argv = logicalNetworkArgv(lab).join(' ');
    expect(argv).toContain('-- lrp-set-gateway-chassis r1-db hv1 10');
    expect(argv).toContain('-- lr-route-add r1 0.0.0.0/0 10.0.2.254');
    expect(argv).toContain('-- lr-nat-add r1 snat 10.0.2.100 10.0.1.0/24');
  });

  it('errors point at the router port field', () => {
    expect(issues(BASE.replace('{ switch: db, ip: 10.0.2.1 }', '{ switch: dbx, ip: 10.0.2.1 }'))).toEqual(["10:19 unknown switch 'dbx' (switches in this file: web, db)"]);
    expect(issues(BASE.replace('{ switch: db, ip: 10.0.2.1 }', '{ switch: db, ip: 10.0.3.1 }'))).toEqual(["10:27 10.0.3.1 is not a host address of switch 'db' (10.0.2.0/24)"]);
    expect(issues(BASE.replace('{ switch: db, ip: 10.0.2.1 }', '{ switch: db, ip: 10.0.2.1, gateway_chassis: [hv9] }'))).toEqual(["10:55 unknown chassis 'hv9' (chassis in this file: hv1)"]);
    expect(issues(`${BASE}vms:\n  vm1: { chassis: hv1, switch: db, ip: 10.0.2.1, dhcp: false }\n`)).toEqual(['10:27 10.0.2.1 is already used by vms.vm1.ip']);
  });

  it("take their addresses after the VMs and before localports and services, so it is these that are told an address is the router's", () => {
    const text = `${BASE}localports:\n  meta: { switch: web, ip: 10.0.1.1 }\nservices:\n  dns: { kind: dnsmasq, chassis: hv1, switch: db, ip: 10.0.2.1 }\n`;
    expect(issues(text)).toEqual(['12:28 10.0.1.1 is already used by routers.r1', '14:55 10.0.2.1 is already used by routers.r1']);
  });
});
