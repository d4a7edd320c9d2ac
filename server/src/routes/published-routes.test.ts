import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.js';
import { type RunningServer, startServer } from '../main.js';

const PASSWORD = 'correct horse battery';
let server: RunningServer;
let dataDir: string;
let cookie = '';
let key = '';
let otherKey = '';

async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  const reply = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, 'x-tailor-csrf': '1', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
  return reply;
}

function echoFlow(id: string) {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: id,
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string', required: true }] } },
      { id: 'reply', type: 'template', config: { template: 'You asked: {{ start.message }}' } },
      { id: 'end', type: 'output', config: { value: { text: '{{ reply.text }}' } } },
    ],
    edges: [
      { from: 'start', to: 'reply' },
      { from: 'reply', to: 'end' },
    ],
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tailor-published-'));
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TAILOR_DATA_DIR: dataDir,
    TAILOR_ADMIN_PASSWORD: PASSWORD,
  });
  server = await startServer({ config, log: () => undefined });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: PASSWORD }),
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  for (const id of ['faq', 'other']) {
    await admin('POST', '/api/flows', echoFlow(id));
    await admin('POST', `/api/flows/${id}/versions`, { note: 'live' });
  }
  key = ((await (await admin('POST', '/api/keys', { flowId: 'faq' })).json()) as { key: string }).key;
  otherKey = ((await (await admin('POST', '/api/keys', { flowId: 'other' })).json()) as { key: string }).key;
});

afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The same request twice: once as servers send it (the shortcut takes it) and once with a
 * content type spelled differently, which only the express route takes.
 */
async function bothWays(path: string, body: string, headers: Record<string, string> = {}) {
  const send = (contentType: string) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const direct = await send('application/json');
  const routed = await send('Application/JSON;charset=UTF-8');
  const read = async (reply: Response) => ({
    status: reply.status,
    type: reply.headers.get('content-type'),
    nosniff: reply.headers.get('x-content-type-options'),
    retryAfter: reply.headers.get('retry-after'),
    body: (await reply.json()) as Record<string, unknown>,
  });
  return { direct: await read(direct), routed: await read(routed) };
}

/** Run ids differ between two runs; everything else must not. */
function withoutRunId(answer: { body: Record<string, unknown> }) {
  const { runId, ...rest } = answer.body;
  return { ...answer, body: rest, hasRunId: typeof runId === 'string' };
}

describe('the published run shortcut', () => {
  const auth = () => ({ authorization: `Bearer ${key}` });

  it('answers a run like the express route, with the security headers', async () => {
    const { direct, routed } = await bothWays(
      '/v1/flows/faq/run',
      JSON.stringify({ inputs: { message: 'hi' } }),
      auth(),
    );
    expect(withoutRunId(direct)).toEqual(withoutRunId(routed));
    expect(direct).toMatchObject({
      status: 200,
      type: 'application/json; charset=utf-8',
      nosniff: 'nosniff',
      body: { status: 'succeeded', output: { text: 'You asked: hi' } },
    });
  });

  it('records the run before it answers: every node is readable at once', async () => {
    const { direct } = await bothWays('/v1/flows/faq/run', JSON.stringify({ inputs: { message: 'kept' } }), auth());
    const run = await admin('GET', `/api/runs/${String(direct.body.runId)}`);
    const stored = (await run.json()) as { status: string; source: string; nodes: Array<{ nodeId: string }> };
    expect(stored).toMatchObject({ status: 'succeeded', source: 'api' });
    expect(stored.nodes.map((node) => node.nodeId).sort()).toEqual(['end', 'reply', 'start']);
  });

  it('refuses like the express route: bad JSON, bad body, bad inputs, no key, wrong key, unknown flow', async () => {
    const cases: Array<[string, string, Record<string, string>, number]> = [
      ['/v1/flows/faq/run', '{"inputs":', auth(), 400],
      ['/v1/flows/faq/run', JSON.stringify({ inputs: 'no' }), auth(), 400],
      ['/v1/flows/faq/run', JSON.stringify({ inputs: { message: 42 } }), auth(), 400],
      ['/v1/flows/faq/run', JSON.stringify({ inputs: { message: 'x' } }), {}, 401],
      ['/v1/flows/faq/run', JSON.stringify({ inputs: { message: 'x' } }), { authorization: 'Bearer tk_nope' }, 401],
      ['/v1/flows/faq/run', JSON.stringify({ inputs: { message: 'x' } }), { authorization: `Bearer ${otherKey}` }, 403],
      [
        '/v1/flows/missing/run',
        JSON.stringify({ inputs: { message: 'x' } }),
        { authorization: `Bearer ${otherKey}` },
        403,
      ],
    ];
    for (const [path, body, headers, status] of cases) {
      const { direct, routed } = await bothWays(path, body, headers);
      expect(withoutRunId(direct), `${path} ${body}`).toEqual(withoutRunId(routed));
      expect(direct.status).toBe(status);
    }
  });

  it('leaves what it does not take to express: other content types, browsers, big bodies', async () => {
    const form = await fetch(`${server.url}/v1/flows/faq/run`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/plain' },
      body: 'inputs',
    });
    expect(form.status).toBe(415);
    const browser = await fetch(`${server.url}/v1/flows/faq/run`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ inputs: { message: 'x' } }),
    });
    expect(browser.status).toBe(403);
    const big = await fetch(`${server.url}/v1/flows/faq/run`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: { message: 'x'.repeat(3 * 1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
  });
});
