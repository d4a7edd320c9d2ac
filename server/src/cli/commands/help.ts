import { type CliCommand, commandOf, EXIT, UsageError } from '../command.js';
import { commandHelp, overview } from '../help-text.js';

export const helpCommand: CliCommand = {
  name: 'help',
  summary: 'Show the commands, or the options of one command',
  usage: 'tailor help [command]',
  async run({ positionals, io, commands }) {
    const [name] = positionals;
    if (name === undefined) {
      io.stdout.write(overview(commands));
      return EXIT.ok;
    }
    const entry = commands.find((candidate) => candidate.name === name);
    if (!entry) throw new UsageError(`There is no command "${name}".`);
    io.stdout.write(commandHelp(await commandOf(entry)));
    return EXIT.ok;
  },
};
