/** What the documentation tests need of Markdown: links, headings and the anchors GitHub gives them. */

/** The anchor GitHub gives a heading (github-slugger): lower case, punctuation dropped, spaces to dashes. */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** A file's lines outside fenced code blocks, with their numbers; inline code spans blanked. */
function prose(text: string): { number: number; line: string }[] {
  const result: { number: number; line: string }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((line, i) => {
    const marker = /^\s{0,3}(```+|~~~+)/.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
    else if (fence === undefined) result.push({ number: i + 1, line });
  });
  return result;
}

function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)(?:(?!\1).)*?\1/g, '');
}

/** Every link target of a Markdown file, with its line: [text](target), [name]: target, href and src. */
export function links(text: string): { line: number; target: string }[] {
  const found: { line: number; target: string }[] = [];
  for (const { number, line: raw } of prose(text)) {
    const line = withoutCodeSpans(raw);
    const targets = [...[...line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]), /^\s*\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(line)?.[1], ...[...line.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1])];
    for (const target of targets) if (target) found.push({ line: number, target });
  }
  return found;
}

/** The anchors of a Markdown file: its headings' as GitHub makes them (a repeated one gets -1, -2…), and explicit ids. */
export function anchors(text: string): Set<string> {
  const result = new Set<string>();
  const seen = new Map<string, number>();
  for (const { line } of prose(text)) {
    for (const m of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) result.add(m[1]!);
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    // The heading's text as rendered: code spans as written, links as their text, no HTML tags.
    const rendered = heading
      .split('`')
      .map((part, i) => (i % 2 === 1 ? part : part.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '')))
      .join('');
    const base = slug(rendered);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}
