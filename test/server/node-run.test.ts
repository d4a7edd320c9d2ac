import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoFlow, removeDir, startTestServer, type TestServer } from './harness.js';

/** Running one node alone, over real HTTP: `POST /api/flows/:id/nodes/:nodeId/run`. */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await t.admin.post('/api/flows', echoFlow('single'));
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

interface StoredRun {
  status: string;
  source: string;
  parentNodeId?: string;
  nodes: Array<{ nodeId: string; status: string; pinned?: boolean; output?: unknown }>;
}

describe('running a single node with pinned inputs', () => {
  it('runs only the node, with the pinned output of the node it refers to', async () => {
    const started = await t.admin.post<{ runId: string }>('/api/flows/single/nodes/answer/run', {
      pins: { shout: { text: 'pinned words' } },
    });
    expect(started.status).toBe(202);
    const run = await t.admin.waitForRun(started.body.runId);
    expect(run.status).toBe('succeeded');
    const answer = run.nodes.find((node) => node.nodeId === 'answer');
    expect(answer).toMatchObject({ status: 'succeeded', output: { text: 'pinned words' } });
    expect(answer?.pinned).toBeFalsy();
    // Nothing below it ran; the nodes above it were pinned, not run.
    expect(run.nodes.some((node) => node.nodeId === 'end')).toBe(false);
    expect(
      run.nodes
        .filter((node) => node.pinned)
        .map((node) => node.nodeId)
        .sort(),
    ).toEqual(['shout', 'start']);
    const stored = await t.admin.get<StoredRun>(`/api/runs/${started.body.runId}`);
    expect(stored.body).toMatchObject({ source: 'editor', parentNodeId: 'answer' });
  });

  it('runs a node that reads the input node from the run inputs when no pin replaces it', async () => {
    const started = await t.admin.post<{ runId: string }>('/api/flows/single/nodes/shout/run', {
      inputs: { message: 'hello' },
    });
    const run = await t.admin.waitForRun(started.body.runId);
    expect(run.nodes.find((node) => node.nodeId === 'shout')?.output).toEqual({ text: 'You said: hello' });
    expect(run.nodes.some((node) => node.nodeId === 'answer')).toBe(false);
  });

  it('answers 400 with problems for a missing or misplaced pin and a bad body, 404 for an unknown node', async () => {
    const missing = await t.admin.post<{ error: { code: string; problems: Array<{ path: string[] }> } }>(
      '/api/flows/single/nodes/answer/run',
      { pins: { end: 1 } },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('REQUEST_INVALID');
    expect(missing.body.error.problems.map((problem) => problem.path.join('.')).sort()).toEqual([
      'pins.end',
      'pins.shout',
    ]);
    const bad = await t.admin.post('/api/flows/single/nodes/answer/run', { pins: 'nope' });
    expect(bad.status).toBe(400);
    expect((await t.admin.post('/api/flows/single/nodes/nope/run', {})).status).toBe(404);
    expect((await t.admin.post('/api/flows/none/nodes/answer/run', {})).status).toBe(404);
  });
});
