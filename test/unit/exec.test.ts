import { describe, expect, it } from 'vitest';
import { BATCH_TRACE, batchFailure, batchScript, createExec, ExecResult, markedFor } from '../../src/base/exec.js';
import { processAlive } from '../../src/base/processes.js';

describe('how lab runs a command', () => {
  it("gives it the environment lab chooses, none of the caller's (BASH_ENV, LD_PRELOAD, its PATH)", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { BASH_ENV: '/tmp/evil.sh', ENV: '/tmp/evil.sh', LD_PRELOAD: '/tmp/evil.so', PATH: `/tmp/evil:${process.env.PATH}`, https_proxy: 'http://proxy.example:3128', SHLVL: '' });
    try {
      const r = await markedFor(createExec(), '/run/lab/demo')(['env'], { env: { OVS_RUNDIR: '/x' } });
      const names = r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('=')[0])
        .filter((n) => n !== 'PWD')
        .sort();
      expect(names).toEqual(['HOME', 'LAB_DIR', 'LANG', 'OVS_RUNDIR', 'PATH', 'https_proxy']);
      expect(r.stdout).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n');
      expect(r.stdout).toContain('LAB_DIR=/run/lab/demo\n');
    } finally {
      process.env = saved;
    }
  });

  it("a batch that fails names the command in it that failed, where, with that command's own error output", async () => {
    const argvs = [
      ['echo', 'a b'],
      ['sh', '-c', 'echo "+ not a trace" >&2'],
      ['printf', 'c\nd\n'],
      ['sh', '-c', 'echo "boom\nbang" >&2; exit 3'],
      ['touch', '/nonexistent/never'],
    ];
    const traced = { nothrow: true, env: { PS4: BATCH_TRACE } };
    const failed = batchFailure(await createExec()(batchScript(argvs), traced), argvs, 'hv2');
    expect(failed.exitCode).toBe(3);
    expect(failed.argv).toEqual(['sh', '-c', 'echo "boom\nbang" >&2; exit 3']);
    expect(failed.stdout).toBe('a b\nc\nd\n');
    expect(failed.message).toBe(`command failed (exit 3) on hv2: sh -c 'echo "boom\nbang" >&2; exit 3'\nboom\nbang`);
    const ok = await createExec()(batchScript(argvs.slice(0, 3)), traced);
    expect(batchFailure(ok, argvs, 'hv2')).toBe(ok);
  });

  it("runs a batch's consecutive ip changes in one namespace as one ip -batch, and names the one of them that failed", async () => {
    const argvs = [
      ['ip', 'netns', 'add', 'lab.t.vm1'],
      ['ip', '-n', 'lab.t.hv1', 'link', 'add', 'name', 'vm1', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', 'lab.t.vm1'],
      ['ip', '-n', 'lab.t.hv1', 'link', 'set', 'dev', 'vm1', 'up'],
      ['ip', 'netns', 'exec', 'lab.t.hv1', 'ethtool', '-K', 'vm1', 'tx', 'off'],
      ['ip', '-n', 'lab.t.vm1', 'link', 'set', 'dev', 'eth0', 'up'],
      ['ip', '-n', 'lab.t.vm1', 'addr', 'add', '10.0.0.2/24', 'dev', 'eth0'],
      ['ip', '-n', 'lab.t.vm1', 'link', 'set', 'dev', 'lo', 'up'],
      ['ip', '-n', 'lab.t.vm1', '-4', 'addr', 'show'],
    ];
    const script = batchScript(argvs)[2]!.split('\n');
    // Five lines for eight commands: the netns, hv1's two, ethtool, vm1's three, the show (it has an option: alone).
    expect(script.filter((l) => l.startsWith('ip ')).length).toBe(5);
    expect(script).toContain("ip -n lab.t.vm1 -batch - <<'LAB_IP'");
    expect(script.slice(script.indexOf("ip -n lab.t.vm1 -batch - <<'LAB_IP'") + 1, script.indexOf("ip -n lab.t.vm1 -batch - <<'LAB_IP'") + 5)).toEqual([
      'link set dev eth0 up',
      'addr add 10.0.0.2/24 dev eth0',
      'link set dev lo up',
      'LAB_IP',
    ]);
    // vm1's second line failed: ip says which, and that is the command named.
    const stderr = [
      `${BATCH_TRACE}ip netns add lab.t.vm1`,
      `${BATCH_TRACE}ip -n lab.t.hv1 -batch -`,
      `${BATCH_TRACE}ip netns exec lab.t.hv1 ethtool -K vm1 tx off`,
      `${BATCH_TRACE}ip -n lab.t.vm1 -batch -`,
      'Error: ipv4: Address already assigned.',
      'Command failed -:2',
      '',
    ].join('\n');
    const failed = batchFailure(new ExecResult(['sh'], 1, '', stderr, 5), argvs, 'vm1');
    expect(failed.argv).toEqual(argvs[5]);
    expect(failed.message).toBe('command failed (exit 1) on vm1: ip -n lab.t.vm1 addr add 10.0.0.2/24 dev eth0\nError: ipv4: Address already assigned.');
  });

  it("adds a chassis' VM namespaces with one ip -batch, never under -n (where the name ip mounts would stay in ip's own mount namespace)", () => {
    const own = batchScript([
      ['ip', 'netns', 'add', 'lab.t.vm1'],
      ['ip', 'netns', 'add', 'lab.t.vm2'],
    ])[2]!.split('\n');
    expect(own).toEqual(["ip -batch - <<'LAB_IP'", 'netns add lab.t.vm1', 'netns add lab.t.vm2', 'LAB_IP']);
    const under = batchScript([
      ['ip', '-n', 'lab.t.hv1', 'netns', 'add', 'lab.t.vm1'],
      ['ip', '-n', 'lab.t.hv1', 'netns', 'add', 'lab.t.vm2'],
    ])[2]!.split('\n');
    expect(under).toEqual(['ip -n lab.t.hv1 netns add lab.t.vm1', 'ip -n lab.t.hv1 netns add lab.t.vm2']);
  });

  it('passes arguments through unchanged, quotes and all, with no shell reading them', async () => {
    const args = ["it's", '$(touch /tmp/x)', '`id`', 'a b', '*', '', 'line\nbreak'];
    const r = await createExec()(['printf', '[%s]', ...args]);
    expect(r.stdout).toBe(args.map((a) => `[${a}]`).join(''));
  });

  it('an abort ends the command and what it started (its process group), at once', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = createExec()(['sh', '-c', 'sleep 30 & echo $! > /dev/stderr; wait'], { signal: controller.signal, nothrow: true });
    await new Promise((r) => setTimeout(r, 300));
    controller.abort('SIGINT');
    const r = await run;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.ok).toBe(false);
    const child = Number(r.stderr.trim());
    await new Promise((res) => setTimeout(res, 100));
    expect(processAlive(child)).toBe(false);
  });
});
