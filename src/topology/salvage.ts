import type { z } from 'zod';
import type { SchemaProblem } from './schema-issues.js';
import { ruleProblems } from './rules/index.js';
import { topologySchema } from './schema.js';

/** Sections whose entries are named (`vms: { vm1: … }`): a broken entry can be set aside alone. */
const NAMED_SECTIONS = ['chassis', 'switches', 'routers', 'vms', 'networks', 'hosts', 'services', 'localports'];

/**
 * The relation problems of a file whose schema failed, so one run reports both kinds: entries the
 * schema refused are set aside, the rest is checked, and problems that only name a set-aside entry
 * (`unknown switch 'lan'` when `lan` itself was refused) are left out. Nothing when the rest
 * still does not parse (a broken top-level key).
 */
export function salvagedProblems(data: unknown, issues: readonly z.core.$ZodIssue[]): SchemaProblem[] {
  if (!data || typeof data !== 'object') return [];
  const copy = structuredClone(data) as Record<string, unknown>;
  const setAside: string[] = [];
  for (const issue of issues) {
    const [section, name] = issue.path;
    // A problem outside a named entry (a top-level key, a whole section) leaves nothing to set aside.
    if (!NAMED_SECTIONS.includes(String(section)) || name === undefined) return [];
    const entries = copy[String(section)] as Record<string, unknown> | undefined;
    if (entries && typeof entries === 'object' && String(name) in entries) {
      delete entries[String(name)];
      setAside.push(String(name));
    }
  }
  const rest = topologySchema.safeParse(copy);
  if (!rest.success) return [];
  return ruleProblems(rest.data).filter((p) => !setAside.some((n) => p.message.includes(`'${n}'`)));
}
