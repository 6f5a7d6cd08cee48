import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/base/errors.js';
import { loadTopology, parseTopology } from '../../src/topology/load.js';
import { TopologyError } from '../../src/topology/topology-error.js';

const dmz = readFileSync('labs/dmz.yaml', 'utf8');

describe('--name: one file run under another lab name', () => {
  it("names the lab, and everything made from the name, as --name says, whatever the file's name: is", () => {
    const lab = parseTopology(dmz, 'labs/dmz.yaml', '/x/labs/dmz.yaml', { name: 'wt-dmz' });
    expect(lab.name).toBe('wt-dmz');
    // The rest of the lab is the file's: the same as without --name.
    const plain = parseTopology(dmz, 'labs/dmz.yaml', '/x/labs/dmz.yaml');
    expect({ ...lab, name: plain.name }).toEqual(plain);
  });

  it('gives two copies of one text the same digest, whatever their names, and another text another one', () => {
    const a = parseTopology(dmz, 'a.yaml', undefined, { name: 'room1' });
    const b = parseTopology(dmz, 'b.yaml', undefined, { name: 'room2' });
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(a.digest).toBe(b.digest);
    expect(parseTopology(`${dmz}\n# changed\n`, 'c.yaml').digest).not.toBe(a.digest);
  });

  it('refuses a bad --name before reading the file, with the words a bad name: in a file gets', async () => {
    const err = await loadTopology('no-such-file.yaml', { name: '1room' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toBe(`--name '1room' is not a lab name: a lab name starts with a letter and has only letters, digits, "-" and "_"`);
    const inFile = (() => {
      try {
        parseTopology(dmz.replace(/^name: .*$/m, 'name: 1room'), 'f.yaml');
      } catch (e) {
        return e;
      }
    })();
    expect(inFile).toBeInstanceOf(TopologyError);
    expect((inFile as Error).message).toContain('a lab name starts with a letter and has only letters, digits, "-" and "_"');
    await expect(loadTopology('labs/dmz.yaml', { name: 'a-name-longer-than-twenty' })).rejects.toThrow("--name 'a-name-longer-than-twenty' is not a lab name: a lab name has at most 20 characters");
  });

  it("replaces a file's bad name: (the name that runs is --name's)", () => {
    expect(parseTopology(dmz.replace(/^name: .*$/m, 'name: 1room'), 'f.yaml', undefined, { name: 'room1' }).name).toBe('room1');
  });
});
