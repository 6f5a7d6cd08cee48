import { describe, expect, it } from 'vitest';
import { ExecResult, type Exec } from '../../src/base/exec.js';
import { enteredNamespace, enterNamespace } from '../../src/runtime/netns/enter.js';
import { NetnsRuntime } from '../../src/runtime/netns/netns-runtime.js';

/** The argv each command of a node was run with, by a netns runtime of lab `t`. */
async function entries(run: (rt: NetnsRuntime) => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const exec: Exec = async (argv) => {
    seen.push(argv.slice(0, 4).join(' '));
    return new ExecResult(argv, 0, '', '', 1);
  };
  await run(new NetnsRuntime('t', '/run/lab/t', exec));
  return seen;
}

describe("how the netns runtime enters a node's namespace", () => {
  it("OVS and OVN tools and daemons enter the network namespace alone; a user's shell gets the node's /sys", async () => {
    expect(
      await entries(async (rt) => {
        await rt.exec('hv1', ['ovs-vsctl', 'show']);
        await rt.exec('hv1', ['/opt/ovn/bin/ovn-controller', '--detach']);
        await rt.exec('vm1', ['sh', '-c', 'cat /sys/class/net/eth0/mtu']);
        await rt.exec('vm1', ['tcpdump', '-i', 'eth0']);
      }),
    ).toEqual(['nsenter --net=/run/netns/lab.t.hv1 ovs-vsctl show', 'nsenter --net=/run/netns/lab.t.hv1 /opt/ovn/bin/ovn-controller --detach', 'ip netns exec lab.t.vm1', 'ip netns exec lab.t.vm1']);
  });

  it('a batch enters alone only when each of its commands may, or when its caller says it never looks at /sys', async () => {
    const ovs = [
      ['ovsdb-tool', 'create'],
      ['ovs-vswitchd', '--detach'],
    ];
    const withShell = [...ovs, ['timeout', '30', 'sh', '-c', 'until ovn-sbctl show; do sleep 0.02; done']];
    expect(
      await entries(async (rt) => {
        await rt.exec('hv1', ['sh', '-xec', '…'], { batch: ovs });
        await rt.exec('hv1', ['sh', '-xec', '…'], { batch: withShell });
        await rt.exec('hv1', ['sh', '-xec', '…'], { batch: withShell, netOnly: true });
      }),
    ).toEqual(['nsenter --net=/run/netns/lab.t.hv1 sh -xec', 'ip netns exec lab.t.hv1', 'nsenter --net=/run/netns/lab.t.hv1 sh -xec']);
  });

  it('lab script finds the node of either entry', () => {
    for (const netOnly of [true, false]) expect(enteredNamespace(enterNamespace('lab.t.hv1', ['ovs-vsctl', 'show'], netOnly))).toEqual({ ns: 'lab.t.hv1', argv: ['ovs-vsctl', 'show'] });
    expect(enteredNamespace(['nsenter', '--net=/proc/1/ns/net', 'true'])).toBeUndefined();
    expect(enteredNamespace(['ip', '-n', 'lab.t.hv1', 'link'])).toBeUndefined();
  });
});
