// `tailor serve` with the test node types, started by the crash and scale-out tests.
import { readConfig, startServer } from '@tailor/server';
import { testCatalogue } from './test-nodes.js';

const server = await startServer({ config: readConfig(process.env), catalogue: testCatalogue, log: () => undefined });
process.stdout.write(`listening ${server.url}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
