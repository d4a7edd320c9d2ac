import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TailorError } from '@tailor/runtime';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedAgent } from './guarded-agent.js';
import { createNetworkGuard } from './network-guard.js';
import { createSafeFetch } from './safe-fetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface LocalServer {
  server: Server;
  port: number;
  seen: IncomingMessage[];
  handle: { current: Handler };
}

async function listen(host: '127.0.0.1' | '::1'): Promise<LocalServer> {
  const seen: IncomingMessage[] = [];
  const handle = { current: ((_req, res) => res.end('ok')) as Handler };
  const server = createServer((req, res) => {
    seen.push(req);
    handle.current(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, seen, handle };
}

async function failure(promise: Promise<unknown>): Promise<TailorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TailorError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

let v4: LocalServer;
let v6: LocalServer;
beforeAll(async () => {
  v4 = await listen('127.0.0.1');
  v6 = await listen('::1');
});
afterAll(() => {
  v4.server.close();
  v6.server.close();
});

describe('safe fetch refuses loopback in every spelling, before connecting', () => {
  const guarded = createSafeFetch();
  const spellings = [
    '127.0.0.1',
    '127.1',
    '2130706433',
    '0x7f000001',
    '017700000001',
    '0177.0.0.1',
    '[::ffff:127.0.0.1]',
  ];

  it.each(spellings)('http://%s is refused with the address and the reason', async (host) => {
    const before = v4.seen.length;
    const error = await failure(guarded.fetch({ url: `http://${host}:${v4.port}/` }));
    expect(error.code).toBe('HTTP_ADDRESS_REFUSED');
    expect(error.message).toContain('loopback');
    expect(error.details).toMatchObject({ category: 'loopback' });
    expect(v4.seen.length).toBe(before);
  });

  it.each(['127.0.0.1.', 'localhost.', '[0:0:0:0:0:0:0:1]', '[::7f00:1]', '0', '0.0.0.0'])(
    'refuses the odd spelling http://%s',
    async (host) => {
      const before = v4.seen.length + v6.seen.length;
      const error = await failure(guarded.fetch({ url: `http://${host}:${v4.port}/` }));
      expect(error.code).toBe('HTTP_ADDRESS_REFUSED');
      expect(v4.seen.length + v6.seen.length).toBe(before);
    },
  );

  it('refuses [::1] and localhost', async () => {
    expect((await failure(guarded.fetch({ url: `http://[::1]:${v6.port}/` }))).code).toBe('HTTP_ADDRESS_REFUSED');
    expect((await failure(guarded.fetch({ url: `http://localhost:${v4.port}/` }))).code).toBe('HTTP_ADDRESS_REFUSED');
    expect(v6.seen.length).toBe(0);
  });

  it('refuses non-http schemes and credentials in the URL', async () => {
    expect((await failure(guarded.fetch({ url: 'file:///etc/passwd' }))).message).toContain('"file:"');
    expect((await failure(guarded.fetch({ url: `http://u:p@127.0.0.1:${v4.port}/` }))).message).toContain('credential');
  });
});

describe('safe fetch checks resolved and connected addresses', () => {
  it('refuses a name that resolves to loopback (DNS rebinding) without sending a request', async () => {
    const fake = createSafeFetch({
      resolve: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
    });
    const before = v4.seen.length;
    const error = await failure(fake.fetch({ url: `http://rebind.example:${v4.port}/` }));
    expect(error.code).toBe('HTTP_ADDRESS_REFUSED');
    expect(error.message).toContain('rebind.example → 127.0.0.1');
    expect(v4.seen.length).toBe(before);
    await fake.close();
  });

  it('connects only to the allowed addresses a name resolves to', async () => {
    const fake = createSafeFetch({
      allow: ['127.0.0.1'],
      resolve: (_host, _options, callback) =>
        callback(null, [
          { address: '::1', family: 6 },
          { address: '127.0.0.1', family: 4 },
        ]),
    });
    const response = await fake.fetch({ url: `http://mixed.example:${v4.port}/` });
    expect(response.status).toBe(200);
    await fake.close();
  });

  it('checks the remote address of the socket it actually connected', async () => {
    const refuseAll = { checkUrl: () => {}, checkAddress: createNetworkGuard().checkAddress };
    const agent = createGuardedAgent(refuseAll, 1_000);
    const before = v4.seen.length;
    const error = await failure(request(`http://127.0.0.1:${v4.port}/`, { dispatcher: agent }));
    expect(error.code).toBe('HTTP_ADDRESS_REFUSED');
    expect(v4.seen.length).toBe(before);
    await agent.close();
  });
});

describe('safe fetch with an allow-list', () => {
  const allowed = createSafeFetch({ allow: ['127.0.0.1', '::1'] });

  it('fetches, reporting status, headers, body and timing', async () => {
    v4.handle.current = (_req, res) => {
      res.setHeader('x-test', 'yes');
      res.end('hello');
    };
    const response = await allowed.fetch({ url: `http://127.0.0.1:${v4.port}/x` });
    expect(response.status).toBe(200);
    expect(response.headers['x-test']).toBe('yes');
    expect(Buffer.from(response.body).toString()).toBe('hello');
    expect(response.timing.totalMs).toBeGreaterThanOrEqual(0);
  });

  it('checks every redirect hop', async () => {
    const only6 = createSafeFetch({ allow: ['::1'] });
    v6.handle.current = (_req, res) => {
      res.writeHead(302, { location: `http://127.1:${v4.port}/inside` });
      res.end();
    };
    const before = v4.seen.length;
    const error = await failure(only6.fetch({ url: `http://[::1]:${v6.port}/start` }));
    expect(error.code).toBe('HTTP_ADDRESS_REFUSED');
    expect(error.message).toContain('127.0.0.1');
    expect(v4.seen.length).toBe(before);
    await only6.close();
  });

  it('follows allowed redirects, turns a 303 into GET and drops credentials off-origin', async () => {
    v4.handle.current = (_req, res) => {
      res.writeHead(303, { location: `http://[::1]:${v6.port}/next` });
      res.end();
    };
    v6.handle.current = (req, res) =>
      res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization ?? null }));
    const response = await allowed.fetch({
      url: `http://127.0.0.1:${v4.port}/start`,
      method: 'POST',
      body: '{}',
      headers: { authorization: 'Bearer secret', 'content-type': 'application/json' },
    });
    expect(JSON.parse(Buffer.from(response.body).toString())).toEqual({ method: 'GET', auth: null });
    expect(response.redirects).toEqual([`http://127.0.0.1:${v4.port}/start`]);
  });

  it('stops a body larger than the limit, with or without content-length', async () => {
    v4.handle.current = (req, res) => {
      if (req.url === '/declared') res.setHeader('content-length', String(2048));
      res.end('x'.repeat(2048));
    };
    const declared = await failure(allowed.fetch({ url: `http://127.0.0.1:${v4.port}/declared`, maxBytes: 1024 }));
    expect(declared.code).toBe('HTTP_RESPONSE_TOO_LARGE');
    const streamed = await failure(allowed.fetch({ url: `http://127.0.0.1:${v4.port}/chunked`, maxBytes: 1024 }));
    expect(streamed.code).toBe('HTTP_RESPONSE_TOO_LARGE');
  });

  it('times out with HTTP_TIMEOUT and honours the caller abort signal', async () => {
    v4.handle.current = () => {};
    const slow = await failure(allowed.fetch({ url: `http://127.0.0.1:${v4.port}/slow`, timeoutMs: 50 }));
    expect(slow.code).toBe('HTTP_TIMEOUT');
    const controller = new AbortController();
    const pending = allowed.fetch({ url: `http://127.0.0.1:${v4.port}/slow`, signal: controller.signal });
    controller.abort(new Error('cancelled by user'));
    await expect(pending).rejects.toThrow('cancelled by user');
  });
});
