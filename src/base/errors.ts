/**
 * A problem the user can fix (bad file, not root, lab already up, missing package).
 * Printed as one sentence with a hint; exit code 2.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UserError';
  }
}

/** An error's message with its hint, when it has one, in one line: `message (hint)`. */
export function withHint(e: Error): string {
  return e instanceof UserError && e.hint ? `${e.message} (${e.hint})` : e.message;
}

/**
 * A teardown that could not reach everything (a Docker engine away): what it reached is gone,
 * the rest is named, and the lab's record is kept so a later `lab down` finishes the job.
 */
export class LeftBehind extends UserError {
  constructor(message: string, hint: string, options?: ErrorOptions) {
    super(message, hint, options);
    this.name = 'LeftBehind';
  }
}

/** Something went wrong while building or running a lab. Keeps the cause; exit code 1. */
export class LabError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LabError';
  }
}

/** The user interrupted (Ctrl-C, SIGTERM); exit code 130. */
export class InterruptedError extends Error {
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
    this.name = 'InterruptedError';
  }
}
