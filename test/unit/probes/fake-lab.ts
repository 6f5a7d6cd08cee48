import { readFileSync } from 'node:fs';
import { ExecResult, type ExecOptions } from '../../../src/base/exec.js';
import type { Attempt } from '../../../src/checks/check.js';
import { checkKind } from '../../../src/checks/registry.js';
import { LabContext } from '../../../src/ovn/lab-context.js';
import { parseTopology } from '../../../src/topology/load.js';
import type { Lab } from '../../../src/topology/model.js';
import { FakeRuntime, noExec } from '../fake-runtime.js';

/** A command's real output, captured from a running lab (how: fixtures/probes/README.md). */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/probes/${name}.txt`, import.meta.url), 'utf8');
}

/** What a command gives back. */
export interface Reply {
  stdout?: string;
  stderr?: string;
  exit?: number;
}

interface Rule {
  node: string;
  command: string | RegExp;
  replies: Reply[];
}

/** Nodes that answer commands as told; every command run is recorded as `<node>: <argv joined by spaces>`. */
class ReplyingRuntime extends FakeRuntime {
  readonly ran: string[] = [];
  readonly rules: Rule[] = [];

  override async exec(node: string, argv: readonly string[], opts?: ExecOptions): Promise<ExecResult> {
    const line = argv.join(' ');
    this.ran.push(`${node}: ${line}`);
    const rule = this.rules.find((r) => r.node === node && (typeof r.command === 'string' ? line.startsWith(r.command) : r.command.test(line)));
    const reply = (rule && rule.replies.length > 1 ? rule.replies.shift() : rule?.replies[0]) ?? {};
    const result = new ExecResult(argv, reply.exit ?? 0, reply.stdout ?? '', reply.stderr ?? '', 0);
    if (!result.ok && !opts?.nothrow) throw result;
    return result;
  }
}

/** A parsed lab with one check, over nodes that answer with captured output. */
export class FakeLab {
  private readonly runtime = new ReplyingRuntime();
  readonly ctx: LabContext;

  constructor(readonly lab: Lab) {
    this.ctx = new LabContext(lab, this.runtime, noExec);
  }

  /** Every command the probe ran, in order: `<node>: <argv joined by spaces>`. */
  get ran(): string[] {
    return this.runtime.ran;
  }

  /**
   * `node` answers a command starting with `command` (or matching it): a string is the command's
   * output; several replies are given one per run, the last one from then on. Unanswered commands
   * succeed and print nothing.
   */
  on(node: string, command: string | RegExp, ...replies: (string | Reply)[]): this {
    this.runtime.rules.push({ node, command, replies: replies.map((r) => (typeof r === 'string' ? { stdout: r } : r)) });
    return this;
  }

  /** One try of the lab's check, by the probe PROBES binds to its kind. */
  async attempt(): Promise<Attempt> {
    const spec = this.lab.checks[0]!;
    return (await checkKind(spec.kind)).attempt(spec, this.ctx);
  }
}

/**
 * labs/<file>.yaml with its checks replaced by one, written as the fields of a YAML flow mapping
 * (`kind: ping, from: vm1, to: vm2`); parsed and validated as `lab validate` does.
 */
export function fakeLab(file: string, check: string): FakeLab {
  const text = readFileSync(new URL(`../../../labs/${file}.yaml`, import.meta.url), 'utf8');
  const withCheck = text.replace(/^checks:[\s\S]*$/m, () => `checks:\n  - { name: probe, ${check} }\n`);
  return new FakeLab(parseTopology(withCheck, `labs/${file}.yaml`));
}
