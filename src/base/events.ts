/** A step of a lab operation (or a check of `lab test`) as announced before it runs. `group` steps run in parallel. */
export interface StepInfo {
  id: string;
  title: string;
  group?: string;
}

/** What the core tells the outside world. The core never prints; a reporter renders these. */
export type LabEvent =
  | { type: 'plan'; lab: string; action: string; steps: StepInfo[] }
  | { type: 'step-start'; id: string }
  | { type: 'step-progress'; id: string; message: string }
  | { type: 'step-done'; id: string; detail?: string; durationMs: number; skipped?: boolean }
  | { type: 'step-fail'; id: string; error: Error; durationMs: number }
  | { type: 'command'; argv: readonly string[] }
  | { type: 'info'; message: string }
  | { type: 'warn'; message: string };

export interface Reporter {
  notify(event: LabEvent): void;
  /** Waits until everything notified so far is rendered. */
  flush(): Promise<void>;
}

/** Runs one announced step, telling the reporter when it starts, ends or fails. */
export async function runStep<T>(reporter: Reporter, id: string, fn: () => Promise<T>, detail?: (result: T) => string | undefined): Promise<T> {
  const started = performance.now();
  reporter.notify({ type: 'step-start', id });
  try {
    const result = await fn();
    reporter.notify({ type: 'step-done', id, detail: detail?.(result), durationMs: performance.now() - started });
    return result;
  } catch (error) {
    reporter.notify({ type: 'step-fail', id, error: error as Error, durationMs: performance.now() - started });
    throw error;
  }
}
