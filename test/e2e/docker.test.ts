import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeE2E, dockerLeftovers, dockerPrerequisites, lab, labFile, labProcess, leftovers, until, usesLabs } from './helpers.js';

const missing = await dockerPrerequisites();
const UP = 'e2e-docker';
const TESTED = 'e2e-docker-test';
const KILLED = 'e2e-docker-kill';
const ROOM = ['e2e-droom-1', 'e2e-droom-2'];

describeE2E(
  'labs/dmz.yaml on the docker runtime',
  () => {
    usesLabs(UP, TESTED, KILLED, ...ROOM);

    it('gives both VMs their leases, pings across containers, and down removes every container and the network', async () => {
      const up = await lab(['up', labFile('dmz', UP), '--runtime', 'docker']);
      expect(up.code).toBe(0);
      const addr = await lab(['exec', '--lab', UP, 'vm1', '--', 'ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
      expect(addr.stdout).toMatch(/inet 172\.16\.255\.130\/26 /);
      const v6 = await lab(['exec', '--lab', UP, 'vm1', '--', 'ip', '-6', '-o', 'addr', 'show', 'dev', 'eth0']);
      expect(v6.stdout).toBe(''); // as on netns: the same plumbing, IPv6 off on VMs of IPv4 labs
      const route = await lab(['exec', '--lab', UP, 'vm1', '--', 'ip', 'route', 'show', 'default']);
      expect(route.stdout).toMatch(/^default via 172\.16\.255\.129 dev eth0/);
      const ping = await lab(['exec', '--lab', UP, 'vm2', '--', 'ping', '-c', '3', '-i', '0.2', '-W', '2', '172.16.255.130']);
      expect(ping.stdout).toMatch(/3 packets transmitted, 3 received/);
      const [status] = JSON.parse((await lab(['status', UP, '--format', 'json'])).stdout);
      expect(status).toMatchObject({ runtime: 'docker', healthy: true });
      const exitCode = await lab(['exec', '--lab', UP, 'central', '--', 'sh', '-c', 'exit 3']);
      expect(exitCode.code).toBe(3);

      expect((await dockerLeftovers(UP)).length).toBe(4); // central, hv1, hv2, network
      expect((await lab(['down', UP])).code).toBe(0);
      expect(await dockerLeftovers(UP)).toEqual([]);
      expect(await leftovers(UP)).toEqual([]);
    });

    it('passes every check of labs/dmz.yaml with lab test --runtime docker', async () => {
      const out = mkdtempSync(join(tmpdir(), 'lab-docker-'));
      const r = await lab(['test', labFile('dmz', TESTED), '--runtime', 'docker', '--json', join(out, 'r.json')]);
      expect(r.stdout).toMatch(/^15 passed, 0 failed$/m);
      expect(r.code).toBe(0);
      const report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
      expect(report.labs[0].checks.find((c: { kind: string }) => c.kind === 'dhcp').seen).toContain('lease 172.16.255.130/26');
      expect(await dockerLeftovers(TESTED)).toEqual([]);
    });

    it('one file twice side by side under --name: the second copy takes a free underlay and says so, and each is checked in place', async () => {
      const first = await lab(['up', 'labs/dmz.yaml', '--name', ROOM[0]!, '--runtime', 'docker']);
      expect(first.code).toBe(0);
      const second = await lab(['up', 'labs/dmz.yaml', '--name', ROOM[1]!, '--runtime', 'docker']);
      expect(second.stderr).toMatch(new RegExp(`lab ${ROOM[1]}: underlay (192\\.168\\.\\d+\\.0/24), because lab '${ROOM[0]}' \\(Docker network [^)]+\\) holds the file's 192\\.168\\.100\\.0/24 on this Docker engine`));
      expect(second.code).toBe(0);
      const underlays = await Promise.all(ROOM.map(async (name) => JSON.parse((await lab(['status', name, '--format', 'json'])).stdout)[0]));
      for (const s of underlays) expect(s).toMatchObject({ runtime: 'docker', healthy: true });
      // The same lab on other addresses: the leases and pings of the file, checked in place on the underlay each came up on.
      for (const name of ROOM) {
        const r = await lab(['test', 'labs/dmz.yaml', '--name', name, '--only', "vm1 leases the notes' address from OVN, with the notes' options and nothing else", '--only', 'vm1 pings vm2 across the tunnel']);
        expect(r.stdout).toContain(`lab ${name}: 2 passed, 0 failed (up 0.00s`);
        expect(r.code).toBe(0);
      }
      const central = await lab(['exec', '--lab', ROOM[1]!, 'central', '--', 'ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
      expect(central.stdout).toMatch(/inet 192\.168\.(?!100\.)\d+\.1\/24 /);
      for (const name of ROOM) {
        expect((await lab(['down', name])).code).toBe(0);
        expect(await dockerLeftovers(name)).toEqual([]);
      }
    });

    it('kill -9 during up: lab down still finds the containers by label and removes them', async () => {
      const child = labProcess(['up', labFile('dmz', KILLED), '--runtime', 'docker']);
      const exited = new Promise((r) => child.on('exit', r));
      const midway = await until(async () => (await dockerLeftovers(KILLED)).length >= 3);
      child.kill('SIGKILL');
      await exited;
      expect(midway).toBe(true);
      expect((await lab(['down', KILLED])).code).toBe(0);
      expect(await dockerLeftovers(KILLED)).toEqual([]);
      expect(await leftovers(KILLED)).toEqual([]);
    });
  },
  missing,
);
