import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { scriptLab } from '../../src/core/script.js';
import { loadTopology, parseTopology } from '../../src/topology/load.js';
import { generateLab } from '../../src/core/generate.js';
import { startCentralDaemon } from '../../src/ovn/central.js';
import type { NodeShell } from '../../src/ovn/node-shell.js';
import type { Lab } from '../../src/topology/model.js';

/**
 * Each lab's `lab script` output, compared with the one committed in test/golden/: a change to the
 * commands `lab up` runs shows here as a diff, in review. The script is made in process, as
 * `lab script labs/NAME.yaml` makes it from the repository root, run by root (the record's owner)
 * with LAB_STATE_DIR unset; the checkout's own path (in the record's `file`) is written as <repo>.
 */
// The script must not depend on the host, yet making it asks whether the lab's underlay namespace
// exists (NetnsRuntime.createUnderlay stats /run/netns and, when a lab of that name is up here,
// writes its inode into that lab's state directory, which fails for a user other than root). Here
// no namespace exists, so the test neither touches a lab that is up nor fails beside one.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const absent = (path: string) => Object.assign(new Error(`ENOENT: no such file or directory, stat '${path}'`), { code: 'ENOENT', path });
  const stat = ((path: Parameters<typeof fs.stat>[0], ...rest: [never]) => (String(path).startsWith('/run/netns/') ? Promise.reject(absent(String(path))) : fs.stat(path, ...rest))) as typeof fs.stat;
  return { ...fs, stat, default: { ...fs, stat } };
});

const ROOT = resolve(import.meta.dirname, '../..');
const GOLDEN = join(ROOT, 'test/golden');
const HINT = 'the script of this lab changed: if that is meant, run `npm run golden` and commit test/golden/';
const LABS = readdirSync(join(ROOT, 'labs'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

describe('lab script of every lab matches test/golden/', () => {
  beforeEach(() => {
    vi.stubEnv('LAB_STATE_DIR', undefined);
    vi.stubEnv('SUDO_USER', 'root');
    vi.stubEnv('SUDO_UID', '0');
    return () => vi.unstubAllEnvs();
  });

  it.each(LABS)('%s', async (name) => {
    // As typed at the repository root (vitest runs there): the path appears in the script as given.
    const source = `labs/${name}.yaml`;
    const script = Buffer.concat(await scriptLab(await loadTopology(source), source)).toString();
    await expect(script.replaceAll(`${ROOT}/`, '<repo>/'), HINT).toMatchFileSnapshot(join(GOLDEN, `${name}.sh`));
  });

  it('has no golden script of a lab that is gone', () => {
    const stale = readdirSync(GOLDEN).filter((f) => f.endsWith('.sh') && !LABS.includes(f.slice(0, -'.sh'.length)));
    expect(stale, 'delete the golden script of each lab removed from labs/').toEqual([]);
  });
});

describe('a lab of hundreds of chassis tunes OVS and OVN as deployments of that size do', () => {
  const script = async (chassis: number) => {
    const lab = parseTopology(generateLab({ name: 'big', chassis, vmsPerChassis: 1, chassisPerSwitch: 10, runtime: 'netns' }), 'big.yaml');
    return Buffer.concat(await scriptLab(lab, 'big.yaml'))
      .toString()
      .split('\n');
  };
  /** The chassis' settings, and the probe of the SB server's Connection row (undefined: none). */
  const settings = async (chassis: number) => {
    const lines = await script(chassis);
    const hv1 = lines.find((l) => l.startsWith('in_node hv1 ovs-vsctl --timeout=30 -- add-br br-phy'))!;
    const sb = lines.find((l) => l.includes(' set-connection '));
    return [...['max-revalidator', 'stats-update-interval', 'ovn-remote-probe-interval'].map((k) => new RegExp(`:${k}=(\\d+)`).exec(hv1)?.[1]), sb && /--inactivity-probe=(\d+) set-connection ptcp:6642:/.exec(sb)?.[1]];
  };
  const sbRemote = async (chassis: number) =>
    (await script(chassis))
      .find((l) => l.includes('ovnsb_db.ctl ovsdb-server/add-remote'))
      ?.split(' ')
      .at(-1);

  it("keeps OVS's and OVN's defaults up to 50 chassis, where checks read packet counters at once", async () => {
    expect(await settings(50)).toEqual([undefined, undefined, undefined, undefined]);
    expect(await sbRemote(50)).toMatch(/^ptcp:6642:/);
  });

  it('above, revalidates and writes statistics less often, and the chassis and the SB probe each other less often, as the lab grows', async () => {
    expect(await settings(120)).toEqual(['1200', '12000', '12000', '12000']);
    expect(await settings(600)).toEqual(['5000', '60000', '60000', '60000']);
    // The SB listens through its Connection row, written after the chassis' rows.
    const lines = await script(120);
    expect(await sbRemote(120)).toBe('db:OVN_Southbound,SB_Global,connections');
    expect(lines.findIndex((l) => l.includes(' set-connection '))).toBeGreaterThan(lines.findIndex((l) => l.includes(' chassis-add ')));
  });

  it('an SB started again after a kill listens through its Connection row where it had one, and keeps its probe', async () => {
    const remoteOf = async (central: Lab['central'], chassis: number) => {
      const started: string[][] = [];
      const node = { name: central.members?.[0]?.name ?? 'central', runDir: '/r', runAll: async (commands: string[][]) => void started.push(...commands) } as unknown as NodeShell;
      await startCentralDaemon(node, central, 'ovnsb_db', chassis);
      return started[0]!.filter((a) => a.startsWith('--remote=') && !a.startsWith('--remote=punix:'));
    };
    const big = parseTopology(generateLab({ name: 'big', chassis: 120, vmsPerChassis: 1, chassisPerSwitch: 10, runtime: 'netns' }), 'big.yaml');
    expect(await remoteOf(big.central, 120)).toEqual(['--remote=db:OVN_Southbound,SB_Global,connections']);
    expect(await remoteOf(big.central, 50)).toEqual([`--remote=ptcp:6642:${big.central.ip}`]);
    // A cluster's members each listen on their own address: no shared row.
    const cluster = (await loadTopology('labs/central-ha.yaml')).central;
    expect(await remoteOf(cluster, 120)).toEqual([`--remote=ptcp:6642:${cluster.members![0]!.ip}`]);
  });
});
