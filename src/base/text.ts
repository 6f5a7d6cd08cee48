/** Seconds with two decimals, as every reporter prints durations. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}

/** The first line of an error message, for one-line reports. */
export function errorLine(error: Error): string {
  return error.message.split('\n')[0] ?? String(error);
}

/** Text cut to `max` characters with an ellipsis, for one-line reports. */
export function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `1 line`, `2 lines`, `1 switch`, `3 switches`: a count with its noun. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : /(ch|sh|s|x)$/.test(noun) ? 'es' : 's'}`;
}
