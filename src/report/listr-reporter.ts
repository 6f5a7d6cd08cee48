import { Listr, type ListrTask } from 'listr2';
import type { LabEvent, Reporter, StepInfo } from '../base/events.js';
import { errorLine, seconds } from '../base/text.js';

type Outcome = { ok: true; detail?: string; ms: number } | { ok: false; error: Error } | { skipped: true; detail?: string };

class Deferred<T> {
  resolve!: (v: T) => void;
  readonly promise = new Promise<T>((r) => (this.resolve = r));
}

/** A live task list on a terminal. Steps announced in the plan become listr2 tasks that end with the core's events. */
export class ListrReporter implements Reporter {
  private started = new Map<string, Deferred<void>>();
  private ended = new Map<string, Deferred<Outcome>>();
  private running?: Promise<unknown>;
  private notes: string[] = [];
  private outputs = new Map<string, (message: string) => void>();
  private testing = false;

  constructor(private readonly write: (line: string) => void) {}

  notify(e: LabEvent): void {
    switch (e.type) {
      case 'plan':
        this.skipPending();
        this.testing = e.action === 'test';
        {
          // Tasks (and their deferreds) exist now, so events that arrive before listr renders are not lost.
          const list = this.build(e.steps);
          this.running = (this.running ?? Promise.resolve()).then(() => list.run()).catch(() => undefined);
        }
        break;
      case 'step-progress':
        this.outputs.get(e.id)?.(e.message);
        break;
      case 'step-start':
        this.started.get(e.id)?.resolve();
        break;
      case 'step-done':
        this.ended.get(e.id)?.resolve(e.skipped ? { skipped: true, detail: e.detail } : { ok: true, detail: e.detail, ms: e.durationMs });
        break;
      case 'step-fail':
        this.ended.get(e.id)?.resolve({ ok: false, error: e.error });
        break;
      case 'info':
      case 'warn':
        if (this.running) this.notes.push(e.type === 'warn' ? `warning: ${e.message}` : e.message);
        else this.write(e.message);
        break;
      case 'command':
        break;
    }
  }

  /** Steps of the previous plan that will never run (a failure stopped it) end as skipped. */
  private skipPending(): void {
    for (const [id, d] of this.ended) {
      this.started.get(id)?.resolve();
      d.resolve({ skipped: true });
    }
    this.started.clear();
    this.ended.clear();
    this.outputs.clear();
  }

  async flush(): Promise<void> {
    this.skipPending();
    await this.running;
    this.running = undefined;
    for (const n of this.notes.splice(0)) this.write(n);
  }

  private task(step: StepInfo): ListrTask {
    const started = new Deferred<void>();
    const ended = new Deferred<Outcome>();
    this.started.set(step.id, started);
    this.ended.set(step.id, ended);
    const testing = this.testing;
    return {
      title: step.title,
      task: async (_ctx, task) => {
        this.outputs.set(step.id, (message) => (task.output = message));
        await started.promise;
        const outcome = await ended.promise;
        if ('skipped' in outcome) return task.skip(`${step.title} (${outcome.detail ?? 'not run'})`);
        if (!outcome.ok) throw new Error(`${testing ? '[FAIL] ' : ''}${step.title}: ${errorLine(outcome.error)}`);
        task.title = `${testing ? '[PASS] ' : ''}${step.title}${outcome.detail ? `: ${outcome.detail}` : ''} (${seconds(outcome.ms)})`;
      },
    };
  }

  private build(steps: StepInfo[]): Listr<unknown> {
    const tasks: ListrTask[] = [];
    for (const step of steps) {
      if (!step.group) {
        tasks.push(this.task(step));
        continue;
      }
      const last = tasks.at(-1) as (ListrTask & { group?: string; members?: ListrTask[] }) | undefined;
      if (last?.group === step.group) {
        last.members!.push(this.task(step));
        continue;
      }
      const members = [this.task(step)];
      tasks.push(
        Object.assign(
          {
            title: step.group,
            task: (_: unknown, t: { newListr: (ts: ListrTask[], o: object) => unknown }) => t.newListr(members, { concurrent: true, exitOnError: false }),
          } as ListrTask,
          { group: step.group, members },
        ),
      );
    }
    return new Listr<unknown>(tasks, {
      exitOnError: false,
      rendererOptions: { collapseSubtasks: false, collapseErrors: false },
    });
  }
}
