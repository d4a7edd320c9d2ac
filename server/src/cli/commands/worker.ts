import { readConfig } from '../../config.js';
import { startWorkerProcess } from '../../main.js';
import { type CliCommand, EXIT } from '../command.js';
import { stopRequested } from './stop-requested.js';

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'Run flows for the servers of a scaled-out installation (BullMQ on Redis)',
  usage: 'tailor worker [--concurrency <n>]',
  details: `Takes runs from the queue on TAILOR_REDIS_URL, runs them, records them in the shared
storage (MONGODB_URI, or TAILOR_DATA_DIR on the same machine) and streams their events back to
every server through Redis. Start as many as you like, on any machine with the same settings
(and the same TAILOR_SECRET_KEY, so stored credentials can be read).

Ctrl-C stops taking runs and waits for the runs in hand.`,
  options: { concurrency: { type: 'string' } },
  async run({ values, io }) {
    const config = readConfig(
      { ...io.env, ...(typeof values.concurrency === 'string' ? { TAILOR_CONCURRENCY: values.concurrency } : {}) },
      io.cwd,
    );
    const worker = await startWorkerProcess({ config, env: io.env });
    io.stdout.write(
      `Tailor worker is taking runs from ${config.TAILOR_REDIS_URL} (${config.TAILOR_CONCURRENCY} at once).\n`,
    );
    await stopRequested(io);
    io.stdout.write('Stopping: finishing the runs in hand…\n');
    await worker.close();
    return EXIT.ok;
  },
};
