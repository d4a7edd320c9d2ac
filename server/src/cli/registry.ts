import type { CliCommand } from './command.js';
import { helpCommand } from './commands/help.js';
import { kbCommand } from './commands/kb.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';

/** Every `tailor` command, in the order `tailor help` lists them. Add a command with one line. */
export const commands: readonly CliCommand[] = [runCommand, validateCommand, kbCommand, helpCommand];
