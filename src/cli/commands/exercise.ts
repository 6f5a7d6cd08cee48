import type { Command } from 'commander';
import { UserError } from '../../base/errors.js';
import { seconds } from '../../base/text.js';
import type { ExerciseCheck } from '../../core/exercises.js';
import { cliContext, LAB_OPTION, out } from '../context.js';
import { openLab } from '../open-lab.js';

/** One exercise's line of `lab check`. */
function checkLine(c: ExerciseCheck, n: number): string {
  const head = `${n} ${c.exercise.name}`;
  if (c.notStarted) return `[----] ${head}: not started ('lab exercise ${n}' starts it)`;
  const failed = c.results.filter((r) => !r.passed);
  if (!failed.length) return `[PASS] ${head}`;
  return [`[FAIL] ${head}`, ...failed.map((r) => `         ${r.name}: expected ${r.expected}; saw ${r.seen}`)].join('\n');
}

const number = (text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`'${text}' is not an exercise number`, "give its number, as 'lab exercise' shows it (1, 2, …)");
  return n;
};

function registerExercise(program: Command): void {
  program
    .command('exercise')
    .description('show the next exercise of a lab (or exercise N): its task, and with --hint one more hint; starts it (applies its fault) the first time')
    .argument('[n]', 'the exercise number (default: the first not passed)')
    .option('--lab <name>', LAB_OPTION)
    .option('--hint', 'show one more hint each time')
    .option('--force', "start it on a lab another user made (starting applies the exercise's fault)")
    .action(async (n: string | undefined, opts: { lab?: string; hint?: boolean; force?: boolean }) => {
      const [{ currentExercise, nextHints, openExercise }, { isOpen, readExerciseState }, { readRecord, requireOwnLab }] = await Promise.all([
        import('../../core/exercises.js'),
        import('../../core/exercise-state.js'),
        import('../../core/lab-store.js'),
      ]);
      const ctx = await openLab('exercise', opts.lab);
      const { reporter } = cliContext({});
      const list = ctx.lab.exercises ?? [];
      const state = await readExerciseState(ctx.lab.name);
      const e = currentExercise(ctx.lab, state, n === undefined ? undefined : number(n));
      if (!e) return out(`every exercise of lab ${ctx.lab.name} is done (${list.length}/${list.length}); 'lab reset' starts over`);
      // Showing a started exercise is open to all; starting one breaks the lab, so only its owner does (or --force).
      if (!isOpen(e, state) && e.start.length) requireOwnLab(await readRecord(ctx.lab.name), { verb: 'exercise', args: [String(list.indexOf(e) + 1)] }, opts.force);
      const { applied } = await openExercise(ctx, e, reporter);
      await reporter.flush();
      const i = list.indexOf(e) + 1;
      out(`exercise ${i}/${list.length} of lab ${ctx.lab.name}: ${e.name}${applied ? ' (started now)' : ''}\n\n${e.task}\n`);
      if (opts.hint) for (const [k, h] of (await nextHints(ctx.lab.name, e)).entries()) out(`hint ${k + 1}/${e.hints.length}: ${h}`);
      else if (e.hints.length) out(`${e.hints.length} hint(s): 'lab exercise ${i} --hint'`);
      out(`when done: 'lab check'; stuck: 'lab solution ${i}'`);
    });
}

function registerCheck(program: Command): void {
  program
    .command('check')
    .description("score a lab's exercises: run the checks of each one started (exit 0 when every exercise passed)")
    .option('--lab <name>', LAB_OPTION)
    .option('-v, --verbose', 'print every command run and every retry')
    .action(async (opts: { lab?: string; verbose?: boolean }) => {
      const { checkExercises } = await import('../../core/exercises.js');
      const ctx = await openLab('check', opts.lab, opts);
      const { reporter } = cliContext(opts);
      const { checks, score } = await checkExercises(ctx, reporter);
      await reporter.flush();
      checks.forEach((c, i) => out(checkLine(c, i + 1)));
      out(`score: ${score.passed}/${score.total}`);
      process.exitCode = score.passed === score.total ? 0 : 1;
    });
}

function registerSolution(program: Command): void {
  program
    .command('solution')
    .description('reveal the solution of exercise N (the steps that solve it); --apply applies them')
    .argument('<n>', 'the exercise number')
    .option('--lab <name>', LAB_OPTION)
    .option('--apply', 'apply the steps, as a learner who solved it would have (starting the exercise first when it was not)')
    .option('--force', 'apply them to a lab another user made')
    .action(async (n: string, opts: { lab?: string; apply?: boolean; force?: boolean }) => {
      const { applySolution, exerciseNumber, stepsText } = await import('../../core/exercises.js');
      // Revealing is open to all; applying changes the lab, so only its owner does (or --force).
      const ctx = await openLab('solution', opts.lab, opts.apply ? { change: { verb: 'solution', args: [n, '--apply'] }, force: opts.force } : {});
      const e = exerciseNumber(ctx.lab, number(n));
      out(`solution of exercise ${n}, ${e.name}: these steps (kind: step, as in checks:)\n${stepsText(e.solution)}`);
      if (!opts.apply) return out(`apply it: 'lab solution ${n} --apply'`);
      const { reporter } = cliContext({});
      const results = await applySolution(ctx, number(n), reporter);
      await reporter.flush();
      for (const r of results) out(`applied: ${r.name}: ${r.seen}`);
    });
}

function registerReset(program: Command): void {
  program
    .command('reset')
    .description('bring a lab back to its start: down and up again from its record, its exercise progress cleared')
    .argument('[lab]', 'lab name (default: $LAB, else the only lab that is up)')
    .option('--lab <name>', 'lab name (instead of the argument)')
    .option('--force', 'reset a lab another user made')
    .option('-v, --verbose', 'print every command run')
    .action(async (arg: string | undefined, opts: { lab?: string; force?: boolean; verbose?: boolean }) => {
      const [{ resetLab }, { readRecord, requireOwnLab }, { pickLab }, { requireRoot }] = await Promise.all([import('../../core/reset.js'), import('../../core/lab-store.js'), import('../context.js'), import('../../base/host.js')]);
      requireRoot('reset');
      const name = await pickLab(arg, opts.lab);
      requireOwnLab(await readRecord(name), 'reset', opts.force);
      const ctx = cliContext(opts);
      const result = await resetLab(name, ctx);
      await ctx.reporter.flush();
      out(`lab ${name} is back to its start (${seconds(result.durationMs)})`);
    });
}

/** `lab kill NODE DAEMON` and `lab restart NODE DAEMON`: the fault steps of checks:, typed by a learner. */
function registerFault(program: Command, verb: 'kill' | 'restart', what: string): void {
  program
    .command(verb)
    .description(what)
    .argument('<node>', 'the node it runs on (a central member for ovnnb_db, ovnsb_db, ovn-northd; a chassis for ovn-controller, ovs-vswitchd)')
    .argument('<daemon>', 'ovnnb_db, ovnsb_db, ovn-northd, ovn-controller or ovs-vswitchd')
    .option('--lab <name>', LAB_OPTION)
    .option('--force', `${verb} a daemon of a lab another user made`)
    .action(async (node: string, daemon: string, opts: { lab?: string; force?: boolean }) => {
      const [{ faultStep }, { stepProbe }] = await Promise.all([import('../../core/fault-step.js'), import('../../checks/kinds/step.js')]);
      const ctx = await openLab(verb, opts.lab, { change: { verb, args: [node, daemon] }, force: opts.force });
      const step = faultStep(ctx.lab, verb, node, daemon);
      const result = await stepProbe.attempt(step, ctx);
      out(result.seen);
      if (!result.ok) process.exitCode = 1;
    });
}

export function registerExercises(program: Command): void {
  registerExercise(program);
  registerCheck(program);
  registerSolution(program);
  registerReset(program);
  registerFault(program, 'kill', 'crash a daemon of a lab (SIGKILL by its pid file), as a kill step does');
  registerFault(program, 'restart', 'start a killed daemon again, as lab up started it, as a restart step does');
}
