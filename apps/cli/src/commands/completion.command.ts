import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../context';

type Shell = 'bash' | 'zsh';

export function registerCompletionCommand(program: Command, ctx: CliContext): void {
  program
    .command('completion')
    .description('print a shell completion script: eval "$(updraft completion bash)" in ~/.bashrc, or zsh in ~/.zshrc')
    .argument('<shell>', 'bash or zsh', parseShell)
    .action((shell: Shell) => {
      ctx.streams.stdout.write(completionScript(program, shell));
    });
}

function parseShell(value: string): Shell {
  if (value !== 'bash' && value !== 'zsh') throw new InvalidArgumentError('expected bash or zsh');
  return value;
}

/** The words that may follow each command path ("" is the top level), from the program's own tree. */
export function completionWords(program: Command): Map<string, string[]> {
  const words = new Map<string, string[]>();
  const visit = (command: Command, path: string) => {
    const options = command.options.flatMap((o) => [o.long, o.short]).filter((flag): flag is string => Boolean(flag));
    words.set(path, [
      ...command.commands.map((c) => c.name()),
      ...options,
      ...(path ? ['--help'] : ['--help', '--version']),
    ]);
    for (const sub of command.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(program, '');
  return words;
}

/**
 * One shell function: it takes the command words typed so far (those that name commands), looks up
 * what may follow them, and offers those; files are offered otherwise (a DAG file, a folder).
 */
export function completionScript(program: Command, shell: Shell): string {
  const table = [...completionWords(program)]
    .map(([path, words]) => `    "${path}") words="${words.join(' ')}" ;;`)
    .join('\n');
  const lookup = [
    '  local path="" w',
    '  for w in "${@}"; do',
    '    case "$w" in -*) ;; *) case " $(__updraft_words "$path") " in *" $w "*) path="${path:+$path }$w" ;; esac ;; esac',
    '  done',
    '  __updraft_words "$path"',
  ].join('\n');
  const words = [
    '__updraft_words() {',
    '  local words=""',
    '  case "$1" in',
    table,
    '  esac',
    '  echo "$words"',
    '}',
    '__updraft_next() {',
    lookup,
    '}',
  ].join('\n');
  if (shell === 'bash') {
    return [
      '# updraft completion for bash: eval "$(updraft completion bash)"',
      words,
      '_updraft() {',
      '  local cur="${COMP_WORDS[COMP_CWORD]}"',
      '  local options; options="$(__updraft_next "${COMP_WORDS[@]:1:COMP_CWORD-1}")"',
      '  COMPREPLY=($(compgen -W "$options" -- "$cur"))',
      '  [ ${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=($(compgen -f -- "$cur"))',
      '  return 0',
      '}',
      'complete -o filenames -F _updraft updraft',
      '',
    ].join('\n');
  }
  return [
    '#compdef updraft',
    '# updraft completion for zsh: eval "$(updraft completion zsh)"',
    words,
    '_updraft() {',
    '  local -a options',
    '  options=(${=$(__updraft_next "${(@)words[2,CURRENT-1]}")})',
    '  compadd -- $options',
    '  _files',
    '}',
    'compdef _updraft updraft',
    '',
  ].join('\n');
}
