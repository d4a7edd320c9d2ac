import { parseArgs } from 'node:util';
import { closestName } from '@tailor/runtime';
import {
  type CliCommand,
  type CliIo,
  type CommandEntry,
  commandOf,
  EXIT,
  type OptionValues,
  UsageError,
} from './command.js';
import { commandHelp, overview } from './help-text.js';

function closest(name: string, commands: readonly CommandEntry[]): string {
  const match = closestName(
    name,
    commands.map((command) => command.name),
  );
  return match ? ` Did you mean "tailor ${match}"?` : '';
}

function parse(command: CliCommand, args: readonly string[]): { values: OptionValues; positionals: string[] } {
  try {
    return parseArgs({
      args: [...args],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (thrown) {
    // parseArgs explains unknown options and missing values well; drop its internal error code.
    throw new UsageError(thrown instanceof Error ? thrown.message.replace(/^\[\w+\]: /, '') : String(thrown));
  }
}

/** Runs one `tailor` invocation and resolves to its exit status; never throws. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CommandEntry[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(overview(commands));
    return name === undefined ? EXIT.invalid : EXIT.ok;
  }
  const entry = commands.find((candidate) => candidate.name === name);
  if (!entry) {
    io.stderr.write(
      `tailor: there is no command "${name}".${closest(name, commands)} Run "tailor help" to see them.\n`,
    );
    return EXIT.invalid;
  }
  let command: CliCommand | undefined;
  try {
    command = await commandOf(entry);
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run({ positionals, values, io, commands });
  } catch (thrown) {
    if (thrown instanceof UsageError && command) {
      io.stderr.write(`tailor ${command.name}: ${thrown.message}\nUsage: ${command.usage}\n`);
      return EXIT.invalid;
    }
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    io.stderr.write(`tailor ${entry.name}: ${message}\n`);
    return EXIT.failed;
  }
}
