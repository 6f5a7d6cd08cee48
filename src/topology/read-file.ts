import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../base/errors.js';

/** Topology files are small; anything larger is not one (and is not read into memory). */
export const MAX_TOPOLOGY_BYTES = 1024 * 1024;

/** The file name that means "the topology on standard input" (`lab up - < dmz.yaml`). */
export const STDIN = '-';

/** Standard input as a topology's text, refused past {@link MAX_TOPOLOGY_BYTES} and on a terminal (it would wait for typing). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UserError("'-' reads the topology from standard input, which is a terminal", "pipe the file in: 'lab up - < FILE' or 'cat FILE | lab up -'");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_TOPOLOGY_BYTES) throw new UserError(`standard input has more than ${MAX_TOPOLOGY_BYTES} bytes; a topology file has at most ${MAX_TOPOLOGY_BYTES}`, 'check that this is the file you meant');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

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
  if (file === STDIN) return readStdin();
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
