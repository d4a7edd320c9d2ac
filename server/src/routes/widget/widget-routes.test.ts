import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../config.js';
import { type RunningServer, startServer } from '../../main.js';

const SHOP = 'http://shop.example';
const SECRET = 'widget-identity-secret-of-32-bytes-at-least';
const BUNDLE = `/* widget */ ${'console.log("tailor");'.repeat(200)}`;

let server: RunningServer;
let dataDir: string;
let editorDir: string;
let cookie = '';
const keys: Record<string, string> = {};

async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  const reply = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, 'x-tailor-csrf': '1', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
  return reply;
}

/** A flow that answers without a model: the template echoes the message. */
function flow(id: string, widget: Record<string, unknown>) {
  return {
    schema: 'tailor.flow/v1',
    id,
    name: `Flow ${id}`,
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string', required: true }] } },
      { id: 'reply', type: 'template', config: { template: 'You asked: {{ start.message }}' } },
      { id: 'end', type: 'output', config: { value: { text: '{{ reply.text }}' } } },
    ],
    edges: [
      { from: 'start', to: 'reply' },
      { from: 'reply', to: 'end' },
    ],
    settings: { chat: true, widget },
  };
}

async function publish(id: string, widget: Record<string, unknown>): Promise<void> {
  await admin('POST', '/api/flows', flow(id, widget));
  await admin('POST', `/api/flows/${id}/versions`, { note: 'live' });
  const reply = await admin('POST', '/api/keys', { flowId: id, origins: [SHOP] });
  keys[id] = ((await reply.json()) as { key: string }).key;
}

function ask(flowId: string, headers: Record<string, string> = {}, message = 'hi'): Promise<Response> {
  return fetch(`${server.url}/v1/flows/${flowId}/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys[flowId]}`, 'content-type': 'application/json', origin: SHOP, ...headers },
    body: JSON.stringify({ inputs: { message } }),
  });
}

function token(sub: string, expires: string | number = '5m', secret = SECRET): Promise<string> {
  return new SignJWT({ sub, name: 'Visitor' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(secret));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tailor-widget-'));
  editorDir = mkdtempSync(join(tmpdir(), 'tailor-widget-dist-'));
  writeFileSync(join(editorDir, 'widget.js'), BUNDLE);
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TAILOR_DATA_DIR: dataDir,
    TAILOR_EDITOR_DIR: editorDir,
    TAILOR_ADMIN_PASSWORD: 'correct horse battery',
  });
  server = await startServer({ config, log: () => undefined });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'correct horse battery' }),
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  await admin('POST', '/api/credentials', { id: 'shop-identity', apiKey: SECRET });
  await publish('faq', {
    title: 'Shop help',
    greeting: 'Hello!',
    suggestedQuestions: ['Where is my order?'],
    theme: { primary: '#0f766e', background: 'url(https://evil.example/x)' },
    position: 'bottom-left',
    appearance: 'auto',
  });
  await publish('members', { identity: { credential: 'shop-identity', required: true } });
  await publish('strict', { rateLimit: { perUserPerMinute: 1 } });
  await publish('busy', { rateLimit: { perKeyPerMinute: 1 }, identity: { credential: 'shop-identity' } });
});

afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(editorDir, { recursive: true, force: true });
});

describe('GET /widget.js', () => {
  it('serves the bundle as JavaScript to any site, compressed and revalidated by ETag', async () => {
    const reply = await fetch(`${server.url}/widget.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(reply.headers.get('cache-control')).toContain('max-age=300');
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await reply.text()).toBe(BUNDLE);
    const etag = reply.headers.get('etag') ?? '';
    const again = await fetch(`${server.url}/widget.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('sends gzip to a client that asks for it', async () => {
    const { request } = await import('node:http');
    const body = await new Promise<{ encoding: string | undefined; data: Buffer }>((resolve, reject) => {
      request(`${server.url}/widget.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], data: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(body.encoding).toBe('gzip');
    expect(body.data.length).toBeLessThan(BUNDLE.length / 4);
    expect(gunzipSync(body.data).toString()).toBe(BUNDLE);
  });
});

describe('CORS preflight of the published API', () => {
  const preflight = (path: string, origin: string) =>
    fetch(`${server.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-tailor-user',
      },
    });

  it('answers for an origin a key of the flow allows, with the identity header allowed', async () => {
    const reply = await preflight('/v1/flows/faq/run', SHOP);
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(reply.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-tailor-user');
  });

  it('refuses every other origin without any CORS header', async () => {
    for (const path of ['/v1/flows/faq/run', '/v1/widget/faq/config', '/v1/chat/completions']) {
      const reply = await preflight(path, 'http://evil.example');
      expect(reply.status).toBe(403);
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('GET /v1/widget/:flowId/config', () => {
  const config = (flowId: string, origin: string, key = keys[flowId]) =>
    fetch(`${server.url}/v1/widget/${flowId}/config`, { headers: { authorization: `Bearer ${key}`, origin } });

  it("gives the flow's widget settings, dropping unsafe theme values", async () => {
    const reply = await config('faq', SHOP);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(await reply.json()).toEqual({
      flowId: 'faq',
      title: 'Shop help',
      greeting: 'Hello!',
      suggestedQuestions: ['Where is my order?'],
      theme: {},
      position: 'bottom-left',
      appearance: 'auto',
      identityRequired: false,
    });
  });

  it("falls back to the flow's name and says when an identity is required", async () => {
    expect(await (await config('members', SHOP)).json()).toMatchObject({
      title: 'Flow members',
      identityRequired: true,
    });
  });

  it('refuses another origin and a key of another flow', async () => {
    const evil = await config('faq', 'http://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await config('faq', SHOP, keys.members)).status).toBe(403);
  });
});

describe('governance of browser calls', () => {
  it('runs the flow for an allowed origin', async () => {
    const reply = await ask('faq');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(await reply.json()).toMatchObject({ status: 'succeeded', output: { text: 'You asked: hi' } });
  });

  it('refuses an origin the key does not list, without CORS headers', async () => {
    const reply = await ask('faq', { origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('requires a valid signed identity where the flow says so, readable by the widget', async () => {
    const missing = await ask('members');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(
      (await ask('members', { 'x-tailor-user': await token('u1', '5m', 'a-different-secret-of-32-bytes-long!') }))
        .status,
    ).toBe(401);
    expect(
      (await ask('members', { 'x-tailor-user': await token('u1', Math.floor(Date.now() / 1000) - 300) })).status,
    ).toBe(401);
    const signed = await ask('members', { 'x-tailor-user': await token('customer-7') });
    expect(signed.status).toBe(200);
    // The run record keeps who asked, and runs can be listed by visitor.
    const { runId } = (await signed.json()) as { runId: string };
    const record = (await (await admin('GET', `/api/runs/${runId}`)).json()) as { endUser?: unknown };
    expect(record.endUser).toEqual({ id: 'customer-7', name: 'Visitor' });
    const listed = (await (await admin('GET', '/api/runs?endUserId=customer-7')).json()) as {
      runs: Array<{ id: string }>;
    };
    expect(listed.runs.map((run) => run.id)).toEqual([runId]);
  });

  it('limits questions per visitor, with a Retry-After the widget can read', async () => {
    expect((await ask('strict')).status).toBe(200);
    const limited = await ask('strict');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(limited.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('limits questions per widget key across visitors', async () => {
    expect((await ask('busy', { 'x-tailor-user': await token('a') })).status).toBe(200);
    expect((await ask('busy', { 'x-tailor-user': await token('b') })).status).toBe(429);
  });

  it('applies the same checks to the OpenAI-compatible endpoint', async () => {
    const chat = (origin: string) =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.members}`, 'content-type': 'application/json', origin },
        body: JSON.stringify({ model: 'members', messages: [{ role: 'user', content: 'hi' }] }),
      });
    expect((await chat('http://evil.example')).status).toBe(403);
    expect((await chat(SHOP)).status).toBe(401);
  });
});
