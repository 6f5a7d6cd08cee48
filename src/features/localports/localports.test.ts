import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labGraph } from '../../graph/model.js';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { topologySchema } from '../../topology/schema.js';
import { issues } from '../../../test/unit/issues.js';

const load = (lab: string) => parseTopology(readFileSync(`labs/${lab}.yaml`, 'utf8'), `labs/${lab}.yaml`);

describe('localports', () => {
  it('one port of type localport, an instance per chassis', () => {
    const lab = load('localport');
    expect(lab.localports).toEqual([{ name: 'meta', switch: 'net', port: 'net-meta', ip: '10.20.0.2', mac: '02:00:0a:14:00:02' }]);
    expect(lab.vms.filter((v) => v.localport).map((v) => [v.name, v.chassis, v.port])).toEqual([
      ['meta-hv1', 'hv1', 'net-meta'],
      ['meta-hv2', 'hv2', 'net-meta'],
    ]);
    expect(logicalNetworkArgv(lab).join(' ')).toContain('-- lsp-add net net-meta -- lsp-set-type net-meta localport');
  });

  it('errors', () => {
    const base = 'name: t\nchassis: { hv1: {} }\nswitches: { net: { subnet: 10.0.0.0/24 } }\nlocalports:\n';
    expect(issues(`${base}  meta: { switch: nett, ip: 10.0.0.2 }\n`)).toEqual(["5:19 unknown switch 'nett' (switches in this file: net)"]);
    expect(issues(`${base}  meta: { switch: net, ip: 10.0.1.2 }\n`)).toEqual(["5:28 10.0.1.2 is not a host address of switch 'net' (10.0.0.0/24)"]);
    expect(issues(`${base}  metadata-agent: { switch: net, ip: 10.0.0.2 }\n`)).toEqual(["5:3 its instance on hv1 would be named 'metadata-agent-hv1', longer than 15 characters; use a shorter localport name"]);
  });

  it('refuses an IPv6-only switch, an instance named like a node, and an address a service takes after it', () => {
    const base = 'name: t\nchassis: { hv1: {} }\nswitches: { net: { subnet: 10.0.0.0/24 }, v6: { subnet6: "fd00:1::/64" } }\n';
    expect(issues(`${base}localports:\n  meta: { switch: v6, ip: 10.0.0.2 }\n`)).toEqual(["5:19 switch 'v6' is IPv6 only; a localport takes an IPv4 address, so its switch needs a subnet"]);
    expect(issues(`${base}localports:\n  meta: { switch: net, ip: 10.0.0.2 }\nvms:\n  meta-hv1: { chassis: hv1, switch: net, ip: 10.0.0.3 }\n`)).toEqual([
      "5:3 its instance on hv1 would be named 'meta-hv1', which is already used by vms.meta-hv1; rename one of them",
    ]);
    // Localports claim their addresses before services do, wherever the file writes them.
    expect(issues(`${base}services:\n  d1: { kind: dnsmasq, chassis: hv1, switch: net, ip: 10.0.0.2 }\nlocalports:\n  meta: { switch: net, ip: 10.0.0.2 }\n`)).toEqual(['5:55 10.0.0.2 is already used by localports.meta']);
  });

  it('keeps its place: in the file before nb_options, in the lab before networks, its NB unit right after the switches', () => {
    const keys = Object.keys(topologySchema.shape);
    expect(keys.slice(keys.indexOf('links'), keys.indexOf('links') + 3)).toEqual(['links', 'localports', 'nb_options']);
    const lab = load('localport');
    const fields = Object.keys(lab);
    expect(fields.slice(fields.indexOf('services'), fields.indexOf('services') + 3)).toEqual(['services', 'localports', 'networks']);
    expect(logicalNetworkArgv(lab).join(' ')).toContain('-- ls-add net -- lsp-add net net-meta');
  });

  it('lab graph says which VM-like nodes are its instances', () => {
    expect(
      labGraph(load('localport'))
        .nodes.filter((n) => n.kind === 'vm')
        .map((n) => n.label[0]),
    ).toEqual(['vm1', 'vm2', 'meta-hv1 (localport)', 'meta-hv2 (localport)']);
  });
});
