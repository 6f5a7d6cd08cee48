#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { InterruptedError, LabError, UserError } from '../base/errors.js';
import { ExecResult } from '../base/exec.js';
import { registerDoctor } from './commands/doctor.js';
import { registerDown } from './commands/down.js';
import { registerExercises } from './commands/exercise.js';
import { registerExec } from './commands/exec.js';
import { registerFlows } from './commands/flows.js';
import { registerGraph } from './commands/graph.js';
import { registerImages } from './commands/images.js';
import { registerOvnTools } from './commands/ovn-tools.js';
import { registerShell } from './commands/shell.js';
import { registerSchema } from './commands/schema.js';
import { registerScript } from './commands/script.js';
import { registerStatus } from './commands/status.js';
import { registerTest } from './commands/test.js';
import { registerTrace } from './commands/trace.js';
import { registerUp } from './commands/up.js';
import { registerValidate } from './commands/validate.js';
import { registerVersion } from './commands/version.js';
import { registerWeb } from './commands/web.js';
import { registerCompletion } from './commands/completion.js';
import { registerGenerate } from './commands/generate.js';
import { toolVersion } from './version.js';

/** Exit codes: 0 ok, 1 a lab failed, 2 bad input or host, 130 interrupted. */
function report(error: unknown): number {
  const print = (text: string) => process.stderr.write(`${text}\n`);
  if (error instanceof UserError) {
    print(`error: ${error.message}`);
    if (error.hint) print(`hint: ${error.hint}`);
    return 2;
  }
  if (error instanceof InterruptedError) {
    print(`lab: ${error.message}`);
    return 130;
  }
  if (error instanceof LabError) {
    print(`error: ${error.message.split('\n')[0]}`);
    const cause = error.cause as { stderr?: string; argv?: string[] } | undefined;
    if (cause?.stderr?.trim())
      print(
        cause.stderr
          .trim()
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n'),
      );
    // A problem of the file that only OVN could see (an ACL match): its own hint says what to fix.
    print(`hint: ${error.cause instanceof UserError && error.cause.hint ? error.cause.hint : 'run again with --verbose to see every command, or --keep-on-failure to look inside'}`);
    return 1;
  }
  if (error instanceof ExecResult) {
    // A program lab ran (dot, ovs-vsctl…) failed where no step wrapped it: say which, not a stack trace.
    print(`error: ${error.message.split('\n')[0]}`);
    if (error.stderr.trim())
      print(
        error.stderr
          .trim()
          .split('\n')
          .slice(-10)
          .map((l) => `  ${l}`)
          .join('\n'),
      );
    return 1;
  }
  // A full disk is the host's problem, not lab's: said in one sentence, wherever it was met.
  if ((error as NodeJS.ErrnoException)?.code === 'ENOSPC') {
    print(`error: no space left on device: ${(error as Error).message}`);
    print('hint: free space there (df -h), or point LAB_STATE_DIR at a directory with room; then run lab down for a lab that was coming up');
    return 1;
  }
  print(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  return 1;
}

// `lab status | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const program = new Command('lab')
  .description('turn one YAML file into a running OVN network lab')
  .version(toolVersion())
  .showHelpAfterError()
  // `lab exec vm1 ping -c3 x`: options after a command's arguments belong to what it runs.
  .enablePositionalOptions()
  .exitOverride();
for (const register of [
  registerUp,
  registerDown,
  registerStatus,
  registerExec,
  registerShell,
  registerOvnTools,
  registerFlows,
  registerTrace,
  registerGraph,
  registerWeb,
  registerTest,
  registerExercises,
  registerValidate,
  registerScript,
  registerSchema,
  registerDoctor,
  registerImages,
  registerGenerate,
  registerVersion,
  registerCompletion,
]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
  else process.exitCode = report(error);
}
