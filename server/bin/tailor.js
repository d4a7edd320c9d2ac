#!/usr/bin/env -S node --no-node-snapshot
// The `tailor` command. isolated-vm needs Node started without its startup snapshot: re-run
// ourselves with the flag when a caller (e.g. `node server/bin/tailor.js`) left it out.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.includes('--no-node-snapshot')) {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    ['--no-node-snapshot', ...process.execArgv, self, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(child.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
