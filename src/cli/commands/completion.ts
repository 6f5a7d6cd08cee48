import type { Command } from 'commander';
import { UserError } from '../../base/errors.js';
import { out } from '../context.js';

/** Commands whose argument is a topology file; those that take a lab name; those that take a node. */
const FILE_ARGS = ['up', 'test', 'validate', 'script', 'graph', 'down'];
const LAB_ARGS = ['down', 'status', 'test', 'graph', 'web'];

/**
 * A bash completion script made from the commands and options this CLI defines, so it never
 * goes stale: commands, each one's options, lab names (from the state directory) after --lab and
 * for verbs that take a lab, topology files for verbs that take one. zsh loads it through bashcompinit.
 */
function bashScript(program: Command): string {
  const commands = program.commands.map((c) => c.name());
  const options = program.commands.map(
    (c) =>
      `    ${c.name()}) opts="${c.options
        .map((o) => o.long)
        .filter(Boolean)
        .join(' ')}" ;;`,
  );
  return `# lab completion for bash (and zsh with bashcompinit): eval "$(lab completion bash)"
_lab_labs() { ls "\${LAB_STATE_DIR:-/run/lab}" 2>/dev/null; }
_lab() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd=\${COMP_WORDS[1]} opts=""
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${commands.join(' ')}" -- "$cur") ); return
  fi
  if [ "$prev" = "--lab" ]; then COMPREPLY=( $(compgen -W "$(_lab_labs)" -- "$cur") ); return; fi
  case "$cmd" in
${options.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); return; fi
  case " ${LAB_ARGS.join(' ')} " in *" $cmd "*) COMPREPLY=( $(compgen -W "$(_lab_labs)" -- "$cur") ) ;; esac
  case " ${FILE_ARGS.join(' ')} " in *" $cmd "*) COMPREPLY+=( $(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur") ) ;; esac
}
complete -o filenames -F _lab lab
`;
}

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('a shell completion script: eval "$(lab completion bash)" (zsh: the same after autoload -U bashcompinit && bashcompinit)')
    .argument('<shell>', 'bash or zsh')
    .action((shell: string) => {
      if (shell === 'bash') return out(bashScript(program));
      if (shell === 'zsh') return out(`autoload -U +X bashcompinit && bashcompinit\n${bashScript(program)}`);
      throw new UserError(`no completion for shell '${shell}'`, 'lab completion bash, or lab completion zsh');
    });
}
