import type { Reporter } from '../base/events.js';
import { ListrReporter } from './listr-reporter.js';
import { PlainReporter } from './plain-reporter.js';

/**
 * A task list on a real terminal; plain lines in CI (which may claim a TTY), in pipes and
 * with --verbose.
 */
export function chooseReporter(opts: { verbose?: boolean; write?: (line: string) => void }): Reporter {
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const interactive = process.stderr.isTTY && !process.env.CI;
  if (interactive && !opts.verbose) return new ListrReporter(write);
  return new PlainReporter(write, opts.verbose);
}
