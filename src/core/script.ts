import { ExecResult, LAB_MARK, STANDARD_PATH, type Exec, type ExecOptions } from '../base/exec.js';
import { filesAsShell } from '../base/files.js';
import { namespacePrefix } from '../runtime/netns/netns-runtime.js';
import { enteredNamespace } from '../runtime/netns/enter.js';
import { SCRIPTED_RUNTIME } from '../runtime/registry.js';
import { shellLine } from '../base/shell-line.js';
import type { Lab } from '../topology/model.js';
import type { LabEvent, Reporter, StepInfo } from '../base/events.js';
import { claimLabWith } from './lab-store.js';
import { labDir } from '../base/paths.js';
import { upLab } from './up.js';
import { ScriptText } from './script-text.js';

/**
 * What every recorded command gives back: one result, shared (an ExecResult is an Error, whose
 * stack trace costs more than recording the command: 2000 VMs make thousands).
 */
const RECORDED = new ExecResult([], 0, '', '', 0);

const HEREDOC = 'LAB_EOF';

/**
 * Writes down, instead of running, every command `lab up` would run: an Exec that records and a
 * Reporter that turns steps into comments. Commands succeed with empty output. A command in a
 * node (`ip netns exec lab.<lab>.<node> …` with the node's environment) becomes `in_node NODE …`.
 */
class ScriptWriter implements Reporter {
  /** Node → the environment its commands ran with (the first one seen beyond the lab's mark). */
  readonly nodes = new Map<string, Record<string, string>>();
  private steps = new Map<string, StepInfo>();

  constructor(
    private readonly prefix: string,
    /** Where its lines go (another writer's, to add to that writer's script). */
    readonly lines = new ScriptText(),
  ) {}

  readonly exec: Exec = Object.assign(
    async (argv: readonly string[], opts: ExecOptions = {}) => {
      // The prompt a batch's trace starts with is lab's own (to name a failed command), not the script's.
      const { PS4: _trace, ...env } = opts.env ?? {};
      // One `sh -ec` of several commands: printed as the commands it runs, each on its line. What
      // runs them in a node is found once for the batch, not once for each command.
      const before = opts.batch ? argv.slice(0, argv.length - 3) : [];
      const commands = opts.batch ?? [argv];
      const inNode = commands.length ? this.inNode(before, env) : undefined;
      const prefix = inNode ? `${shellLine(inNode)} ` : '';
      for (const one of commands) {
        let line = inNode ? prefix + shellLine(one) : shellLine(this.words([...before, ...one], env));
        if (opts.input !== undefined) line += ` <<'${HEREDOC}'\n${opts.input}${opts.input.endsWith('\n') ? '' : '\n'}${HEREDOC}`;
        this.lines.push(line);
      }
      return RECORDED;
    },
    { files: filesAsShell((line) => this.lines.push(line)), recording: true },
  );

  /** A command as the script writes it: in a node, or with its environment in front. */
  private words(argv: readonly string[], env: Record<string, string>): string[] {
    return this.inNode(argv, env) ?? [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv];
  }

  /**
   * A command in a node (`ip netns exec lab.<lab>.<node> …` or `nsenter --net=…`, with the node's environment) as
   * `in_node NODE …`, with only the variables of this one command; undefined for any other.
   */
  private inNode(argv: readonly string[], env: Record<string, string>): string[] | undefined {
    const entered = enteredNamespace(argv);
    if (!entered?.ns.startsWith(this.prefix)) return undefined;
    const node = entered.ns.slice(this.prefix.length);
    const rest = entered.argv;
    // The node's environment: the first one with more than the lab's mark (which every command has).
    const known = this.nodes.get(node);
    if (!known || Object.keys(known).every((k) => k === LAB_MARK)) this.nodes.set(node, env);
    // Variables of this one command (a server's LOG and PID files) beyond the node's own.
    const nodeEnv = this.nodes.get(node)!;
    const words = ['in_node', node];
    for (const k in env) if (nodeEnv[k] !== env[k]) words.push(`${k}=${env[k]}`);
    if (words.length > 2) words.splice(2, 0, 'env');
    for (const word of rest) words.push(word);
    return words;
  }

  notify(e: LabEvent): void {
    if (e.type === 'plan') for (const s of e.steps) this.steps.set(s.id, s);
    if (e.type === 'step-start') this.lines.push('', `# --- ${this.steps.get(e.id)?.title ?? e.id}`);
  }

  async flush(): Promise<void> {}

  /** `in_node NODE CMD…`: CMD in the node's namespace with its OVS/OVN environment. */
  inNodeFunction(): string[] {
    const cases = [...this.nodes].map(([node, env]) => {
      const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
      return `    ${node}) env ${shellLine([...vars, 'ip', 'netns', 'exec', `${this.prefix}${node}`])} "$@" ;;`;
    });
    return [
      '# in_node NODE CMD...: run CMD in the network namespace of a lab node, with the environment that',
      "# makes ovs-vsctl, ovs-appctl, ovn-nbctl... find that node's own daemons.",
      'in_node() {',
      '  local node=$1; shift',
      '  case $node in',
      ...cases,
      '    *) echo "in_node: no node $node" >&2; return 2 ;;',
      '  esac',
      '}',
    ];
  }
}

/**
 * The lab as a plain bash script of the commands `lab up` runs on the netns runtime (ip,
 * ovs-vsctl, ovn-nbctl, dhclient…), for learners to read and to run by themselves. The script
 * also writes the lab's record, so `lab status`, `lab test NAME` and `lab down` work on its lab.
 * It comes as UTF-8 in pieces, to be written one after another ({@link ScriptText}).
 */
export async function scriptLab(lab: Lab, source: string): Promise<Buffer[]> {
  const prefix = namespacePrefix(lab.name);
  const writer = new ScriptWriter(prefix);
  const claim = async (r: Parameters<typeof claimLabWith>[1]) => {
    // As `lab up` does: the state directory (its mkdir fails when the lab is up) and the lab's
    // record before anything is made, so `lab down` removes what a script stopped half way made.
    const recorder = new ScriptWriter(prefix, writer.lines);
    await claimLabWith(recorder.exec, { ...r, state: 'up' });
  };
  // The record a script writes has no digest of the text: the script is what the text makes,
  // the same whatever its comments say (`lab test FILE` then goes by the file's path).
  const scripted: Lab = { ...lab, runtime: SCRIPTED_RUNTIME };
  delete scripted.digest;
  await upLab(scripted, { exec: writer.exec, reporter: writer, claim, markUp: async () => undefined }, { sequential: true, skipPreflight: true });
  const header = [
    '#!/usr/bin/env bash',
    `# Lab '${lab.name}' from ${source}, as the plain commands 'lab up' runs (netns runtime).`,
    '# Run it as root on Debian/Ubuntu with openvswitch-switch ovn-central ovn-host isc-dhcp-client iproute2 ethtool.',
    `# Every node is a network namespace ${prefix}<node>; its daemons' files are in ${labDir(lab.name)}/nodes/<node>.`,
    `# Remove it with 'lab down ${lab.name}' (also when it stopped half way), or by hand:`,
    `#   for ns in $(ip netns list | grep -o '^${prefix.replace(/\./g, '\\.')}[^ ]*'); do kill $(ip netns pids "$ns") 2>/dev/null; ip netns del "$ns"; done; rm -rf ${labDir(lab.name)}`,
    ...(lab.runtime !== SCRIPTED_RUNTIME ? [`# (the file asks for the ${lab.runtime} runtime; this script builds the same lab on network namespaces)`] : []),
    'set -euo pipefail',
    `export PATH=${STANDARD_PATH}`,
    '',
    ...writer.inNodeFunction(),
    '',
    "# --- claim the lab name (fails when a lab of this name is up) and write the lab's record, so",
    "# 'lab status', 'lab test' and 'lab down' know this lab",
  ];
  const footer = ['', `echo "lab ${lab.name} is up"`];
  return [Buffer.from(`${header.join('\n')}\n`), ...writer.lines.pieces(), Buffer.from(`${footer.join('\n')}\n`)];
}
