import { expect, it } from 'vitest';
import { describeE2E, dockerLeftovers, dockerPrerequisites, lab, labFile, leftovers, usesLabs } from './helpers.js';

const NAME = 'e2e-ssl';
const DOCKER = 'e2e-dssl';
const withSsl = (t: string) => t.replace(/^(name: .*)$/m, '$1\ncentral: { ssl: true }');

describeE2E('central: { ssl: true } on the netns runtime', () => {
  usesLabs(NAME);

  it("chassis reach SB over SSL with the lab's certificates; plain TCP and SSL without a key are refused", async () => {
    const test = await lab(['test', labFile('dmz', NAME, withSsl), '--keep']);
    expect(test.stdout).toMatch(/^15 passed, 0 failed$/m);
    const remote = await lab(['vsctl', '--lab', NAME, 'hv1', '--', 'get', 'Open_vSwitch', '.', 'external_ids:ovn-remote']);
    expect(remote.stdout.trim()).toBe('"ssl:192.168.100.1:6642"');
    const chassis = await lab(['sbctl', '--lab', NAME, '--', '--bare', '--columns=name', 'list', 'Chassis']);
    expect(chassis.stdout.split('\n').filter(Boolean).sort()).toEqual(['hv1', 'hv2']);
    const tcp = await lab(['exec', '--lab', NAME, 'hv1', '--', 'ovn-sbctl', '--timeout=3', '--db=tcp:192.168.100.1:6642', 'show']);
    expect(tcp.code).not.toBe(0);
    const noKey = await lab(['exec', '--lab', NAME, 'hv1', '--', 'ovn-sbctl', '--timeout=3', 'show']);
    expect(noKey.stderr).toContain('Private key must be configured to use SSL');
    expect(noKey.code).not.toBe(0);
    expect((await lab(['down', NAME])).code).toBe(0);
    expect(await leftovers(NAME)).toEqual([]);
  });
});

const missing = await dockerPrerequisites();
describeE2E(
  'central: { ssl: true } on the docker runtime',
  () => {
    usesLabs(DOCKER);

    it('passes every check of dmz with SSL between containers', async () => {
      const test = await lab(['test', labFile('dmz', DOCKER, withSsl), '--runtime', 'docker']);
      expect(test.stdout).toMatch(/^15 passed, 0 failed$/m);
      expect(await dockerLeftovers(DOCKER)).toEqual([]);
    });
  },
  missing,
);
