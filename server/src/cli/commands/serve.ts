import { readConfig } from '../../config.js';
import { startServer } from '../../main.js';
import { type CliCommand, EXIT } from '../command.js';
import { stopRequested } from './stop-requested.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Start the server: editor, HTTP API, published endpoints and live run events',
  usage: 'tailor serve [--port <n>] [--host <address>] [--data-dir <dir>]',
  details: `Starts Tailor on http://127.0.0.1:3000 (PORT and HOST change it) with SQLite in ./data
(TAILOR_DATA_DIR), or MongoDB when MONGODB_URI is set; runs execute in this process, or in
"tailor worker" processes when TAILOR_REDIS_URL is set. See docs/deployment.md for every setting.

On first start, open the address to set the admin password, or set TAILOR_ADMIN_PASSWORD.
Ctrl-C or SIGTERM stops taking requests, lets running runs finish (10 s at most) and exits.`,
  options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' } },
  async run({ values, io }) {
    const config = readConfig(
      {
        ...io.env,
        ...(typeof values.port === 'string' ? { PORT: values.port } : {}),
        ...(typeof values.host === 'string' ? { HOST: values.host } : {}),
        ...(typeof values['data-dir'] === 'string' ? { TAILOR_DATA_DIR: values['data-dir'] } : {}),
      },
      io.cwd,
    );
    const server = await startServer({ config, env: io.env });
    const where = config.MONGODB_URI ? 'MongoDB' : `SQLite in ${config.dataDir}`;
    const runs =
      config.executor === 'bullmq' ? 'runs go to tailor worker processes through Redis' : 'runs in this process';
    io.stdout.write(`Tailor is running at ${server.url} (${where}; ${runs}).\n`);
    if (await server.context.adminAuth.setupNeeded()) {
      io.stdout.write(`Open ${server.url} to set the admin password (or start with TAILOR_ADMIN_PASSWORD).\n`);
      if (!['127.0.0.1', 'localhost', '::1'].includes(config.HOST)) {
        io.stderr.write(
          'Warning: no admin password yet and the server listens beyond this machine: whoever opens it first sets the password.\n',
        );
      }
    }
    await stopRequested(io);
    io.stdout.write('Stopping: finishing running runs…\n');
    await server.close();
    return EXIT.ok;
  },
};
