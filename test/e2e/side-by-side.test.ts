import { expect, it } from 'vitest';
import { usesLabs, describeE2E, lab, labFile, leftovers } from './helpers.js';

const A = 'e2e-left';
const B = 'e2e-right';

describeE2E('two labs side by side', () => {
  usesLabs(A, B);

  it('run at once with the same addresses, each in its own namespaces, and go down one at a time', async () => {
    const [a, b] = await Promise.all([lab(['up', labFile('dmz', A)]), lab(['up', labFile('dmz', B)])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    for (const name of [A, B]) {
      const ping = await lab(['exec', '--lab', name, 'vm2', '--', 'ping', '-c', '2', '-i', '0.2', '-W', '2', '172.16.255.130']);
      expect(ping.stdout).toMatch(/2 packets transmitted, 2 received/);
    }
    const ambiguous = await lab(['exec', 'vm1', '--', 'true']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('--lab');

    expect((await lab(['down', A])).code).toBe(0);
    expect(await leftovers(A)).toEqual([]);
    const status = await lab(['status', B, '--format', 'json']);
    expect(JSON.parse(status.stdout)[0].healthy).toBe(true);
    const ping = await lab(['exec', '--lab', B, 'vm1', '--', 'ping', '-c', '1', '-W', '2', '172.16.255.131']);
    expect(ping.code).toBe(0);
    expect((await lab(['down', B])).code).toBe(0);
    expect(await leftovers(B)).toEqual([]);
  });
});
