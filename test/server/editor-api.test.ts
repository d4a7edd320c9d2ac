import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoFlow, removeDir, startTestServer, type TestServer, waitFlow } from './harness.js';
import { gates } from './test-nodes.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

describe('admin access', () => {
  it('refuses the editor API without a session', async () => {
    const reply = await fetch(`${t.url}/api/flows`);
    expect(reply.status).toBe(401);
    expect(await reply.json()).toMatchObject({ error: { code: 'AUTH_REQUIRED' } });
  });

  it('refuses a write without the CSRF header even with the cookie', async () => {
    const bare = await fetch(`${t.url}/api/flows`, {
      method: 'POST',
      headers: { cookie: t.admin.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(echoFlow('csrf')),
    });
    expect(bare.status).toBe(403);
    expect((await t.admin.get('/api/flows/csrf')).status).toBe(404);
  });

  it('sets an HTTP-only SameSite=Strict cookie and refuses a wrong password', async () => {
    const ok = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'correct horse battery' }),
    });
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const wrong = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    const setup = await fetch(`${t.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'another password' }),
    });
    expect(setup.status).toBe(409);
  });

  it('accepts an admin token instead of the cookie, without the CSRF header', async () => {
    const { body } = await t.admin.post<{ token: string }>('/api/auth/tokens');
    const reply = await fetch(`${t.url}/api/flows`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(reply.status).toBe(200);
  });
});

describe('flows', () => {
  it('creates, reads and saves with optimistic concurrency', async () => {
    const created = await t.admin.post<{ revision: number }>('/api/flows', echoFlow('faq'));
    expect(created.status).toBe(201);
    expect(created.body.revision).toBe(1);
    const renamed = { ...echoFlow('faq'), name: 'FAQ' };
    const saved = await t.admin.put<{ revision: number }>('/api/flows/faq', renamed, { 'if-match': '"1"' });
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toBe(2);
    const stale = await t.admin.put('/api/flows/faq', renamed, { 'if-match': '1' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'CONFLICT' } });
    const read = await t.admin.get<{ document: { name: string }; problems: unknown[] }>('/api/flows/faq');
    expect(read.body.document.name).toBe('FAQ');
    expect(read.body.problems).toEqual([]);
    expect(read.headers.get('etag')).toBe('"2"');
  });

  it('answers 400 with every problem, 404, 409, 413 and 415', async () => {
    const bad = await t.admin.post<{ error: { problems: Array<{ message: string }> } }>('/api/flows', {
      schema: 'tailor.flow/v1',
      id: 'bad id!',
      nodes: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.length).toBeGreaterThan(1);
    expect((await t.admin.get('/api/flows/missing')).status).toBe(404);
    expect((await t.admin.post('/api/flows', echoFlow('faq'))).status).toBe(409);
    const huge = await t.admin.post('/api/validate', { blob: 'x'.repeat(3 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const form = await fetch(`${t.url}/api/flows`, {
      method: 'POST',
      headers: { cookie: t.admin.cookie, 'x-tailor-csrf': '1', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(form.status).toBe(415);
    const malformed = await fetch(`${t.url}/api/flows`, {
      method: 'POST',
      headers: { cookie: t.admin.cookie, 'x-tailor-csrf': '1', 'content-type': 'application/json' },
      body: '{"id":',
    });
    const text = await malformed.text();
    expect(malformed.status).toBe(400);
    expect(text).not.toMatch(/at .*\.js|node_modules/);
  });

  it('saves a draft with problems and reports them, and validates documents', async () => {
    const draft = { ...echoFlow('draft'), edges: [{ from: 'start', to: 'ghost' }] };
    const saved = await t.admin.post<{ problems: Array<{ code: string }> }>('/api/flows', draft);
    expect(saved.status).toBe(201);
    expect(saved.body.problems.map((p) => p.code)).toContain('edge.missing-node');
    const checked = await t.admin.post<{ valid: boolean }>('/api/validate', echoFlow('x'));
    expect(checked.body.valid).toBe(true);
    const publish = await t.admin.post('/api/flows/draft/versions', { note: 'broken' });
    expect(publish.status).toBe(400);
  });

  it('exports and imports a flow file', async () => {
    const exported = await t.admin.get<{ id: string }>('/api/flows/faq/export');
    expect(exported.headers.get('content-disposition')).toContain('faq.flow.json');
    const copy = { ...exported.body, id: 'faq-copy' };
    expect((await t.admin.post('/api/flows/import', copy)).status).toBe(201);
    expect((await t.admin.post('/api/flows/import', copy)).status).toBe(409);
    expect((await t.admin.post('/api/flows/import?replace=true', copy)).status).toBe(201);
  });

  it('publishes versions, diffs them and rolls back', async () => {
    await t.admin.post('/api/flows', echoFlow('ver'));
    expect((await t.admin.post('/api/flows/ver/versions', { note: 'first' })).status).toBe(201);
    const changed = echoFlow('ver');
    changed.nodes[1] = { id: 'shout', type: 'template', config: { template: 'Heard: {{ start.message }}' } };
    await t.admin.put('/api/flows/ver', changed);
    const diff = await t.admin.get<{ nodes: { changed: Record<string, string[]> } }>(
      '/api/flows/ver/diff?from=1&to=draft',
    );
    expect(diff.body.nodes.changed).toEqual({ shout: ['config.template'] });
    await t.admin.post('/api/flows/ver/versions', { note: 'second' });
    const versions = await t.admin.get<Array<{ version: number; note: string }>>('/api/flows/ver/versions');
    expect(versions.body.map((v) => v.note)).toEqual(['second', 'first']);
    const rolled = await t.admin.post<{ publishedVersion: number }>('/api/flows/ver/versions/1/rollback');
    expect(rolled.body.publishedVersion).toBe(1);
    expect(
      (await t.admin.get<{ document: { nodes: Array<{ config: unknown }> } }>('/api/flows/ver')).body.document.nodes[1]
        ?.config,
    ).toEqual({
      template: 'You said: {{ start.message }}',
    });
  });
});

describe('runs', () => {
  it('starts a run with 202 and records every node', async () => {
    const started = await t.admin.post<{ runId: string }>('/api/flows/faq/runs', { inputs: { message: 'hello' } });
    expect(started.status).toBe(202);
    const run = await t.admin.waitForRun(started.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', output: { text: 'You said: hello' } });
    expect(run.nodes.map((n) => n.nodeId)).toEqual(['start', 'shout', 'answer', 'end']);
  });

  it('re-runs from a node with the recorded outputs above it', async () => {
    const first = await t.admin.post<{ runId: string }>('/api/flows/faq/runs', { inputs: { message: 'one' } });
    await t.admin.waitForRun(first.body.runId);
    const rerun = await t.admin.post<{ runId: string }>(`/api/runs/${first.body.runId}/rerun`, { fromNode: 'answer' });
    const run = await t.admin.waitForRun(rerun.body.runId);
    expect(run.nodes.filter((n) => n.pinned).map((n) => n.nodeId)).toEqual(['start', 'shout']);
    expect(run.output).toEqual({ text: 'You said: one' });
    const replay = await t.admin.post<{ runId: string }>(`/api/runs/${first.body.runId}/replay`);
    expect(await t.admin.waitForRun(replay.body.runId)).toMatchObject({ status: 'succeeded' });
    expect((await t.admin.post(`/api/runs/${first.body.runId}/rerun`, { fromNode: 'nope' })).status).toBe(400);
  });

  it('cancels a running run', async () => {
    await t.admin.post('/api/flows', waitFlow('hold', 'cancel-me'));
    const started = await t.admin.post<{ runId: string }>('/api/flows/hold/runs', {});
    while (!gates.has('cancel-me')) await new Promise((r) => setTimeout(r, 5));
    expect((await t.admin.post(`/api/runs/${started.body.runId}/cancel`)).body).toEqual({ cancelled: true });
    expect(await t.admin.waitForRun(started.body.runId)).toMatchObject({ status: 'cancelled' });
  });

  it('lists runs with filters and a cursor', async () => {
    const all = await t.admin.get<{ runs: Array<{ id: string; flowId: string }>; nextCursor: string }>(
      '/api/runs?limit=2',
    );
    expect(all.body.runs).toHaveLength(2);
    const page2 = await t.admin.get<{ runs: Array<{ id: string }> }>(`/api/runs?limit=2&cursor=${all.body.nextCursor}`);
    expect(page2.body.runs[0]?.id).not.toBe(all.body.runs[1]?.id);
    const held = await t.admin.get<{ runs: Array<{ status: string }> }>('/api/runs?flowId=hold&status=cancelled');
    expect(held.body.runs).toHaveLength(1);
    const text = await t.admin.get<{ runs: unknown[] }>('/api/runs?q=hello');
    expect(text.body.runs.length).toBeGreaterThanOrEqual(1);
    expect((await t.admin.get('/api/runs?limit=9999')).status).toBe(400);
  });

  it('refuses to run an invalid draft with its problems', async () => {
    const reply = await t.admin.post<{ error: { code: string } }>('/api/flows/draft/runs', { inputs: {} });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('FLOW_INVALID');
  });
});

describe('credentials, keys, sessions, datasets, catalogue', () => {
  it('never returns a secret', async () => {
    const created = await t.admin.post('/api/credentials', {
      id: 'openai',
      kind: 'api-key',
      apiKey: 'sk-live-0123456789wxyz',
    });
    expect(created.status).toBe(201);
    const listed = await t.admin.get('/api/credentials');
    expect(JSON.stringify(listed.body)).not.toContain('0123456789');
    expect(JSON.stringify(listed.body)).toContain('sk-…wxyz');
    const updated = await t.admin.put('/api/credentials/openai', { kind: 'api-key', baseUrl: 'http://127.0.0.1:9/v1' });
    expect(updated.body).toMatchObject({ masked: { apiKey: 'sk-…wxyz' }, baseUrl: 'http://127.0.0.1:9/v1' });
    expect((await t.admin.delete('/api/credentials/openai')).status).toBe(200);
  });

  it('shows a new key once and lists only its prefix', async () => {
    const created = await t.admin.post<{ key: string; id: string }>('/api/keys', {
      flowId: 'faq',
      origins: ['https://shop.example'],
    });
    expect(created.body.key).toMatch(/^tk_/);
    const listed = await t.admin.get('/api/keys');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect((await t.admin.post('/api/keys', { flowId: 'faq', origins: ['not an origin'] })).status).toBe(400);
    expect((await t.admin.delete(`/api/keys/${created.body.id}`)).status).toBe(200);
  });

  it('keeps evaluation datasets', async () => {
    const created = await t.admin.post<{ id: string }>('/api/datasets', {
      name: 'FAQ',
      items: [{ inputs: { message: 'a' }, expected: 'b' }],
    });
    expect((await t.admin.get(`/api/datasets/${created.body.id}`)).body).toMatchObject({ name: 'FAQ' });
  });

  it('describes every node type with JSON Schemas', async () => {
    const { body } = await t.admin.get<Array<{ type: string; configSchema: { type?: string } }>>('/api/catalogue');
    const template = body.find((entry) => entry.type === 'template');
    expect(template?.configSchema.type).toBe('object');
  });
});
