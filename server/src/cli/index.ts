/** The `tailor` command as a library: for tests and for hosts that embed the commands. */
export type { CliCommand, CliIo, CommandInvocation } from './command.js';
export { EXIT, UsageError } from './command.js';
export { commands } from './registry.js';
export { runCli } from './run-cli.js';
