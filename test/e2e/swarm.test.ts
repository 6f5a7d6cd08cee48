import { execFile } from 'node:child_process';
import { renameSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { nodeImage } from '../../src/runtime/docker/images.js';
import { findProgram } from '../../src/base/host.js';
import { describeE2E, dockerPrerequisites, lab, labFile, usesLabs } from './helpers.js';

/**
 * Labs across two real Docker engines joined in a swarm: test/swarm/engines.sh starts two dockerd
 * on this machine, each in its own network namespace with its own data-root, exec-root, socket and
 * containerd, joined by a link (jumbo frames, like a data centre's network), engine a the manager.
 */
const ENGINES_SH = 'test/swarm/engines.sh';
const SOCK = { a: '/run/lab-test-engines/a/docker.sock', b: '/run/lab-test-engines/b/docker.sock' };
const ENGINES = `a=unix://${SOCK.a},b=unix://${SOCK.b}`;
const DMZ = 'e2e-swarm-dmz';
const BIG = 'e2e-swarm-big';
const REFUSED = 'e2e-swarm-refused';
const AWAY = 'e2e-swarm-away';

const missing = [...(await dockerPrerequisites()), ...['dockerd', 'nsenter'].filter((p) => !findProgram(p)).map((p) => `${p} (apt-get install docker.io util-linux)`)];

function run(argv: string[], timeout = 240_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(argv[0]!, argv.slice(1), { timeout, maxBuffer: 1 << 26 }, (err, stdout, stderr) => res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

const docker = (engine: 'a' | 'b', ...args: string[]) => run(['docker', '-H', `unix://${SOCK[engine]}`, ...args]);

/** What an engine has that a lab could leave behind: every container and every network, by name. */
async function contents(engine: 'a' | 'b'): Promise<string[]> {
  const containers = (await docker(engine, 'ps', '-a', '--format', 'container {{.Names}}')).stdout;
  const networks = (await docker(engine, 'network', 'ls', '--format', 'network {{.Name}}')).stdout;
  return [...containers.split('\n'), ...networks.split('\n')].filter(Boolean).sort();
}

async function containersOf(engine: 'a' | 'b', name: string): Promise<string[]> {
  const out = (await docker(engine, 'ps', '-a', '--filter', `label=ovn-lab.lab=${name}`, '--format', '{{.Names}}')).stdout;
  return out.split('\n').filter(Boolean).sort();
}

describeE2E(
  'labs across two Docker engines joined in a swarm',
  () => {
    let before: { a: string[]; b: string[] };
    beforeAll(async () => {
      await run(['bash', ENGINES_SH, 'down']);
      const up = await run(['bash', ENGINES_SH, 'up', nodeImage('bookworm')]);
      if (up.code !== 0) throw new Error(`engines.sh up failed: ${up.stderr}`);
      before = { a: await contents('a'), b: await contents('b') };
    }, 300_000);
    // After hooks run last-registered first: the labs go down while their engines still run.
    afterAll(async () => {
      await run(['bash', ENGINES_SH, 'down']);
    }, 120_000);
    usesLabs(DMZ, BIG, REFUSED, AWAY);

    // A lab an assertion left up would fail the tests after it: each test takes its lab down at the end.
    afterEach(async () => {
      for (const name of [DMZ, BIG, REFUSED, AWAY]) await lab(['down', name]);
    }, 120_000);

    it('runs dmz with central and hv1 on one engine, hv2 on the other: every check passes, full-size packets cross, down leaves both engines as they were', async () => {
      const up = await lab(['up', labFile('dmz', DMZ), '--runtime', 'docker', '--engines', ENGINES], { timeoutMs: 180_000 });
      expect(up.code, up.stderr).toBe(0);
      expect(await containersOf('a', DMZ)).toEqual([`lab-${DMZ}-central`, `lab-${DMZ}-hv1`]);
      expect(await containersOf('b', DMZ)).toEqual([`lab-${DMZ}-hv2`]);
      const [status] = JSON.parse((await lab(['status', DMZ, '--format', 'json'])).stdout);
      expect(status.nodes.find((n: { name: string }) => n.name === 'hv2').engine).toBe(`b (unix://${SOCK.b})`);
      expect(status.nodes.find((n: { name: string }) => n.name === 'vm2').engine).toBe(`b (unix://${SOCK.b})`);
      const text = (await lab(['status', DMZ])).stdout;
      expect(text).toMatch(/^hv2\s+chassis\s+up\s+b \(unix:\/\/\/run\/lab-test-engines\/b\/docker.sock\)/m);
      // The underlay is an attachable overlay made on the manager, sized for the VMs' 1400 bytes.
      const net = JSON.parse((await docker('a', 'network', 'inspect', `lab-${DMZ}-underlay`)).stdout)[0];
      expect(net).toMatchObject({ Driver: 'overlay', Attachable: true, Internal: true, Options: { 'com.docker.network.driver.mtu': '1508' } });
      const test = await lab(['test', DMZ], { timeoutMs: 180_000 });
      expect(test.stdout).toMatch(/^15 passed, 0 failed$/m);
      expect(test.stdout + test.stderr).toMatch(/PASS\] a full-size packet crosses the tunnel/);
      // One byte more than the VM's MTU does not leave it.
      const over = await lab(['exec', '--lab', DMZ, 'vm1', '--', 'ping', '-c', '1', '-W', '1', '-M', 'do', '-s', '1373', '172.16.255.131']);
      expect(over.stdout + over.stderr).toMatch(/message too long, mtu=1400/);
      expect((await lab(['down', DMZ])).code).toBe(0);
      expect({ a: await contents('a'), b: await contents('b') }).toEqual(before);
    }, 300_000);

    it('brings up 20 chassis spread over both engines from LAB_ENGINES: every check passes, every VM leased, pings across engines, and down removes all of it', async () => {
      const generated = await lab(['generate', '--chassis', '20', '--vms-per-chassis', '1', '--name', BIG, '--runtime', 'docker']);
      const file = labFile('dmz', BIG, () => generated.stdout);
      const up = await lab(['up', file], { timeoutMs: 300_000, env: { LAB_ENGINES: ENGINES } });
      expect(up.code, up.stderr).toBe(0);
      expect(up.stdout).toMatch(/hv20-vm1\s+10\.0\.0\.\d+\/24/);
      expect((await containersOf('a', BIG)).length).toBe(11); // central and hv1, hv3 … hv19
      expect((await containersOf('b', BIG)).length).toBe(10); // hv2, hv4 … hv20
      // Every check of the generated lab: all 20 chassis registered, the full tunnel mesh, leases, a
      // ping hv1 → hv20, and the daemons check every lab gets.
      const test = await lab(['test', BIG], { timeoutMs: 180_000 });
      expect(test.stdout).toMatch(/^6 passed, 0 failed$/m);
      const to = /hv20-vm1\s+(10\.0\.0\.\d+)\//.exec(up.stdout)![1]!;
      const ping = await lab(['exec', '--lab', BIG, 'hv1-vm1', '--', 'ping', '-c', '3', '-i', '0.2', '-W', '2', to]);
      expect(ping.stdout).toMatch(/3 packets transmitted, 3 received/);
      expect((await lab(['down', BIG])).code).toBe(0);
      expect({ a: await contents('a'), b: await contents('b') }).toEqual(before);
    }, 400_000);

    it('refuses a network between engines too small for the overlay, says what to set, and leaves nothing', async () => {
      await run(['bash', ENGINES_SH, 'mtu', '1500']);
      try {
        const up = await lab(['up', labFile('dmz', REFUSED), '--runtime', 'docker', '--engines', ENGINES], { timeoutMs: 180_000 });
        expect(up.code).toBe(1);
        expect(up.stderr).toMatch(/the network between Docker engines 'a' and 'b' does not carry the lab's 1458-byte underlay packets/);
        expect(up.stderr).toMatch(/underlay: \{ mtu: 1450 \}/);
        expect({ a: await contents('a'), b: await contents('b') }).toEqual(before);
        // What the hint says: the underlay at 1450, and VMs get 1392, enough for a full-size ping.
        const fits = labFile('dmz', REFUSED, (t) => t.replace('chassis:\n', 'underlay:\n  mtu: 1450\nchassis:\n'));
        const fitting = await lab(['up', fits, '--runtime', 'docker', '--engines', ENGINES], { timeoutMs: 180_000 });
        expect(fitting.code, fitting.stderr).toBe(0);
        const full = await lab(['exec', '--lab', REFUSED, 'vm1', '--', 'ping', '-c', '2', '-i', '0.2', '-W', '2', '-M', 'do', '-s', '1364', '172.16.255.131']);
        expect(full.stdout).toMatch(/2 packets transmitted, 2 received/);
        const over = await lab(['exec', '--lab', REFUSED, 'vm1', '--', 'ping', '-c', '1', '-W', '1', '-M', 'do', '-s', '1365', '172.16.255.131']);
        expect(over.stdout + over.stderr).toMatch(/message too long, mtu=1392/);
        expect((await lab(['down', REFUSED])).code).toBe(0);
      } finally {
        await run(['bash', ENGINES_SH, 'mtu', '9000']);
      }
    }, 300_000);

    it('refuses, before anything is made, an engine that does not answer, one outside the swarm and a worker listed first', async () => {
      const file = labFile('dmz', REFUSED);
      const cases: [string, RegExp][] = [
        [`a=unix://${SOCK.a},c=unix:///run/lab-test-engines/none.sock`, /Docker engine 'c' \(unix:\/\/\/run\/lab-test-engines\/none.sock\) did not answer/],
        [`a=unix://${SOCK.a},host=unix:///var/run/docker.sock`, /Docker engine 'host' \(unix:\/\/\/var\/run\/docker.sock\) is not part of the swarm of 'a'/],
        [`b=unix://${SOCK.b},a=unix://${SOCK.a}`, /Docker engine 'b' .* is a swarm worker: the first engine of a lab must be a manager/],
        ['a=http://example', /--engines: 'http:\/\/example' is not a Docker engine address/],
      ];
      for (const [engines, message] of cases) {
        const up = await lab(['up', file, '--runtime', 'docker', '--engines', engines]);
        expect(up.code).toBe(2);
        expect(up.stderr).toMatch(message);
        expect(up.stderr).toMatch(/^hint: /m);
        expect({ a: await contents('a'), b: await contents('b') }).toEqual(before);
      }
    }, 120_000);

    it('lab down with an engine away removes what it reaches, keeps the record, and finishes once the engine is back', async () => {
      // What the up said, when it fails (once in a full CI run, the first time this test failed).
      const up = await lab(['up', labFile('dmz', AWAY), '--runtime', 'docker', '--engines', ENGINES], { timeoutMs: 180_000 });
      expect(up.code, up.stderr).toBe(0);
      renameSync(SOCK.b, `${SOCK.b}.away`);
      try {
        const down = await lab(['down', AWAY]);
        expect(down.code).toBe(2);
        expect(down.stderr).toMatch(/Docker engine 'b' .* did not answer, so the lab's containers and networks there are still there/);
        expect(down.stderr).toMatch(new RegExp(`run 'lab down ${AWAY}' again once it answers`));
        expect(await containersOf('a', AWAY)).toEqual([]);
        expect(JSON.parse((await lab(['status', AWAY, '--format', 'json'])).stdout)[0].name).toBe(AWAY);
      } finally {
        renameSync(`${SOCK.b}.away`, SOCK.b);
      }
      expect(await containersOf('b', AWAY)).toEqual([`lab-${AWAY}-hv2`]);
      expect((await lab(['down', AWAY])).code).toBe(0);
      expect({ a: await contents('a'), b: await contents('b') }).toEqual(before);
    }, 300_000);
  },
  missing,
);
