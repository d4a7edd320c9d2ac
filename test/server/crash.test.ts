import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, AdminClient, removeDir } from './harness.js';
import { type Child, startChild } from './processes.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tailor-crash-'));
const env = { PORT: '0', HOST: '127.0.0.1', TAILOR_DATA_DIR: dataDir, TAILOR_ADMIN_PASSWORD: ADMIN_PASSWORD };
const children: Child[] = [];

async function boot(): Promise<AdminClient> {
  const child = startChild('./server-process.ts', env);
  children.push(child);
  const [, url] = await child.waitFor(/^listening (\S+)/);
  const admin = new AdminClient(url ?? '');
  await admin.login();
  return admin;
}

afterAll(async () => {
  for (const child of children) await child.stop('SIGKILL');
  removeDir(dataDir);
});

describe('a server killed in the middle of a run', () => {
  it('marks the run interrupted on the next start, keeping the node trace so far', async () => {
    const before = await boot();
    await before.post('/api/flows', {
      schema: 'tailor.flow/v1',
      id: 'long',
      name: 'Long',
      nodes: [
        { id: 'start', type: 'input', config: { fields: [] } },
        { id: 'hold', type: 'test-wait', config: { ms: 600_000 } },
        { id: 'end', type: 'output', config: { value: 'never' } },
      ],
      edges: [
        { from: 'start', to: 'hold' },
        { from: 'hold', to: 'end' },
      ],
    });
    const { body } = await before.post<{ runId: string }>('/api/flows/long/runs', {});
    for (;;) {
      const run = await before.get<{ nodes: Array<{ nodeId: string; status: string }> }>(`/api/runs/${body.runId}`);
      if (run.body.nodes.some((n) => n.nodeId === 'hold' && n.status === 'running')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await children[0]?.stop('SIGKILL');

    const after = await boot();
    const run = await after.get<{
      status: string;
      error: { code: string };
      nodes: Array<{ nodeId: string; status: string }>;
    }>(`/api/runs/${body.runId}`);
    expect(run.body.status).toBe('interrupted');
    expect(run.body.error.code).toBe('RUN_INTERRUPTED');
    expect(run.body.nodes.map((n) => `${n.nodeId}:${n.status}`)).toEqual(['start:succeeded', 'hold:running']);
    const listed = await after.get<{ runs: unknown[] }>('/api/runs?status=running');
    expect(listed.body.runs).toEqual([]);
  }, 60_000);
});
