/** A word a shell reads as it is written. */
const PLAIN_WORD = /^[\w@%+=:,./-]+$/;

/**
 * One word as a POSIX shell reads it back unchanged: plain words as they are, others in single
 * quotes. (`lab script` of a big lab quotes millions of words: no pattern is made per word.)
 */
export function shellQuote(word: string): string {
  return isPlainWord(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Whether a shell (or `ip -batch`, which splits lines at blanks) reads the word as it is written. */
export function isPlainWord(word: string): boolean {
  return PLAIN_WORD.test(word);
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
