import type { CliIo } from '../command.js';

/** Resolves on Ctrl-C (the CLI's interrupt) or SIGTERM (docker stop, systemd), whichever comes first. */
export function stopRequested(io: CliIo): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stopInterrupt();
      process.off('SIGTERM', done);
      resolve();
    };
    const stopInterrupt = io.onInterrupt(done);
    process.once('SIGTERM', done);
  });
}
