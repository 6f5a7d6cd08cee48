import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unixctl, UnixctlError } from '../../src/base/unixctl.js';
import { nodeShell } from '../../src/ovn/node-shell.js';
import { ExecResult } from '../../src/base/exec.js';
import { parseTopology } from '../../src/topology/load.js';
import type { Runtime } from '../../src/runtime/runtime.js';

/**
 * A control socket that answers as ovs-vswitchd's does (lib/unixctl.c): one JSON object per
 * request, back to back with nothing between, written by `answer` in whatever pieces it likes.
 */
function daemon(answer: (requests: { id: number; method: string; params: string[] }[], socket: Socket) => void): Promise<{ path: string; requests: { method: string; params: string[] }[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-unixctl-'));
  dirs.push(dir);
  const path = join(dir, 'ovs-vswitchd.1.ctl');
  const requests: { id: number; method: string; params: string[] }[] = [];
  const server = createServer((socket) => {
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
      // The requests come back to back too: each ends where its braces close.
      const got = text.match(/\{"id":\d+,"method":"[^"]*","params":\[[^\]]*\]\}/g) ?? [];
      if (got.join('') !== text) return;
      text = '';
      const parsed = got.map((g) => JSON.parse(g) as { id: number; method: string; params: string[] });
      requests.push(...parsed);
      answer(parsed, socket);
    });
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(path, () => resolve({ path, requests })));
}

const servers: Server[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const reply = (id: number, result: string | null, error: string | null = null) => JSON.stringify({ error, id, result });

describe('unixctl: ovs-appctl in this process', () => {
  it('sends every command over one connection and reads the replies sent back to back, across pieces', async () => {
    const d = await daemon((reqs, socket) => {
      const all = reqs.map((r) => reply(r.id, r.method === 'tnl/neigh/show' ? 'IP  MAC  Bridge\n{not json} "quoted }\\"}\n' : 'OK\n')).join('');
      // Split mid-object and mid-string: a reply is whole only where its braces close outside strings.
      socket.write(all.slice(0, 7));
      setTimeout(() => socket.write(all.slice(7, 60)), 5);
      setTimeout(() => socket.write(all.slice(60)), 10);
    });
    const replies = await unixctl(d.path, [['tnl/neigh/set', 'br-phy', '192.168.100.3', '0a:00:c0:a8:64:03'], ['tnl/neigh/set', 'br-phy', '192.168.100.4', '0a:00:c0:a8:64:04'], ['tnl/neigh/show']]);
    expect(replies).toEqual(['OK\n', 'OK\n', 'IP  MAC  Bridge\n{not json} "quoted }\\"}\n']);
    expect(d.requests).toEqual([
      { id: 0, method: 'tnl/neigh/set', params: ['br-phy', '192.168.100.3', '0a:00:c0:a8:64:03'] },
      { id: 1, method: 'tnl/neigh/set', params: ['br-phy', '192.168.100.4', '0a:00:c0:a8:64:04'] },
      { id: 2, method: 'tnl/neigh/show', params: [] },
    ]);
  });

  it('fails with the command the daemon refused and its words', async () => {
    const d = await daemon((reqs, socket) => socket.write(reqs.map((r) => (r.id === 1 ? reply(r.id, null, 'no such bridge\n') : reply(r.id, 'OK\n'))).join('')));
    const failed = await unixctl(d.path, [
      ['tnl/neigh/set', 'br-phy', '10.0.0.1', '0a:00:00:00:00:01'],
      ['tnl/neigh/set', 'br-nope', '10.0.0.2', '0a:00:00:00:00:02'],
    ]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(UnixctlError);
    expect((failed as UnixctlError).command).toEqual(['tnl/neigh/set', 'br-nope', '10.0.0.2', '0a:00:00:00:00:02']);
    expect((failed as Error).message).toBe('ovs-appctl tnl/neigh/set br-nope 10.0.0.2 0a:00:00:00:00:02: no such bridge');
  });

  it('fails when the daemon closes before answering every command', async () => {
    const d = await daemon((reqs, socket) => socket.end(reply(reqs[0]!.id, 'OK\n')));
    await expect(unixctl(d.path, [['a'], ['b']])).rejects.toThrow(/closed after 1 of 2 replies/);
  });
});

describe("a node shell's appctl", () => {
  const lab = parseTopology('name: t\nchassis: { hv1: {} }\nswitches: { s: { subnet: 10.0.0.0/24 } }\nvms: { vm1: { chassis: hv1, switch: s, ip: 10.0.0.10 } }\n', 't.yaml');
  /** A runtime whose commands are noted, with the given in-process appctl (or none). */
  const runtime = (appctl?: Runtime['appctl']) => {
    const ran: string[][] = [];
    const rt = {
      runDir: (n: string) => `/run/lab/t/nodes/${n}`,
      recording: false,
      exec: async (_node: string, argv: readonly string[]) => (ran.push([...argv]), new ExecResult(argv, 0, 'from ovs-appctl\n', '', 1)),
      ...(appctl ? { appctl } : {}),
    } as unknown as Runtime;
    return { rt, ran };
  };

  it("sends from this process where the runtime can, and says what a refused command's ovs-appctl would", async () => {
    const { rt, ran } = runtime(async (_n, _d, commands) => {
      if (commands.some((c) => c[1] === 'br-nope')) throw new UnixctlError(commands[0]!, 'no such bridge\n');
      return commands.map(() => 'OK\n');
    });
    const hv1 = nodeShell(rt, lab, 'hv1', 'chassis');
    expect(await hv1.appctl([['tnl/neigh/set', 'br-phy', '10.0.0.1', '0a:00:00:00:00:01']])).toBe('OK\n');
    const refused = await hv1.appctl([['tnl/neigh/set', 'br-nope', '10.0.0.1', '0a:00:00:00:00:01']]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ExecResult);
    expect((refused as ExecResult).message).toBe('command failed (exit 2) on hv1: ovs-appctl tnl/neigh/set br-nope 10.0.0.1 0a:00:00:00:00:01\nno such bridge');
    expect(ran).toEqual([]);
  });

  it('runs ovs-appctl in the node where the socket cannot be reached, or the runtime has no way to', async () => {
    const unreachable = runtime(async () => Promise.reject(Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' })));
    expect(await nodeShell(unreachable.rt, lab, 'hv1', 'chassis').appctl([['tnl/neigh/show']])).toBe('from ovs-appctl\n');
    expect(unreachable.ran[0]!.join(' ')).toContain('ovs-appctl tnl/neigh/show');
    const none = runtime();
    await nodeShell(none.rt, lab, 'hv1', 'chassis').appctl([
      ['tnl/neigh/set', 'br-phy', '10.0.0.1', 'a'],
      ['tnl/neigh/set', 'br-phy', '10.0.0.2', 'b'],
    ]);
    expect(none.ran).toHaveLength(1);
  });
});
