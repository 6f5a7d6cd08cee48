import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/base/errors.js';
import { checkStateDir, claimLab, holdForRemoval, listLabs, readRecord, releaseLab, RECORD_FORMAT, type LabRecord } from '../../src/core/lab-store.js';
import { parseTopology } from '../../src/topology/load.js';

const lab = parseTopology('name: demo\nchassis: { hv1: {} }\n', 'demo.yaml');
let root: string;

function record(over: Partial<LabRecord> = {}): LabRecord {
  return { format: RECORD_FORMAT, lab, runtime: 'netns', datapath: 'netdev', createdAt: 'now', owner: { user: 'alice', uid: 1000 }, maker: { pid: process.pid, start: '1', command: 'up' }, state: 'starting', ...over };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lab-store-'));
  process.env.LAB_STATE_DIR = root;
});

describe('the lab record and the claim of a name', () => {
  it('a claim makes the state directory with its record in it, and leaves no hidden claim behind', async () => {
    await claimLab(record());
    expect(readdirSync(root)).toEqual(['demo']);
    expect(await readRecord('demo')).toMatchObject({ owner: { user: 'alice' }, state: 'starting' });
    expect(await listLabs()).toEqual(['demo']);
  });

  it('a second claim says who has the name and that it is coming up, while its maker runs', async () => {
    await claimLab(record());
    await expect(claimLab(record())).rejects.toThrow("lab 'demo' is coming up, made by alice");
    writeFileSync(join(root, 'demo', 'lab.json'), JSON.stringify(record({ state: 'up' })));
    await expect(claimLab(record())).rejects.toThrow("lab 'demo' is already up");
  });

  it('an empty directory of that name is not taken over, nor removed, nor listed', async () => {
    mkdirSync(join(root, 'demo'));
    const inode = statSync(join(root, 'demo')).ino;
    await expect(claimLab(record())).rejects.toThrow(`${root}/demo exists and is not a lab's state directory`);
    expect(statSync(join(root, 'demo')).ino).toBe(inode);
    expect(readdirSync(join(root, 'demo'))).toEqual([]);
    await expect(checkStateDir('demo')).rejects.toThrow("has no lab record (lab.json), so it is not a lab's state directory");
    expect(await listLabs()).toEqual([]);
  });

  it('a down that holds the name makes a claim fail, and the claim takes nothing with it', async () => {
    const release = await holdForRemoval('demo');
    expect(release).toBeDefined();
    const err = await claimLab(record()).catch((e: Error) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe("lab 'demo' is being taken down");
    expect(readdirSync(root)).toEqual(['.demo.down']);
    await release!();
    await claimLab(record());
    // A down that comes second sees the claim and goes by the record.
    expect(await holdForRemoval('demo')).toBeUndefined();
    expect(readdirSync(root)).toEqual(['demo']);
  });

  it('release removes the lab and claims its killed ups left, not a live one', async () => {
    await claimLab(record());
    mkdirSync(join(root, '.demo.999999999.claim'));
    mkdirSync(join(root, `.demo.${process.pid}.claim`));
    await releaseLab('demo');
    expect(readdirSync(root)).toEqual([`.demo.${process.pid}.claim`]);
  });

  it('reads a record of format 1 as made by an unknown owner and up; refuses a later format, saying what to do', async () => {
    mkdirSync(join(root, 'demo'));
    writeFileSync(join(root, 'demo', 'lab.json'), JSON.stringify({ lab, runtime: 'netns', datapath: 'netdev', createdAt: 'then', pid: 42 }));
    expect(await readRecord('demo')).toMatchObject({ format: 1, owner: { user: 'unknown' }, maker: { pid: 42 }, state: 'up' });
    writeFileSync(join(root, 'demo', 'lab.json'), JSON.stringify({ ...record(), format: 3 }));
    await expect(readRecord('demo')).rejects.toThrow("lab 'demo' was made by a newer lab (record format 3; this one reads up to 2)");
  });
});
