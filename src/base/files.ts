import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { shellLine } from './shell-line.js';

/** A file to write in a node: its path, content and mode (default 0644). */
export interface NodeFile {
  path: string;
  content: string;
  mode?: number;
}

/**
 * File work on the host's file system (state directories, configs and scripts of nodes that share
 * it). Done in-process, not by `mkdir`/`cat`/`chmod` processes; `lab script` swaps in a writer that
 * prints the same work as shell lines.
 */
export interface HostFiles {
  mkdir(path: string): Promise<void>;
  /** Writes `content` to `path` (its directory made first) with `mode`. */
  write(path: string, content: string, mode?: number): Promise<void>;
  /** Copies a file (its directory made first) with `mode`. */
  copy(from: string, to: string, mode?: number): Promise<void>;
}

export const hostFiles: HostFiles = {
  async mkdir(path) {
    await mkdir(path, { recursive: true });
  },
  async write(path, content, mode = 0o644) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, { mode });
    await chmod(path, mode); // the process umask narrows writeFile's mode
  },
  async copy(from, to, mode = 0o644) {
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
    await chmod(to, mode);
  },
};

const HEREDOC = 'LAB_EOF';

/** Files this long or longer that a script writes again (each VM's dhclient-script) are copies of the first. */
const COPIED_FROM = 128;

/**
 * The same work as the shell lines a reader can run (`mkdir -p`, a here-document, `chmod`). A file
 * written before with the same content (at a path not written since) is installed from there: the
 * script of 2000 VMs spells each VM's dhclient-script once, not 2000 times.
 */
export function filesAsShell(push: (line: string) => void): HostFiles {
  const octal = (mode: number) => mode.toString(8);
  // A content's first file, and what each path holds now: a copy is made only from a file that still holds it.
  const written = new Map<string, string>();
  const holds = new Map<string, string>();
  const install = (from: string, to: string, mode: number) => push(shellLine(['install', '-D', '-m', octal(mode), from, to]));
  return {
    async mkdir(path) {
      push(shellLine(['mkdir', '-p', path]));
    },
    async write(path, content, mode = 0o644) {
      const first = content.length >= COPIED_FROM ? written.get(content) : undefined;
      holds.set(path, content);
      if (first !== undefined && first !== path && holds.get(first) === content) return install(first, path, mode);
      if (content.length >= COPIED_FROM) written.set(content, path);
      push(shellLine(['mkdir', '-p', dirname(path)]));
      push(`cat > ${shellLine([path])} <<'${HEREDOC}'\n${content}${content.endsWith('\n') ? '' : '\n'}${HEREDOC}`);
      if (mode !== 0o644) push(shellLine(['chmod', octal(mode), path]));
    },
    async copy(from, to, mode = 0o644) {
      holds.delete(to);
      install(from, to, mode);
    },
  };
}
