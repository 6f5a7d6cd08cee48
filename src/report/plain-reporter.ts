import type { LabEvent, Reporter, StepInfo } from '../base/events.js';
import { errorLine, seconds } from '../base/text.js';
import { shellLine } from '../base/shell-line.js';

/** One plain line per step: for CI logs, pipes and --verbose (which adds every command run). */
export class PlainReporter implements Reporter {
  private steps = new Map<string, StepInfo>();
  private lab = '';
  /** 'test' plans are checks: [PASS]/[FAIL] lines, like a test runner. */
  private testing = false;

  constructor(
    private readonly write: (line: string) => void,
    private readonly verbose = false,
  ) {}

  notify(e: LabEvent): void {
    switch (e.type) {
      case 'plan':
        this.lab = e.lab;
        this.testing = e.action === 'test';
        for (const s of e.steps) this.steps.set(s.id, s);
        this.write(`[${e.lab}] ${e.action}: ${e.steps.length} ${this.testing ? 'checks' : 'steps'}`);
        break;
      case 'step-progress':
        if (this.verbose) this.write(`[${this.lab}] ${this.title(e.id)}: ${e.message}`);
        break;
      case 'step-start':
        if (this.verbose) this.write(`[${this.lab}] ... ${this.title(e.id)}`);
        break;
      case 'step-done':
        this.write(`[${this.lab}] ${e.skipped ? '[SKIP]' : this.testing ? '[PASS]' : 'ok  '} ${this.title(e.id)}${e.detail ? `: ${e.detail}` : ''} (${seconds(e.durationMs)})`);
        break;
      case 'step-fail':
        this.write(`[${this.lab}] ${this.testing ? '[FAIL]' : 'FAIL'} ${this.title(e.id)} (${seconds(e.durationMs)}): ${errorLine(e.error)}`);
        break;
      case 'command':
        if (this.verbose) this.write(`  $ ${shellLine(e.argv)}`);
        break;
      case 'info':
        this.write(`[${this.lab || 'lab'}] ${e.message}`);
        break;
      case 'warn':
        this.write(`[${this.lab || 'lab'}] warning: ${e.message}`);
        break;
    }
  }

  async flush(): Promise<void> {}

  private title(id: string): string {
    return this.steps.get(id)?.title ?? id;
  }
}
