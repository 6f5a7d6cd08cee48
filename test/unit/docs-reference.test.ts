import { describe, expect, it } from 'vitest';
import { checksReference, topologyReference } from '../docs/reference.js';

// The references are written from the schema and the check-kind specs; `npm run docs` rewrites
// them (vitest --update), and this fails when a field, a description or a kind changed without.
describe('generated references in docs/reference/', () => {
  it('topology.md is the topology schema', async () => {
    await expect(topologyReference(), 'docs/reference/topology.md is stale: run npm run docs').toMatchFileSnapshot('../../docs/reference/topology.md');
  });

  it('checks.md is the check-kind specs, with an example of each kind from labs/', async () => {
    await expect(checksReference(), 'docs/reference/checks.md is stale: run npm run docs').toMatchFileSnapshot('../../docs/reference/checks.md');
  });
});
