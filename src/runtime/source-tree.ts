import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../base/errors.js';

/** An OVN or OVS source tree: checked out or unpacked, built or not. */
export type SourceKind = 'ovn' | 'ovs';

/** The package name each tree's configure.ac gives (AC_INIT). */
const PACKAGE: Record<SourceKind, string> = { ovn: 'ovn', ovs: 'openvswitch' };
const TITLE: Record<SourceKind, string> = { ovn: 'OVN', ovs: 'Open vSwitch' };

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The commit a tree was made from: its git HEAD (a checkout, a worktree or a submodule, read from
 * .git without running git), else the commit a `git archive` tarball carried, which whoever
 * unpacked it kept in .git-archive-commit (`git get-tar-commit-id < tarball`).
 */
export function treeCommit(dir: string): string | undefined {
  const archived = readText(join(dir, '.git-archive-commit'))?.trim();
  let git = join(dir, '.git');
  const link = /^gitdir: (.+)$/m.exec(readText(git) ?? '')?.[1]?.trim();
  if (link) git = isAbsolute(link) ? link : resolve(dir, link);
  const head = readText(join(git, 'HEAD'))?.trim();
  if (!head) return archived && /^[0-9a-f]{40}$/.test(archived) ? archived : undefined;
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = /^ref: (.+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  // A worktree keeps its refs in the repository it belongs to.
  const common = readText(join(git, 'commondir'))?.trim();
  const dirs = [git, ...(common ? [resolve(git, common)] : [])];
  for (const d of dirs) {
    const loose = readText(join(d, ref))?.trim();
    if (loose && /^[0-9a-f]{40}$/.test(loose)) return loose;
    const packed = new RegExp(`^([0-9a-f]{40}) ${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').exec(readText(join(d, 'packed-refs')) ?? '')?.[1];
    if (packed) return packed;
  }
  return undefined;
}

/** A source tree looked at: where it is, the version its configure.ac gives, and its commit. */
export interface SourceTree {
  dir: string;
  version: string;
  commit?: string;
}

/**
 * An OVN or OVS source tree (a checkout with its submodule, or an unpacked release), refused with
 * what is wrong: not there, not a source tree, the other project's tree.
 */
export function sourceTree(kind: SourceKind, path: string, option: string): SourceTree {
  const dir = resolve(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${option}: ${dir} is not a directory`, `give the top directory of an ${TITLE[kind]} source tree`);
  const init = /AC_INIT\(\[?([\w ]+?)\]?,\s*\[?([\w.+~-]+)/.exec(readText(join(dir, 'configure.ac')) ?? '');
  const pkg = init?.[1]?.toLowerCase().replace(/\s+/g, '');
  if (!init || !pkg) throw new UserError(`${option}: ${dir} is not an ${TITLE[kind]} source tree (it has no configure.ac)`, `give the top directory of a checkout (git clone --recurse-submodules) or of an unpacked release`);
  if (pkg !== PACKAGE[kind]) {
    const other = kind === 'ovn' ? 'ovs' : 'ovn';
    throw new UserError(`${option}: ${dir} is not an ${TITLE[kind]} source tree (its configure.ac is ${pkg}'s)`, pkg === PACKAGE[other] ? `give it as --${other}-src` : `give the top directory of an ${TITLE[kind]} source tree`);
  }
  const commit = treeCommit(dir);
  return { dir, version: init[2] ?? '?', ...(commit ? { commit } : {}) };
}
