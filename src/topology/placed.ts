/**
 * `base` with the keys of `added`: one `base` has keeps its place, a new one comes right after the
 * key `after` (at the end without it), so a feature's keys and fields sit where the core had them
 * (the reference, `lab schema` and a lab's record read the same).
 */
export function placed<T extends object>(base: T, added: object, after?: string): T {
  const entries = Object.entries(base);
  const fresh = Object.entries(added).filter(([k]) => !(k in base));
  const at = after === undefined ? -1 : entries.findIndex(([k]) => k === after);
  const merged = at < 0 ? [...entries, ...fresh] : [...entries.slice(0, at + 1), ...fresh, ...entries.slice(at + 1)];
  return Object.assign(Object.fromEntries(merged), added) as T;
}
