import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directJsonPost, parseByteSize } from './direct-json-post.js';
import { errorHandler } from './error-handler.js';

describe('parseByteSize', () => {
  it('reads sizes as express limits are written', () => {
    expect(parseByteSize('2mb')).toBe(2 * 1024 * 1024);
    expect(parseByteSize('100KB')).toBe(100 * 1024);
    expect(parseByteSize('512')).toBe(512);
    expect(parseByteSize('1.5kb')).toBe(1536);
    expect(parseByteSize('lots')).toBeUndefined();
  });
});

describe('directJsonPost', () => {
  let http: Server;
  let url = '';
  beforeAll(async () => {
    const app = express();
    app.use(
      directJsonPost(
        {
          match: (path) => (/^\/echo\/(\w+)$/.exec(path)?.[1] ? { name: path.slice(6) } : undefined),
          accepts: (req) => req.headers['x-slow-way'] === undefined,
          handle: async ({ params, body }) => ({ way: 'direct', name: params.name, body }),
        },
        '1kb',
      ),
    );
    app.post('/echo/:name', express.json({ strict: false }), (req, res) => {
      res.json({ way: 'express', name: req.params.name, body: req.body });
    });
    app.use(errorHandler(() => undefined));
    http = createServer(app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => http.close(resolve)));

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const reply = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
  };

  it('answers plain JSON posts itself', async () => {
    expect(await post('/echo/a', '{"x":1}')).toEqual({
      status: 200,
      body: { way: 'direct', name: 'a', body: { x: 1 } },
    });
    expect(await post('/echo/a', '\ufeff[1]')).toEqual({ status: 200, body: { way: 'direct', name: 'a', body: [1] } });
  });

  it('answers a body that is not JSON as the error handler does for express', async () => {
    expect(await post('/echo/a', '{x')).toEqual({
      status: 400,
      body: {
        error: {
          code: 'REQUEST_INVALID',
          message: 'The body is not valid JSON.',
          problems: [{ path: [], message: 'body: not valid JSON' }],
        },
      },
    });
  });

  it('hands everything else to express: refused requests, other paths, bodies over the limit', async () => {
    expect((await post('/echo/a', '{}', { 'x-slow-way': '1' })).body.way).toBe('express');
    expect((await post('/echo/a?x=1', '{}')).body.way).toBe('express');
    expect((await post('/echo/a', JSON.stringify({ long: 'x'.repeat(2000) }))).body.way).toBe('express');
    expect((await post('/echo/a', '{}', { 'content-type': 'application/json; charset=latin1' })).status).toBe(415);
  });
});
