import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { missingRequirements } from '../../src/base/host.js';
import { processAlive } from '../../src/base/processes.js';
import { NETNS_REQUIREMENTS } from '../../src/runtime/netns/requirements.js';

export const CLI = resolve('dist/lab/main.js');

/** What an end-to-end test needs that this machine lacks (root, programs, the built CLI). */
function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (run the tests with sudo)');
  for (const r of missingRequirements(NETNS_REQUIREMENTS)) missing.push(`${r.program} (apt-get install ${r.pkg})`);
  if (!existsSync(CLI)) missing.push('the built CLI dist/lab/main.js (npm run build)');
  return missing;
}

/**
 * A describe block for tests against real OVS/OVN. Without its prerequisites it fails in CI,
 * saying what is missing, and is skipped loudly elsewhere: never skipped silently.
 */
export function describeE2E(name: string, body: () => void, extra: string[] = []): void {
  const missing = [...missingPrerequisites(), ...extra];
  if (!missing.length) return describe(name, body);
  if (process.env.CI) {
    return describe(name, () => {
      it('has its prerequisites', () => {
        throw new Error(`end-to-end test '${name}' cannot run: missing ${missing.join(', ')}`);
      });
    });
  }
  console.warn(`SKIPPED end-to-end '${name}': missing ${missing.join(', ')}`);
  return describe.skip(name, body);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the lab CLI as a user would, in plain-output mode. */
export function lab(args: string[], opts: { timeoutMs?: number; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return new Promise((res) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, CI: 'true', ...opts.env }, timeout: opts.timeoutMs ?? 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      res({ code, stdout, stderr });
    });
  });
}

/** Starts the lab CLI without waiting for it (for kill and Ctrl-C tests). */
export function labProcess(args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { env: { ...process.env, CI: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A copy of a lab file from labs/ under a test-only lab name, so tests never collide with a user's lab. */
export function labFile(base: string, name: string, edit: (text: string) => string = (t) => t): string {
  const text = readFileSync(join('labs', `${base}.yaml`), 'utf8').replace(/^name: .*$/m, `name: ${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-e2e-'));
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, edit(text));
  return file;
}

function sh(argv: string[]): Promise<string> {
  return new Promise((res) => execFile(argv[0]!, argv.slice(1), (_e, stdout) => res(stdout)));
}

/** Namespaces of a lab, as the system lists them. */
export async function labNamespaces(name: string): Promise<string[]> {
  const out = await sh(['ip', 'netns', 'list']);
  return out
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter((n) => n.startsWith(`lab.${name}.`));
}

/**
 * PIDs of live processes of a lab: whose command line points into its state directory, or that
 * carry its mark (LAB_DIR=the state directory) in their environment, as every process lab starts
 * for a lab does.
 */
export function labProcesses(name: string, root = '/run/lab'): number[] {
  const needle = `${root}/${name}/`;
  const mark = `\0LAB_DIR=${root}/${name}\0`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || !processAlive(Number(entry))) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const env = `\0${readFileSync(`/proc/${entry}/environ`, 'latin1')}`;
      if (cmd.includes(needle) || env.includes(mark)) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 80);
  } catch {
    return 'ended';
  }
}

/** Everything of a lab still on the machine: namespaces, processes, state files. */
export async function leftovers(name: string, root = '/run/lab'): Promise<string[]> {
  const left = (await labNamespaces(name)).map((n) => `namespace ${n}`);
  left.push(...labProcesses(name, root).map((p) => `process ${p} (${commandOf(p)})`));
  if (existsSync(`${root}/${name}`)) left.push(`state directory ${root}/${name}`);
  return left;
}

/** The host's root network namespace as far as a lab could change it. */
export async function rootNamespaceSnapshot(): Promise<string> {
  const parts = await Promise.all([
    sh(['ip', '-o', 'link', 'show']).then((s) => s.replace(/ qlen \d+/g, '')),
    sh(['ip', '-o', 'addr', 'show']).then((s) => s.replace(/valid_lft \S+ preferred_lft \S+/g, '')),
    sh(['ip', 'route', 'show', 'table', 'all']),
    sh(['sysctl', 'net.ipv4.ip_forward', 'net.ipv4.conf.all.forwarding']),
    sh(['iptables-save']).then((s) => s.replace(/^#.*$/gm, '').replace(/\[\d+:\d+\]/g, '')),
  ]);
  return parts.join('\n---\n');
}

/** Polls until fn returns true or the time is up. */
export async function until(fn: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** Takes the named test labs down before the tests (a crashed earlier run) and after them. */
export function usesLabs(...names: string[]): void {
  const downAll = async () => {
    for (const name of names) await lab(['down', name]);
  };
  beforeAll(downAll);
  afterAll(downAll);
}

/** What the docker end-to-end tests need besides root: a Docker daemon that answers, and the node image of each release asked for. */
export async function dockerPrerequisites(releases: ('bookworm' | 'trixie' | 'sid')[] = ['bookworm']): Promise<string[]> {
  const { default: Docker } = await import('dockerode');
  const { nodeImage } = await import('../../src/runtime/docker/images.js');
  const docker = new Docker();
  try {
    await docker.ping();
  } catch {
    return ['a running Docker daemon (dockerd)'];
  }
  const missing: string[] = [];
  for (const release of releases) {
    try {
      await docker.getImage(nodeImage(release)).inspect();
    } catch {
      missing.push(`the node image ${nodeImage(release)} (lab images build --release ${release})`);
    }
  }
  return missing;
}

/** Containers and networks of a lab, as Docker lists them by the lab's label. */
export async function dockerLeftovers(name: string): Promise<string[]> {
  const { default: Docker } = await import('dockerode');
  const docker = new Docker();
  const filters = { label: [`ovn-lab.lab=${name}`] };
  const containers = await docker.listContainers({ all: true, filters });
  const networks = await docker.listNetworks({ filters });
  return [...containers.map((c) => `container ${c.Names[0]}`), ...networks.map((n) => `network ${n.Name}`)];
}
