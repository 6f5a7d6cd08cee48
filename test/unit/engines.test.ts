import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../src/topology/load.js';
import { chassisNics, enginesSpanned, engineOfNode, overlayAutoRange, parseEngines } from '../../src/topology/engines.js';
import { placeOnEngines } from '../../src/runtime/docker/placement.js';
import { probeUnderlay } from '../../src/runtime/docker/swarm.js';
import { ExecResult } from '../../src/base/exec.js';
import { parseCidr } from '../../src/topology/net.js';
import { upSteps } from '../../src/core/up-steps.js';
import { UserError } from '../../src/base/errors.js';
import type { Lab } from '../../src/topology/model.js';
import { editorOf, issues } from './issues.js';

const BASE = `name: t
runtime: docker
engines:
  a: unix:///run/a.sock
  b: ssh://me@box2
chassis:
  hv1: {}
  hv2: {}
  hv3: { engine: a }
switches:
  sw: { subnet: 10.0.0.0/24, dhcp: {} }
vms:
  vm1: { chassis: hv1, switch: sw, ip: 10.0.0.10 }
  vm2: { chassis: hv2, switch: sw, ip: 10.0.0.11 }
`;
const edit = editorOf(BASE);
const ONE_MACHINE = BASE.replace(/engines:\n( {2}.*\n)+/, '').replace('hv3: { engine: a }', 'hv3: {}');

describe('Docker engines: where nodes go', () => {
  it('puts central on the first engine and chassis round-robin unless a chassis names its engine', () => {
    const lab = placeOnEngines(parseTopology(BASE, 't.yaml'));
    expect(lab.central.engine).toBe('a');
    expect(lab.chassis.map((c) => [c.name, c.engine])).toEqual([
      ['hv1', 'a'],
      ['hv2', 'b'],
      ['hv3', 'a'],
    ]);
    expect(engineOfNode(lab, 'vm2')).toBe('b'); // a VM is where its chassis is
    expect(enginesSpanned(lab)).toEqual(['a', 'b']);
  });

  it("gives a chassis' eth0 a MAC of its own, central's neighbour, except across engines, where only br-phy's reaches it", () => {
    const one = parseTopology(ONE_MACHINE, 't.yaml');
    // 0c:00 and the address, not br-phy's 0a:00: tunnel frames stay OVS's, central's replies reach eth0 itself.
    expect(chassisNics(one).map((c) => [c.name, c.ip, c.mac])).toEqual([
      ['hv1', '192.168.100.2', '0c:00:c0:a8:64:02'],
      ['hv2', '192.168.100.3', '0c:00:c0:a8:64:03'],
      ['hv3', '192.168.100.4', '0c:00:c0:a8:64:04'],
    ]);
    const spread = placeOnEngines(parseTopology(BASE, 't.yaml'));
    expect(chassisNics(spread).map((c) => c.mac)).toEqual(spread.chassis.map((c) => c.mac));
    expect(spread.chassis[0]!.mac).toBe('0a:00:c0:a8:64:02');
  });

  it('spreads a file written for one machine over the engines given on the command line', () => {
    const file = parseTopology(ONE_MACHINE, 't.yaml');
    expect(placeOnEngines(file)).toBe(file); // no engines: the local one, nothing changes
    const lab = placeOnEngines(file, parseEngines('unix:///run/a.sock,unix:///run/b.sock,unix:///run/c.sock', '--engines'));
    expect(lab.chassis.map((c) => c.engine)).toEqual(['engine1', 'engine2', 'engine3']);
  });

  it('grows the overlay to carry the VMs, or shrinks the VMs to fit an underlay MTU the file gives', () => {
    const grown = placeOnEngines(parseTopology(BASE, 't.yaml'));
    expect(grown.underlay.mtu).toBe(1458); // 1400 + Geneve's 58
    expect(grown.vms.map((v) => v.mtu)).toEqual([1400, 1400]);
    const fitted = placeOnEngines(parseTopology(edit('switches:', 'underlay: { mtu: 1450 }\nswitches:'), 't.yaml'));
    expect(fitted.vms.map((v) => v.mtu)).toEqual([1392, 1392]);
    const vxlan = placeOnEngines(
      parseTopology(edit('  hv1: {}\n  hv2: {}\n  hv3: { engine: a }', '  hv1: { encap: vxlan }\n  hv2: { encap: vxlan }\n  hv3: { engine: a, encap: vxlan }').replace('switches:', 'underlay: { mtu: 1450 }\nswitches:'), 't.yaml'),
    );
    expect(vxlan.vms.map((v) => v.mtu)).toEqual([1400, 1400]); // VXLAN's 50 bytes: 1400 fits
    // All on one engine: no overlay, nothing to fit.
    const single = placeOnEngines(parseTopology(ONE_MACHINE, 't.yaml'), parseEngines('only=ssh://me@box', '--engines'));
    expect(single.underlay.mtu).toBeUndefined();
  });

  it('leaves the top of the underlay subnet to Docker across engines, and refuses a node there', () => {
    expect(overlayAutoRange(parseCidr('192.168.100.0/24')!)).toMatchObject({ cidr: '192.168.100.240/28', gateway: '192.168.100.254' });
    expect(overlayAutoRange(parseCidr('10.0.0.0/28')!)).toMatchObject({ cidr: '10.0.0.12/30', gateway: '10.0.0.14' });
    const lab = parseTopology(edit('  hv2: {}', '  hv2: { ip: 192.168.100.241 }'), 't.yaml');
    expect(() => placeOnEngines(lab)).toThrow(/hv2's underlay address 192.168.100.241 is in 192.168.100.240\/28, which a lab across Docker engines leaves to Docker/);
  });

  it('reads --engines and LAB_ENGINES as NAME=URL or plain URLs, and refuses what is not an engine address', () => {
    expect(parseEngines('a=unix:///x.sock, b=tcp://10.0.0.2:2376', '--engines')).toEqual([
      { name: 'a', url: 'unix:///x.sock' },
      { name: 'b', url: 'tcp://10.0.0.2:2376' },
    ]);
    expect(() => parseEngines('a=http://x', '--engines')).toThrow(UserError);
    expect(() => parseEngines('a=unix:///x,a=unix:///y', 'LAB_ENGINES')).toThrow(/LAB_ENGINES names engine 'a' twice/);
    expect(() => placeOnEngines(parseTopology(BASE, 't.yaml'), parseEngines('x=unix:///x,y=unix:///y', '--engines'))).toThrow(/chassis hv3 is on engine 'a', which the engines given \(x, y\) do not include/);
  });

  it('shows the placement-independent steps: nothing about engines in the plan', async () => {
    const ids = async (lab: Lab) => (await upSteps(lab)).map((s) => `${s.id}: ${s.title}`);
    expect(await ids(placeOnEngines(parseTopology(BASE, 't.yaml')))).toEqual(await ids(parseTopology(ONE_MACHINE, 't.yaml')));
  });

  it.each([
    ['an unknown engine', edit('hv3: { engine: a }', 'hv3: { engine: c }'), "9:18 unknown engine 'c' (engines in this lab: a, b)"],
    ['an engine without engines:', ONE_MACHINE.replace('hv3: {}', 'hv3: { engine: a }'), "6:18 engine 'a' is named, but the file has no 'engines:'; add engines: { a: unix:///var/run/docker.sock, … }"],
    ['engines on the netns runtime', edit('runtime: docker', 'runtime: netns'), "3:1 engines are Docker engines: set 'runtime: docker' (the netns runtime runs on this machine only)"],
    ['an address that is not an engine', edit('ssh://me@box2', 'http://box2'), '5:6 engines.b: a Docker engine address as DOCKER_HOST takes it: unix:///var/run/docker.sock, tcp://HOST:2376 or ssh://USER@HOST'],
    ['an underlay MTU too small for IPv6', edit('switches:', 'underlay: { mtu: 1000 }\nswitches:'), '10:18 underlay.mtu: 1000 is too small: at least 1280'],
  ])('refuses %s at its line', (_what, text, message) => {
    expect(issues(text)).toEqual([message]);
  });
});

describe('Docker engines: the probe of the network between them', () => {
  const lab = placeOnEngines(parseTopology(BASE, 't.yaml'));
  const engineOf = (node: string) => engineOfNode(lab, node);
  /** An overlay that answers pings up to `carries` bytes of payload to the addresses in `reach`. */
  const overlay = (reach: string[], carries: number) => {
    const sent: string[] = [];
    const run = async (node: string, argv: string[]) => {
      sent.push(`${node}: ${argv.join(' ')}`);
      const size = argv.includes('-s') ? Number(argv[argv.indexOf('-s') + 1]) : 56;
      const ok = reach.includes(argv.at(-1)!) && size <= carries;
      return new ExecResult(argv, ok ? 0 : 1, '', ok ? '' : '1 packets transmitted, 0 received, 100% packet loss', 1);
    };
    return { sent, run };
  };

  it('pings each other engine once, small until it answers, then full size with DF', async () => {
    const { sent, run } = overlay([lab.chassis[1]!.ip], 9000);
    await probeUnderlay(lab, run, engineOf);
    const size = lab.underlay.mtu! - 28;
    expect(sent).toEqual([`central: ping -c 1 -w 10 ${lab.chassis[1]!.ip}`, `central: ping -c 1 -w 3 -M do -s ${size} ${lab.chassis[1]!.ip}`]);
  });

  it('tells a node it cannot reach from a network too small for the underlay', async () => {
    await expect(probeUnderlay(lab, overlay([], 9000).run, engineOf)).rejects.toThrow(/central on Docker engine 'a' cannot reach hv2 on engine 'b' over the swarm's overlay/);
    await expect(probeUnderlay(lab, overlay([lab.chassis[1]!.ip], lab.underlay.mtu! - 29).run, engineOf)).rejects.toThrow(/does not carry the lab's \d+-byte underlay packets/);
  });
});
