import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../base/errors.js';

/** Topology files are small; anything larger is not one (and is not read into memory). */
export const MAX_TOPOLOGY_BYTES = 1024 * 1024;

function kindOf(st: Awaited<ReturnType<typeof stat>>): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Reads a topology file's text. Only regular files: reading a named pipe or a device would
 * block or never end, so those are refused before any read.
 */
export async function readTopologyText(file: string): Promise<string> {
  let st;
  try {
    st = await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UserError(`cannot read topology file ${file}: ${why}`, 'check the path', { cause: err });
  }
  if (!st.isFile()) throw new UserError(`${file} is ${kindOf(st)}, not a topology file`, 'give the path of a topology YAML file');
  if (st.size > MAX_TOPOLOGY_BYTES) {
    throw new UserError(`${file} has ${st.size} bytes; a topology file has at most ${MAX_TOPOLOGY_BYTES}`, 'check that this is the file you meant');
  }
  return readFile(file, 'utf8');
}
