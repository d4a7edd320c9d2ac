import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // isolated-vm needs a Node started without the startup snapshot, in a child process of its own.
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
  },
});
