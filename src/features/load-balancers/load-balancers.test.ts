import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';

const BASE = `name: t
chassis: { hv1: {} }
switches:
  lan: { subnet: 10.70.0.0/24 }
vms:
  web1: { chassis: hv1, switch: lan, ip: 10.70.0.11 }
  web2: { chassis: hv1, switch: lan, ip: 10.70.0.12 }
load_balancers:
  web:
    vips:
      "10.72.0.100:80": [web1:8080, web2, 10.70.0.13:8080]
      "10.72.0.101": [web1, 10.70.0.14]
    protocol: tcp
    switches: [lan]
    options: { hairpin_snat_ip: 10.72.0.100 }
`;

const edit = editorOf(BASE);

describe('load balancers in the file', () => {
  it("resolves backends to addresses (a VM without a port takes the VIP's) and makes the NB commands, with no protocol for a VIP without a port", () => {
    expect(issues(BASE)).toEqual([]);
    const lab = parseTopology(BASE, 't.yaml');
    expect(lab.loadBalancers[0]!.vips).toEqual([
      { vip: '10.72.0.100:80', backends: ['10.70.0.11:8080', '10.70.0.12:80', '10.70.0.13:8080'] },
      { vip: '10.72.0.101', backends: ['10.70.0.11', '10.70.0.14'] },
    ]);
    const argv = logicalNetworkArgv(lab).join(' ');
    expect(argv).toContain('-- lb-add web 10.72.0.100:80 10.70.0.11:8080,10.70.0.12:80,10.70.0.13:8080 tcp -- lb-add web 10.72.0.101 10.70.0.11,10.70.0.14 -- set');
    expect(argv).toContain('-- set Load_Balancer web options:hairpin_snat_ip="10.72.0.100" -- ls-lb-add lan web');
  });

  it('health checks: one per VIP with a port, backends probed through their logical port from the source', () => {
    const lab = parseTopology(
      BASE.replace('    options: { hairpin_snat_ip: 10.72.0.100 }', '    options: { hairpin_snat_ip: 10.72.0.100 }\n    health_check: { source: 10.70.0.250, interval: 1 }')
        .replace(', 10.70.0.13:8080]', ']')
        .replace('[web1, 10.70.0.14]', '[web1]'),
      't.yaml',
    );
    const argv = logicalNetworkArgv(lab).join(' ');
    expect(argv).toContain(
      '-- --id=@hc_web_0 create Load_Balancer_Health_Check vip="10.72.0.100:80" options:interval="1" options:timeout="2" options:success_count="1" options:failure_count="2" -- add Load_Balancer web health_check @hc_web_0',
    );
    expect(argv).toContain('-- set Load_Balancer web ip_port_mappings:"10.70.0.11"="lan-web1:10.70.0.250" ip_port_mappings:"10.70.0.12"="lan-web2:10.70.0.250"');
    expect(argv).not.toContain('@hc_web_1'); // 10.72.0.101 has no port: nothing to probe
  });

  it('refuses a health check of a backend that is no VM', () => {
    expect(issues(BASE.replace('    options: { hairpin_snat_ip: 10.72.0.100 }', '    options: { hairpin_snat_ip: 10.72.0.100 }\n    health_check: { source: 10.70.0.250 }'))).toEqual([
      "16:5 backend '10.70.0.13:8080' is not a VM of this file: OVN probes backends through their logical port",
      "16:5 backend '10.70.0.14' is not a VM of this file: OVN probes backends through their logical port",
    ]);
  });

  it.each([
    ['an unknown backend', edit('[web1, 10.70.0.14]', '[web9, 10.70.0.14]'), expect.stringMatching(/^12:23 backend 'web9' is neither a VM or host of this file nor an address/)],
    ['a backend with a port behind a VIP without one', edit('[web1, 10.70.0.14]', '[web1:80, 10.70.0.14]'), '12:23 a VIP without a port takes backends without ports'],
    ['a VIP that is not an address', edit('"10.72.0.101":', '"web":'), '12:7 load_balancers.web.vips.web: bad name: a VIP like 10.60.0.100:80 (or an address alone)'],
    ['an unknown switch', edit('switches: [lan]', 'switches: [lan, wan]'), "14:21 unknown switch 'wan' (switches in this file: lan)"],
    ['a balancer attached nowhere', edit('    switches: [lan]\n', ''), '9:3 a load balancer does nothing until it is attached: give it switches or routers'],
    ['an unknown protocol', edit('protocol: tcp', 'protocol: http'), "13:15 load_balancers.web.protocol: expected one of tcp, udp, sctp, not the text 'http'"],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });
});
