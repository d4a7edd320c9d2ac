import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoFlow, removeDir, startTestServer, type TestServer } from './harness.js';

const DAY = 86_400_000;
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ TAILOR_RETENTION_DAYS: '90' });
  await t.admin.post('/api/flows', echoFlow('echo'));
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

interface RetentionState {
  days: number | null;
  envDays: number | null;
  effectiveDays: number | null;
  lastSweep: { at: number; deleted: number } | null;
}

describe('run retention over HTTP', () => {
  it('reads TAILOR_RETENTION_DAYS, and an admin setting of N days deletes older runs in the background', async () => {
    expect((await t.admin.get<RetentionState>('/api/settings/retention')).body).toMatchObject({
      days: null,
      envDays: 90,
      effectiveDays: 90,
    });
    // Runs recorded 40 days ago (written straight into the store: the clock cannot be turned back)
    // and one run started now through the API.
    const now = Date.now();
    const old = Array.from({ length: 25 }, (_, i) => ({
      kind: 'whole' as const,
      run: {
        schema: 'tailor.run/v1' as const,
        id: `old-${i}`,
        flowId: 'echo',
        status: 'succeeded' as const,
        source: 'api' as const,
        inputs: { message: 'long ago' },
        startedAt: now - 40 * DAY + i,
        endedAt: now - 40 * DAY + i + 5,
        durationMs: 5,
        nodes: [],
      },
    }));
    await t.server.context.storage.runs.write(old);
    const started = await t.admin.post<{ runId: string }>('/api/flows/echo/runs', { inputs: { message: 'today' } });
    await t.admin.waitForRun(started.body.runId);

    const set = await t.admin.put<RetentionState>('/api/settings/retention', { days: 30 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ days: 30, effectiveDays: 30 });
    for (;;) {
      const listed = await t.admin.get<{ runs: Array<{ id: string }> }>('/api/runs?flowId=echo&limit=100');
      if (listed.body.runs.length === 1) {
        expect(listed.body.runs[0]?.id).toBe(started.body.runId);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await t.admin.get(`/api/runs/old-3`)).status).toBe(404);
    expect((await t.admin.get<RetentionState>('/api/settings/retention')).body.lastSweep).toMatchObject({
      deleted: 25,
    });
  });

  it('refuses a negative period and keeps forever with 0', async () => {
    expect((await t.admin.put('/api/settings/retention', { days: -1 })).status).toBe(400);
    expect((await t.admin.put<RetentionState>('/api/settings/retention', { days: 0 })).body).toMatchObject({
      days: 0,
      effectiveDays: 0,
    });
    expect((await t.admin.put<RetentionState>('/api/settings/retention', { days: null })).body).toMatchObject({
      days: null,
      effectiveDays: 90,
    });
  });

  it('is for the admin only', async () => {
    expect((await fetch(`${t.url}/api/settings/retention`)).status).toBe(401);
  });
});
