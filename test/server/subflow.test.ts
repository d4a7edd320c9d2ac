import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoFlow, removeDir, startTestServer, type TestServer } from './harness.js';

let t: TestServer;
let key: string;

function parentFlow(id: string, child: string) {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: 'Calls another flow',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string', required: true }] } },
      { id: 'call', type: 'subflow', config: { flow: child, inputs: { message: '{{ start.message }}!' } } },
      { id: 'end', type: 'output', config: { value: { text: 'Parent heard: {{ call.text }}' } } },
    ],
    edges: [
      { from: 'start', to: 'call' },
      { from: 'call', to: 'end' },
    ],
  };
}

async function runPublished(flowId: string, inputs: Record<string, unknown>) {
  const reply = await fetch(`${t.url}/v1/flows/${flowId}/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ inputs }),
  });
  return (await reply.json()) as { runId: string; status: string; output?: unknown; error?: { message: string } };
}

beforeAll(async () => {
  t = await startTestServer({ TAILOR_RATE_LIMIT_KEY: '600' });
  await t.admin.post('/api/flows', echoFlow('child'));
  await t.admin.post('/api/flows/child/versions', { note: 'live' });
  await t.admin.post('/api/flows', parentFlow('parent', 'child'));
  await t.admin.post('/api/flows/parent/versions', { note: 'live' });
  await t.admin.post('/api/flows', parentFlow('loops', 'loops'));
  await t.admin.post('/api/flows/loops/versions', { note: 'live' });
  key = (await t.admin.post<{ key: string }>('/api/keys', { flowId: 'parent' })).body.key;
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

describe('subflow node on the server', () => {
  it("runs the other flow's published version and records the child run under the parent", async () => {
    const parent = await runPublished('parent', { message: 'hi' });
    expect(parent).toMatchObject({ status: 'succeeded', output: { text: 'Parent heard: You said: hi!' } });
    const listed = await t.admin.request<{
      runs: Array<{ id: string; parentRunId?: string; parentNodeId?: string; source: string }>;
    }>('GET', '/api/runs?flowId=child');
    const child = listed.body.runs.find((run) => run.parentRunId === parent.runId);
    expect(child).toMatchObject({ parentNodeId: 'call', source: 'subflow' });
    const record = await t.admin.request<{ status: string; output: unknown }>('GET', `/api/runs/${child?.id}`);
    expect(record.body).toMatchObject({ status: 'succeeded', output: { text: 'You said: hi!' } });
  });

  it('stops a flow that calls itself, naming the depth', async () => {
    const looping = await t.admin.post<{ runId: string }>('/api/flows/loops/runs', {
      inputs: { message: 'x' },
      version: 'published',
    });
    let record: { status: string; error?: { message: string } } | undefined;
    for (let attempt = 0; attempt < 60; attempt++) {
      record = (
        await t.admin.request<{ status: string; error?: { message: string } }>('GET', `/api/runs/${looping.body.runId}`)
      ).body;
      if (record.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(record?.status).toBe('failed');
    expect(record?.error?.message).toMatch(/nested more than 8 deep/);
  });
});
