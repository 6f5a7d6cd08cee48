/**
 * Turns the first Ctrl-C or SIGTERM into a call (the caller aborts and tears down); later ones
 * are ignored while teardown runs, except a third, which exits at once. The call may return what
 * to say instead (when there is nothing left to stop). Returns a release function.
 */
export function onInterrupt(handler: (signal: NodeJS.Signals) => string | void): () => void {
  let count = 0;
  const listener = (signal: NodeJS.Signals) => {
    count += 1;
    if (count === 1) {
      const said = handler(signal);
      process.stderr.write(`\n${said ?? `${signal}: stopping and tearing down what was made…`}\n`);
    } else if (count >= 3) {
      process.stderr.write(`${signal} again: exiting now; run 'lab down NAME' to clean up\n`);
      process.exit(130);
    }
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}
