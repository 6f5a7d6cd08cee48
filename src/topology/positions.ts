import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';

export type Path = readonly PropertyKey[];

/** Finds where a path of a parsed YAML document is written, as 1-based line and column. */
export class Positions {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Position of the value at path; with `key`, of the key itself. Falls back to the nearest parent. */
  of(path: Path, key = false): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let best = this.offsetOf(node) ?? 0;
    for (const [i, seg] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const last = i === path.length - 1;
        if (last && key) {
          best = this.offsetOf(pair.key) ?? best;
          break;
        }
        node = pair.value ?? pair.key;
      } else if (isSeq(node)) {
        node = node.items[Number(seg)];
      } else break;
      best = this.offsetOf(node) ?? best;
    }
    const { line, col } = this.lines.linePos(best);
    return { line, column: col };
  }

  private offsetOf(node: unknown): number | undefined {
    return (node as Node | undefined)?.range?.[0];
  }
}
