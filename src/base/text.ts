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
