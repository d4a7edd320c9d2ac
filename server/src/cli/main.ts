import type { CliIo } from './command.js';
import { commands } from './registry.js';
import { runCli } from './run-cli.js';

/** The process as the commands see it. */
const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
  onInterrupt(handler) {
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
};

const status = await runCli(process.argv.slice(2), io, commands);
// Long-lived commands (serve, worker) resolve only when they stop. Exit explicitly so that pooled
// resources (sandbox isolates, keep-alive sockets) cannot hold a finished command open, but only
// after what was written has been flushed.
process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
