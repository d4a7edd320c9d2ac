// A `tailor worker` with the test node types, started by the scale-out tests.
import { readConfig, startWorkerProcess } from '@tailor/server';
import { testCatalogue } from './test-nodes.js';

const worker = await startWorkerProcess({
  config: readConfig(process.env),
  catalogue: testCatalogue,
  log: (message, error) => process.stderr.write(`${message} ${String(error ?? '')}\n`),
  onRun: (runId) => process.stdout.write(`ran ${runId}\n`),
});
process.stdout.write('worker ready\n');
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
