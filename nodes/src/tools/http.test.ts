import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceRegistry, TailorError } from '@tailor/runtime';
import { runNodeForTest } from '@tailor/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSafeFetch, SafeFetchService } from '../net/safe-fetch.js';
import { CredentialsService, staticCredentials } from '../services/credentials.js';
import { httpNode } from './http.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
let flaky = 0;

/** A small API: echo, flaky (503 twice), limited (429 then ok), missing (404), tickets (JSON). */
beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    if (path === '/echo')
      return json(
        200,
        { method: req.method, url: req.url, auth: req.headers.authorization, key: req.headers['x-api-key'], body },
        { 'x-echo-key': String(req.headers['x-api-key'] ?? '') },
      );
    if (path === '/flaky') return ++flaky <= 2 ? json(503, { error: 'busy' }) : json(200, { ok: true });
    if (path === '/limited')
      return ++flaky % 2 === 1 ? json(429, { error: 'slow down' }, { 'retry-after': '0' }) : json(200, { ok: 1 });
    if (path === '/broken') return json(500, { error: 'crashed after saving?' });
    if (path === '/missing') return json(404, { error: 'no such ticket' });
    if (path === '/text') return res.end('plain words');
    if (path === '/login') return json(200, { ok: true }, { 'set-cookie': 'session=abc123; HttpOnly' });
    if (path === '/tickets')
      return json(200, {
        data: {
          items: [
            { name: '西湖', price: 0 },
            { name: '灵隐寺', price: 75 },
          ],
        },
      });
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const services = new ServiceRegistry().provide(SafeFetchService, createSafeFetch({ allow: ['127.0.0.1'] })).provide(
  CredentialsService,
  staticCredentials([
    { id: 'bearer', kind: 'bearer', apiKey: 'sk-bearer-secret-1' },
    { id: 'header', kind: 'api-key', apiKey: 'key-header-secret-2' },
    { id: 'query', kind: 'query', name: 'appkey', apiKey: 'key-query-secret-3' },
    { id: 'basic', kind: 'basic', username: 'ana', password: 'pa55word' },
  ]),
);

const run = (config: Record<string, unknown>) =>
  runNodeForTest(httpNode, { retryBackoffMs: 0, ...config }, { services });

async function failure(promise: Promise<unknown>): Promise<TailorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TailorError) return error;
    throw error;
  }
  throw new Error('expected the node to fail');
}

describe('http node', () => {
  it('gets JSON, appends the query and picks a value with a JSON path', async () => {
    const { output } = await run({
      url: `${base}/tickets?city=hz`,
      query: { day: '2026-06-22', n: 2 },
      responsePath: '$.data.items[1].price',
    });
    expect(output.body).toBe(75);
    expect(output.status).toBe(200);
    expect(seen.at(-1)?.url).toBe('/tickets?city=hz&day=2026-06-22&n=2');
  });

  it('returns a list for a wildcard path and accepts a path without "$."', async () => {
    const { output } = await run({ url: `${base}/tickets`, responsePath: 'data.items[*].name' });
    expect(output.body).toEqual(['西湖', '灵隐寺']);
  });

  it('says what the response holds when the JSON path finds nothing', async () => {
    const error = await failure(run({ url: `${base}/tickets`, responsePath: '$.result.price' }));
    expect(error.code).toBe('HTTP_RESPONSE_PATH');
    expect(error.message).toContain('fields data');
  });

  it('sends a JSON body, a form body and a raw body', async () => {
    await run({ method: 'POST', url: `${base}/echo`, body: { q: '门票', n: 1 } });
    expect(seen.at(-1)).toMatchObject({ body: '{"q":"门票","n":1}', headers: { 'content-type': 'application/json' } });
    await run({ method: 'POST', url: `${base}/echo`, body: { q: '门票', n: 1 }, bodyType: 'form' });
    expect(seen.at(-1)?.body).toBe('q=%E9%97%A8%E7%A5%A8&n=1');
    await run({
      method: 'PUT',
      url: `${base}/echo`,
      body: 'hello',
      bodyType: 'raw',
      headers: { 'Content-Type': 'text/csv' },
    });
    expect(seen.at(-1)).toMatchObject({ method: 'PUT', body: 'hello', headers: { 'content-type': 'text/csv' } });
  });

  it('returns text when the answer is not JSON', async () => {
    expect((await run({ url: `${base}/text` })).output.body).toBe('plain words');
  });

  it('authenticates with a bearer token and masks it where the API echoes it', async () => {
    const { output } = await run({ url: `${base}/echo`, credential: 'bearer' });
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer sk-bearer-secret-1');
    expect(JSON.stringify(output)).not.toContain('sk-bearer-secret-1');
    expect(output.body).toMatchObject({ auth: 'Bearer ••••••' });
  });

  it('sends an API key header, a query key or basic auth, never showing them', async () => {
    const header = await run({ url: `${base}/echo`, credential: 'header' });
    expect(seen.at(-1)?.headers['x-api-key']).toBe('key-header-secret-2');
    expect(header.output.headers['x-echo-key']).toBe('••••••');
    const query = await run({ url: `${base}/echo`, credential: 'query' });
    expect(seen.at(-1)?.url).toBe('/echo?appkey=key-query-secret-3');
    expect(JSON.stringify(query.output)).not.toContain('key-query-secret-3');
    expect(query.logs.map((entry) => entry.message).join()).not.toContain('key-query-secret-3');
    await run({ url: `${base}/echo`, credential: 'basic' });
    expect(seen.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('ana:pa55word').toString('base64')}`);
  });

  it('shows that a cookie was set, never its value', async () => {
    const { output } = await run({ url: `${base}/login`, method: 'POST' });
    expect(output.headers['set-cookie']).toBe('••••••');
  });

  it('fails clearly when the credential does not exist', async () => {
    expect((await failure(run({ url: `${base}/echo`, credential: 'nope' }))).code).toBe('CREDENTIAL_MISSING');
  });

  it('retries 5xx with backoff and 429 after Retry-After', async () => {
    flaky = 0;
    const flakyRun = await run({ url: `${base}/flaky`, retries: 2 });
    expect(flakyRun.output).toMatchObject({ status: 200, attempts: 3 });
    expect(flakyRun.logs.filter((entry) => entry.level === 'warn')).toHaveLength(2);
    flaky = 0;
    expect((await run({ url: `${base}/limited` })).output).toMatchObject({ status: 200, attempts: 2 });
  });

  it('does not repeat a POST after a 500 (it may have been carried out), but does after a 503', async () => {
    const before = seen.length;
    expect((await failure(run({ method: 'POST', url: `${base}/broken`, body: { seats: 2 } }))).code).toBe(
      'HTTP_STATUS',
    );
    expect(seen.length - before).toBe(1);
    flaky = 0;
    expect((await run({ method: 'POST', url: `${base}/flaky` })).output.attempts).toBe(3);
  });

  it('fails with the status and the API message on 4xx, or returns it when asked', async () => {
    const error = await failure(run({ url: `${base}/missing` }));
    expect(error.code).toBe('HTTP_STATUS');
    expect(error.message).toContain('404');
    expect(error.message).toContain('no such ticket');
    expect((await run({ url: `${base}/missing`, failOnStatus: false })).output.status).toBe(404);
  });

  it('is guarded even when the host provides no safe fetch', async () => {
    const bare = new ServiceRegistry();
    const error = await failure(runNodeForTest(httpNode, { url: `${base}/echo` }, { services: bare }));
    expect(error.code).toBe('HTTP_ADDRESS_REFUSED');
  });
});
