/** One word as a POSIX shell reads it back unchanged: plain words as they are, others in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line as a user could paste it into a shell. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** A command line for messages: pasteable, but never megabytes (a big lab's NB transaction is). */
export function commandText(argv: readonly string[], max = 500): string {
  const line = shellLine(argv);
  return line.length > max ? `${line.slice(0, max)}… (${line.length - max} more characters)` : line;
}
