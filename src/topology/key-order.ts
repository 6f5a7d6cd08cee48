/**
 * `base` with `added`'s entries: one of a key `base` has takes its place, the others go right
 * before the key `before` (after everything when `base` has no such key). So a feature's keys of
 * the file and fields of the lab are shown where they always were (the reference, `lab schema`,
 * the lab's record), though the core composes them after its own.
 */
export function placedBefore<T extends object, U extends object>(base: T, added: U, before: string | undefined): T & U {
  if (before === undefined || !(before in base)) return { ...base, ...added };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) {
    if (key === before) for (const [k, v] of Object.entries(added)) if (!(k in base)) out[k] = v;
    out[key] = key in added ? (added as Record<string, unknown>)[key] : value;
  }
  return out as T & U;
}
