import { describe, expect, it } from 'vitest';
import { lab, labFile } from './helpers.js';

describe('the CLI on bad input (nothing is created)', () => {
  it('validate: exit 0 for labs/dmz.yaml', async () => {
    const r = await lab(['validate', 'labs/dmz.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('labs/dmz.yaml: valid');
  });

  it('validate and up: exit 2 with file:line:column for a typo', async () => {
    const file = labFile('dmz', 'e2e-bad', (t) => t.replace('    chassis: hv2', '    chassis: hv3'));
    for (const verb of ['validate', 'up']) {
      const r = await lab([verb, file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file}:26:14: unknown chassis 'hv3' (chassis in this file: hv1, hv2)`);
    }
  });

  it('schema prints a JSON Schema that rejects unknown keys', async () => {
    const r = await lab(['schema']);
    const schema = JSON.parse(r.stdout);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'chassis', 'switches', 'vms']));
  });

  it('up of a missing file says so', async () => {
    const r = await lab(['up', '/tmp/does-not-exist.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read topology file /tmp/does-not-exist.yaml');
  });
});
