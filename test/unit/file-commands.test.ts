import { describe, expect, it } from 'vitest';
import { checkCommand, fileCommands, reachLines } from '../../src/topology/commands.js';
import { checkSpec } from '../../src/topology/checks/all.js';
import { parseTopology } from '../../src/topology/load.js';

const BASE = `name: t
chassis: { hv1: {} }
switches: { lan: { subnet: 10.0.0.0/24 } }
vms: { vm1: { chassis: hv1, switch: lan, ip: 10.0.0.11 } }
`;

const load = (text: string) => parseTopology(text, 't.yaml');

describe('what a file runs as root and contacts, shown before it runs (validate, test --list)', () => {
  it('a file with no commands and no engines runs nothing of its own', () => {
    expect(reachLines(load(BASE))).toEqual([]);
  });

  it("lists setup commands, exec checks and a step's command, each with its node, in the order they run", () => {
    const lab = load(`${BASE}setup:
  - { node: hv1, command: "ovs-vsctl show" }
  - { node: vm1, command: [ip, -s, link, show, "eth0 x"] }
checks:
  - { name: ping, kind: ping, from: vm1, to: 10.0.0.1 }
  - { name: break it, kind: step, node: vm1, command: "touch /tmp/x" }
  - { name: on central, kind: step, command: "ovn-nbctl show" }
  - { name: a fault, kind: step, kill: { daemon: ovn-controller, node: hv1 } }
  - { name: look, kind: exec, node: hv1, command: "ovs-ofctl dump-flows br-int", output: table }
`);
    expect(reachLines(lab)).toEqual([
      "it runs 5 commands of its own as root (setup, step and exec checks), with the host's files:",
      '  setup in hv1: ovs-vsctl show',
      "  setup in vm1: ip -s link show 'eth0 x'",
      "  check 'break it' (step) in vm1: touch /tmp/x",
      "  check 'on central' (step) in central: ovn-nbctl show",
      "  check 'look' (exec) in hv1: ovs-ofctl dump-flows br-int",
    ]);
  });

  it('names the Docker engines the file connects to', () => {
    const lab = load(`${BASE}runtime: docker\nengines: { a: "tcp://1.2.3.4:2375", b: "ssh://me@box2" }\n`);
    expect(reachLines(lab)).toEqual(['it connects to Docker engines: a tcp://1.2.3.4:2375, b ssh://me@box2']);
  });

  it('shows a multi-line command on lines of its own, and control characters as escapes, so a carriage return cannot hide what runs', () => {
    const lab = load(`${BASE}runtime: docker\nsetup:\n  - { node: vm1, command: "rm -rf /x\\rtrue     \\necho \\u001b[2Kdone\\u202e" }\n`);
    expect(reachLines(lab)).toEqual(['it runs 1 command of its own as root (setup, step and exec checks), in its containers:', '  setup in vm1: rm -rf /x\\x0dtrue     ', '    echo \\x1b[2Kdone\\u202e']);
    expect(fileCommands(lab)).toHaveLength(1);
  });

  it("test --list: a step's command and where it runs, and what the step expects", () => {
    const lab = load(
      `${BASE}checks:\n  - { name: break it, kind: step, node: vm1, command: "touch /tmp/x" }\n  - { name: drop, kind: step, add_route: { router: r, prefix: 10.9.0.0/24, nexthop: 10.0.0.1 } }\nrouters: { r: { ports: [{ switch: lan, ip: 10.0.0.1 }] } }\n`,
    );
    const [step, route] = lab.checks;
    expect(checkCommand(step!, lab)).toEqual({ node: 'vm1', line: 'touch /tmp/x' });
    expect(checkSpec('step').expected(step!, lab)).toBe('the command exits 0');
    expect(checkCommand(route!, lab)).toBeUndefined();
    expect(checkSpec('step').expected(route!, lab)).toBe('add route done');
  });
});
