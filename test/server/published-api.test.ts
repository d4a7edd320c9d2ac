import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoFlow, removeDir, startTestServer, type TestServer, waitFlow } from './harness.js';
import { readSse } from './sse-reader.js';
import { gates } from './test-nodes.js';

let t: TestServer;
let key: string;

async function call(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  t = await startTestServer({ TAILOR_RATE_LIMIT_KEY: '600' });
  await t.admin.post('/api/flows', echoFlow('bot'));
  await t.admin.post('/api/flows/bot/versions', { note: 'live' });
  await t.admin.post('/api/flows', echoFlow('other'));
  key = (await t.admin.post<{ key: string }>('/api/keys', { flowId: 'bot', origins: ['https://shop.example'] })).body
    .key;
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

describe('published flow', () => {
  it('runs and answers JSON', async () => {
    const reply = await call('/v1/flows/bot/run', { inputs: { message: 'hi' } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ status: 'succeeded', output: { text: 'You said: hi' } });
  });

  it('answers 400 when the inputs do not fit the flow', async () => {
    const reply = await call('/v1/flows/bot/run', { inputs: { message: 42 } });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ status: 'failed', error: { code: 'INPUT_INVALID' } });
  });

  it('streams the run events as SSE in order', async () => {
    const reply = await call('/v1/flows/bot/run', { inputs: { message: 'a b c' } }, { accept: 'text/event-stream' });
    expect(reply.headers.get('content-type')).toContain('text/event-stream');
    const frames = await readSse(reply);
    expect(frames[0]?.event).toBe('run.start');
    expect(frames.at(-1)?.event).toBe('run.end');
    expect(frames.map((f) => Number(f.id))).toEqual(frames.map((_f, i) => i + 1));
    const deltas = frames.filter((f) => f.event === 'node.delta').map((f) => JSON.parse(f.data).text);
    expect(deltas.join('')).toBe('You said: a b c');
  });

  it('refuses a missing key, a key of another flow, an unlisted origin and a draft-only flow', async () => {
    const none = await fetch(`${t.url}/v1/flows/bot/run`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(none.status).toBe(401);
    expect((await call('/v1/flows/other/run', {})).status).toBe(403);
    expect(
      (await call('/v1/flows/bot/run', { inputs: { message: 'x' } }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
    const allowed = await call('/v1/flows/bot/run', { inputs: { message: 'x' } }, { origin: 'https://shop.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const anyKey = (await t.admin.post<{ key: string }>('/api/keys', {})).body.key;
    const draft = await fetch(`${t.url}/v1/flows/other/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anyKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(draft.status).toBe(409);
    expect(await draft.json()).toMatchObject({ error: { code: 'FLOW_NOT_PUBLISHED' } });
  });

  it('keeps a run going when the SSE client goes away', async () => {
    await t.admin.post('/api/flows', waitFlow('slow', 'sse-gate'));
    await t.admin.post('/api/flows/slow/versions', {});
    const anyKey = (await t.admin.post<{ key: string }>('/api/keys', { flowId: 'slow' })).body.key;
    const controller = new AbortController();
    const reply = await fetch(`${t.url}/v1/flows/slow/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anyKey}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: '{}',
      signal: controller.signal,
    });
    const reader = reply.body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    expect(first).toContain('event: run.start');
    controller.abort();
    while (!gates.has('sse-gate')) await new Promise((r) => setTimeout(r, 5));
    gates.get('sse-gate')?.();
    const { body } = await t.admin.get<{ runs: Array<{ id: string }> }>('/api/runs?flowId=slow');
    expect(await t.admin.waitForRun(body.runs[0]?.id ?? '')).toMatchObject({ status: 'succeeded' });
  });

  it('records published runs with their source', async () => {
    const { body } = await t.admin.get<{ runs: Array<{ source: string; flowVersion: number }> }>(
      '/api/runs?flowId=bot',
    );
    expect(body.runs[0]).toMatchObject({ source: 'api', flowVersion: 1 });
  });
});

describe('OpenAI-compatible chat completions', () => {
  it('answers like OpenAI and keeps the turn in a session', async () => {
    const reply = await call('/v1/chat/completions', {
      model: 'bot',
      messages: [
        { role: 'user', content: 'earlier' },
        { role: 'assistant', content: 'noted' },
        { role: 'user', content: [{ type: 'text', text: 'now' }] },
      ],
    });
    const body = await reply.json();
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'bot',
      choices: [{ message: { role: 'assistant', content: 'You said: now' }, finish_reason: 'stop' }],
    });
    const session = await t.admin.get<{ turns: Array<{ role: string; content: string }> }>(
      `/api/sessions/${reply.headers.get('x-tailor-session-id')}`,
    );
    expect(session.body.turns.map((turn) => turn.content)).toEqual(['earlier', 'noted', 'now', 'You said: now']);
  });

  it('streams chunks of the answer node and ends with [DONE]', async () => {
    const reply = await call('/v1/chat/completions', {
      model: 'bot',
      stream: true,
      messages: [{ role: 'user', content: 'one two three' }],
    });
    const frames = await readSse(reply);
    expect(frames.at(-1)?.data).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.data));
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const text = chunks.map((c) => c.choices[0].delta.content ?? '').join('');
    expect(text).toBe('You said: one two three');
    expect(chunks.filter((c) => c.choices[0].delta.content).length).toBeGreaterThan(2);
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
  });

  it('validates the request like an API would', async () => {
    const reply = await call('/v1/chat/completions', { model: 'bot', messages: [] });
    expect(reply.status).toBe(400);
    const body = (await reply.json()) as { error: { problems: Array<{ message: string }> } };
    expect(body.error.problems[0]?.message).toContain('messages');
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a key spends its burst', async () => {
    const limited = await startTestServer({ TAILOR_RATE_LIMIT_KEY: '6' });
    try {
      await limited.admin.post('/api/flows', echoFlow('bot'));
      await limited.admin.post('/api/flows/bot/versions', {});
      const own = (await limited.admin.post<{ key: string }>('/api/keys', { flowId: 'bot' })).body.key;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const reply = await fetch(`${limited.url}/v1/flows/bot/run`, {
          method: 'POST',
          headers: { authorization: `Bearer ${own}`, 'content-type': 'application/json' },
          body: JSON.stringify({ inputs: { message: 'x' } }),
        });
        statuses.push(reply.status);
        if (reply.status === 429) expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([200, 429, 429]);
    } finally {
      await limited.close();
      removeDir(limited.dataDir);
    }
  });
});
