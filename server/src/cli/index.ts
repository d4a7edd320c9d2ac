/** The `tailor` command as a library: for tests and for hosts that embed the commands. */
export type { CliCommand, CliIo, CommandEntry, CommandInvocation, LazyCommand } from './command.js';
export { commandOf, EXIT, lazyCommand, UsageError } from './command.js';
export { commands } from './registry.js';
export { runCli } from './run-cli.js';
