import { UserError } from '../base/errors.js';
import type { LabContext } from '../ovn/lab-context.js';
import { readRecord, requireOwnLab, type LabChange } from '../core/lab-store.js';
import { requireRoot } from '../base/host.js';
import { nodeNames, type NodeKind } from '../topology/model.js';
import { cliContext, pickLab } from './context.js';

/**
 * A lab that is up, ready for commands: the named one, or the only one. A command that changes
 * it (`change`) is refused on another user's lab unless forced, before it touches anything.
 */
export async function openLab(verb: string, name: string | undefined, opts: { verbose?: boolean; change?: LabChange; force?: boolean } = {}): Promise<LabContext> {
  const { createRuntime } = await import('../runtime/registry.js');
  requireRoot(verb);
  const lab = await pickLab(name);
  const record = await readRecord(lab);
  if (opts.change) requireOwnLab(record, opts.change, opts.force);
  const { exec } = cliContext(opts);
  const { LabContext } = await import('../ovn/lab-context.js');
  return new LabContext(record.lab, createRuntime(record.runtime, lab, exec, record.lab), exec);
}

/** Checks that a node exists (and is of one of the kinds, when given), listing the ones that do. */
export function requireNode(ctx: LabContext, node: string, kinds?: NodeKind[]): void {
  const names = nodeNames(ctx.lab).filter((n) => !kinds || kinds.includes(ctx.kindOf(n)));
  if (!names.includes(node)) {
    const what = kinds ? kinds.join(' or ') : 'node';
    throw new UserError(`lab '${ctx.lab.name}' has no ${what} '${node}'`, `${kinds ? `${what} nodes` : 'nodes'}: ${names.join(', ')}`);
  }
}

/** Runs a command in a node with the terminal attached and exits with its code. */
export async function attachTo(ctx: LabContext, node: string, argv: string[], env: Record<string, string> = {}): Promise<void> {
  process.exitCode = await ctx.runtime.attach(node, argv, { ...ctx.node(node).env, ...env });
}
