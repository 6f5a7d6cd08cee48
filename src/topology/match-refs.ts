/** `@name` and `$name` references in an OVN match (outside quoted strings). */
export function matchReferences(match: string): { groups: string[]; sets: string[] } {
  const bare = match.replace(/"[^"]*"/g, '""');
  return {
    groups: [...bare.matchAll(/@([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!),
    sets: [...bare.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!),
  };
}
