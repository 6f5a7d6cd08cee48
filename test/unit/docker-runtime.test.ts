import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { describe, expect, it, vi } from 'vitest';
import { LeftBehind } from '../../src/base/errors.js';
import { CAPABILITIES, DockerRuntime } from '../../src/runtime/docker/docker-runtime.js';
import { dockerExec, INTERRUPT_GRACE_MS } from '../../src/runtime/docker/docker-exec.js';
import type { ExecResult } from '../../src/base/exec.js';
import { LABEL_LAB, LABEL_NODE, LABEL_STATE } from '../../src/runtime/docker/client.js';
import { noExec } from './fake-runtime.js';
import type { Lab, Vm } from '../../src/topology/model.js';
import { labDir } from '../../src/base/paths.js';

interface FakeContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
  execs: string[][];
  removed: boolean;
  stuck?: boolean;
  options?: Record<string, unknown>;
}

/** The few Docker API calls the runtime makes, over an in-memory list of containers and networks. */
function fakeDocker() {
  const containers: FakeContainer[] = [];
  /** Each exec's creation and end, in the order they happened. */
  const events: string[] = [];
  const networks: { id: string; name: string; labels: Record<string, string>; removed: boolean; options: Record<string, unknown> }[] = [];
  const matches = (labels: Record<string, string>, filters?: { label?: string[] }) =>
    (filters?.label ?? []).every((f) => {
      const [k, v] = f.split('=');
      return labels[k!] === v;
    });
  const handle = (c: FakeContainer) => ({
    start: async () => {},
    remove: (o?: { abortSignal?: AbortSignal }) => {
      // A container dockerd is stuck on: the request is taken and never answered, until aborted.
      if (c.stuck) return new Promise((_, reject) => o?.abortSignal?.addEventListener('abort', () => reject(new Error('aborted'))));
      c.removed = true;
      return Promise.resolve();
    },
    modem: { demuxStream: (s: PassThrough) => s.resume() },
    exec: async (o: { Cmd: string[] }) => {
      c.execs.push(o.Cmd);
      const cmd = o.Cmd.at(-1)!;
      events.push(`exec ${cmd}`);
      const end = (s: PassThrough) => {
        events.push(`end ${cmd}`);
        s.end();
      };
      return {
        start: async () => {
          const s = new PassThrough();
          setTimeout(() => end(s), 5);
          return s;
        },
        inspect: async () => ({ ExitCode: 0 }),
      };
    },
  });
  const docker = {
    ping: async () => 'OK',
    createNetwork: async (o: { Name: string; Labels: Record<string, string> }) => {
      networks.push({ id: `n${networks.length}`, name: o.Name, labels: o.Labels, removed: false, options: o });
    },
    createContainer: async (o: { name: string; Labels: Record<string, string> }) => {
      const c: FakeContainer = { id: `c${containers.length}`, name: o.name, labels: o.Labels, execs: [], removed: false, options: o };
      containers.push(c);
      return handle(c);
    },
    getContainer: (idOrName: string) => handle(containers.find((c) => c.id === idOrName || c.name === idOrName)!),
    listContainers: async (o: { filters?: { label?: string[] } }) => containers.filter((c) => !c.removed && matches(c.labels, o.filters)).map((c) => ({ Id: c.id, Names: [`/${c.name}`], Labels: c.labels })),
    listNetworks: async (o: { filters?: { label?: string[] } }) => networks.filter((n) => !n.removed && matches(n.labels, o.filters)).map((n) => ({ Id: n.id, Name: n.name })),
    getNetwork: (id: string) => ({
      remove: async () => {
        networks.find((n) => n.id === id)!.removed = true;
      },
    }),
  };
  return { docker: docker as unknown as Docker, containers, networks, events };
}

describe('docker runtime with a fake Docker', () => {
  it("creates nodes with the lab's labels, its network and address, and least privilege", async () => {
    const f = fakeDocker();
    const rt = new DockerRuntime('dmz', noExec, () => f.docker);
    await rt.createUnderlay('192.168.100.0/24');
    await rt.createNode({ name: 'hv1', ip: '192.168.100.2', prefix: 24 });
    expect(f.networks[0]!.options).toMatchObject({ Name: 'lab-dmz-underlay', Internal: true, Labels: { [LABEL_LAB]: 'dmz' }, IPAM: { Config: [{ Subnet: '192.168.100.0/24', Gateway: '192.168.100.254' }] } });
    const c = f.containers[0]!;
    expect(c.name).toBe('lab-dmz-hv1');
    expect(c.labels).toEqual({ [LABEL_LAB]: 'dmz', [LABEL_NODE]: 'hv1', [LABEL_STATE]: labDir('dmz') });
    const host = (c.options as { HostConfig: Record<string, unknown> }).HostConfig;
    expect(host.CapAdd).toEqual(CAPABILITIES);
    expect(host.Privileged).toBeUndefined();
    expect(host.Devices).toEqual([expect.objectContaining({ PathOnHost: '/dev/net/tun' })]);
    expect(c.options).toMatchObject({ NetworkingConfig: { EndpointsConfig: { 'lab-dmz-underlay': { IPAMConfig: { IPv4Address: '192.168.100.2' } } } } });
    // The container's own set-up (the checksum offload off on eth0 among it) rides in its first exec.
    expect(c.execs).toHaveLength(0);
    await rt.exec('hv1', ['ovs-vsctl', 'show']);
    expect(c.execs).toHaveLength(1);
    expect(c.execs[0]!.slice(0, 2)).toEqual(['sh', '-ec']);
    expect(c.execs[0]![2]!.split('\n')).toEqual(['mkdir -p /run/lab/hv1', 'ethtool -K eth0 tx off', 'exec "$@"']);
    expect(c.execs[0]!.slice(3)).toEqual(['sh', 'ovs-vsctl', 'show']);
    // Only once.
    await rt.exec('hv1', ['ovs-vsctl', 'show']);
    expect(c.execs[1]).toEqual(['ovs-vsctl', 'show']);
  });

  it("makes a VM's namespace in its chassis' next exec, which any other exec there waits for", async () => {
    const f = fakeDocker();
    const vm = { name: 'vm1', chassis: 'hv1', mac: '02:00:00:00:00:01', mtu: 1400 } as unknown as Vm;
    const rt = new DockerRuntime('dmz', noExec, () => f.docker, { vms: [vm], networks: [] } as unknown as Lab);
    await rt.createNode({ name: 'hv1', ip: '192.168.100.2', prefix: 24 });
    await rt.exec('hv1', ['true']);
    await rt.createVms([vm]);
    expect(f.containers[0]!.execs).toHaveLength(1);
    await Promise.all([rt.exec('hv1', ['plug']), rt.exec('vm1', ['lease'])]);
    const [, plug, lease] = f.containers[0]!.execs;
    expect(plug![2]!.split('\n')).toContain('netns add vm1');
    expect(plug!.slice(-1)).toEqual(['plug']);
    expect(lease).toEqual(['ip', 'netns', 'exec', 'vm1', 'lease']);
    expect(f.events.slice(-4)).toEqual(['exec plug', 'end plug', 'exec lease', 'end lease']);
  });

  it('writes the files a command reads in the same exec, before it', async () => {
    const f = fakeDocker();
    const rt = new DockerRuntime('dmz', noExec, () => f.docker);
    await rt.createNode({ name: 'hv1', ip: '192.168.100.2', prefix: 24 });
    await rt.exec('hv1', ['true']);
    await rt.exec('hv1', ['sh', '/run/lab/hv1/x.sh'], { files: [{ path: '/run/lab/hv1/x.sh', content: 'echo "a b"\n', mode: 0o755 }] });
    const [sh, ec, script, zero, content, path, mode, ...argv] = f.containers[0]!.execs[1]!;
    expect([sh, ec, zero]).toEqual(['sh', '-ec', 'sh']);
    expect(script!.split('\n')).toHaveLength(2);
    expect([Buffer.from(content!, 'base64').toString(), path, mode]).toEqual(['echo "a b"\n', '/run/lab/hv1/x.sh', '755']);
    expect(argv).toEqual(['sh', '/run/lab/hv1/x.sh']);
  });

  it("runs a VM's commands in its chassis container, inside the VM namespace", async () => {
    const f = fakeDocker();
    const rt = new DockerRuntime('dmz', noExec, () => f.docker, { vms: [{ name: 'vm1', chassis: 'hv1' }], networks: [] } as unknown as Lab);
    await rt.createNode({ name: 'hv1', ip: '192.168.100.2', prefix: 24 });
    await rt.exec('hv1', ['true']);
    const r = await rt.exec('vm1', ['ip', 'addr']);
    expect(r.exitCode).toBe(0);
    expect(f.containers[0]!.execs.at(-1)).toEqual(['ip', 'netns', 'exec', 'vm1', 'ip', 'addr']);
  });

  it("down removes the lab's containers and network, and nothing of another lab", async () => {
    const f = fakeDocker();
    const mine = new DockerRuntime('dmz', noExec, () => f.docker);
    const other = new DockerRuntime('web', noExec, () => f.docker);
    await mine.createUnderlay('192.168.100.0/24');
    await other.createUnderlay('192.168.101.0/24');
    await mine.createNode({ name: 'hv1', ip: '192.168.100.2', prefix: 24 });
    await other.createNode({ name: 'hv1', ip: '192.168.101.2', prefix: 24 });
    expect(await mine.destroy()).toBe(2);
    expect(f.containers.map((c) => [c.name, c.removed])).toEqual([
      ['lab-dmz-hv1', true],
      ['lab-web-hv1', false],
    ]);
    expect(f.networks.map((n) => [n.name, n.removed])).toEqual([
      ['lab-dmz-underlay', true],
      ['lab-web-underlay', false],
    ]);
    expect(await mine.destroy()).toBe(0);
  });

  it('down gives up on a container the engine never removes, names it, and removes the rest', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const f = fakeDocker();
      const rt = new DockerRuntime('dmz', noExec, () => f.docker);
      await rt.createUnderlay('192.168.100.0/24');
      for (const [name, ip] of [
        ['hv1', '192.168.100.2'],
        ['hv2', '192.168.100.3'],
      ] as const)
        await rt.createNode({ name, ip, prefix: 24 });
      f.containers[0]!.stuck = true;
      const down = rt.destroy().catch((e: Error & { hint?: string }) => e);
      await vi.advanceTimersByTimeAsync(59_000);
      expect(f.containers.map((c) => [c.name, c.removed])).toEqual([
        ['lab-dmz-hv1', false],
        ['lab-dmz-hv2', true],
      ]);
      await vi.advanceTimersByTimeAsync(1_000);
      const e = await down;
      expect(e).toBeInstanceOf(LeftBehind);
      expect((e as Error).message).toBe("lab 'dmz': the Docker engine did not remove lab-dmz-hv1 within 60 s (it took the request and did not answer)");
      expect((e as LeftBehind).hint).toMatch(/run 'lab down dmz'/);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('an exec through the Docker API', () => {
  /** A container whose one exec never ends (dockerd stuck on it), with the stream it was given. */
  const hungContainer = () => {
    const stream = new PassThrough();
    const container = { modem: { demuxStream: (s: PassThrough) => s.resume() }, exec: async () => ({ start: async () => stream, inspect: async () => ({ ExitCode: 0 }) }) };
    return { container: container as unknown as Docker.Container, stream };
  };

  it('once interrupted, is given up after its grace, not waited for for ever', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { container, stream } = hungContainer();
      const ctrlC = new AbortController();
      let result: ExecResult | undefined;
      void dockerExec(container, ['ovs-vsctl', 'show'], { signal: ctrlC.signal }).then((r) => (result = r));
      await vi.advanceTimersByTimeAsync(60_000);
      expect(result).toBeUndefined();
      ctrlC.abort();
      await vi.advanceTimersByTimeAsync(INTERRUPT_GRACE_MS - 1);
      expect(result).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect([result?.exitCode, result?.stderr]).toEqual([130, 'interrupted, and the exec did not end within 10 s']);
      expect(stream.destroyed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('interrupted, one that ends within its grace gives its own result', async () => {
    const { container, stream } = hungContainer();
    const ctrlC = new AbortController();
    ctrlC.abort();
    const r = dockerExec(container, ['true'], { signal: ctrlC.signal });
    setTimeout(() => stream.end(), 20);
    expect((await r).exitCode).toBe(0);
  });
});
