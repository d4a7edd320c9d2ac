import type { CliCommand, CommandEntry, CommandOptions } from './command.js';

function optionLines(options: CommandOptions | undefined): string[] {
  return Object.entries(options ?? {}).map(([name, option]) => {
    const short = option.short ? `-${option.short}, ` : '';
    const value = option.type === 'string' ? ` <${name === 'input' ? 'json' : 'value'}>` : '';
    return `  ${short}--${name}${value}`;
  });
}

/** `tailor help`: what Tailor is and every command on one line. */
export function overview(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Tailor: build, run and publish LLM workflows.',
    '',
    'Usage: tailor <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "tailor help <command>" or "tailor <command> --help" for the options of a command.',
    '',
  ].join('\n');
}

/** `tailor help <command>`. */
export function commandHelp(command: CliCommand): string {
  const options = optionLines(command.options);
  return [
    `Usage: ${command.usage}`,
    '',
    command.summary,
    ...(command.details ? ['', command.details.trimEnd()] : []),
    ...(options.length && !command.details ? ['', 'Options:', ...options] : []),
    '',
  ].join('\n');
}
