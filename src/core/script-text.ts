/**
 * A script's lines as UTF-8 bytes. A script of 1000 chassis is 120,000 lines and 11 MB: kept as
 * strings until the end, they would outlive every young-generation collection and be copied by
 * each, then be joined and encoded once more to be written. Here a few hundred lines at a time are
 * encoded into buffers, and the strings are left to die young.
 */
export class ScriptText {
  private readonly full: Buffer[] = [];
  private chunk = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private pending: string[] = [];

  /** Adds each line and its newline. */
  push(...lines: string[]): void {
    for (const line of lines) this.pending.push(line);
    if (this.pending.length >= PENDING) this.encode();
  }

  /** What was written, in pieces (not copied into one buffer). */
  pieces(): Buffer[] {
    this.encode();
    return [...this.full, this.chunk.subarray(0, this.used)];
  }

  /** What was written, as text. */
  toString(): string {
    return Buffer.concat(this.pieces()).toString();
  }

  private encode(): void {
    if (!this.pending.length) return;
    this.pending.push('');
    const text = this.pending.join('\n');
    this.pending = [];
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    const room = text.length * 3;
    if (this.used + room > this.chunk.length) {
      this.full.push(this.chunk.subarray(0, this.used));
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK, room));
      this.used = 0;
    }
    this.used += this.chunk.write(text, this.used);
  }
}

/** Bytes per buffer, and lines encoded at a time. */
const CHUNK = 1 << 20;
const PENDING = 512;
