import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHttp } from './admin-http.js';

let server: Server;
let url = '';
const seen: Array<{ method?: string; url?: string; authorization?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
      if (req.url === '/proxy-error') {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
      } else if (req.url === '/refused') {
        res.writeHead(409, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'No.' } }));
      } else if (req.url === '/empty') {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echoed: JSON.parse(body) }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('adminHttp', () => {
  it('sends JSON with the admin token and reads the JSON answer', async () => {
    const { base, call } = adminHttp(url, 'ta_secret');
    expect(base).toBe(url.replace(/\/$/, ''));
    const reply = await call<{ echoed: unknown }>('POST', '/echo', { a: 1 });
    expect(reply).toEqual({ status: 200, body: { echoed: { a: 1 } } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/echo', authorization: 'Bearer ta_secret' });
  });

  it('hands refusals and empty answers to the caller with their status', async () => {
    const { call } = adminHttp(url, 'ta_secret');
    expect(await call('DELETE', '/refused')).toEqual({ status: 409, body: { error: { message: 'No.' } } });
    expect(await call('DELETE', '/empty')).toEqual({ status: 204, body: undefined });
  });

  it('says so when the answer is not JSON (a proxy error page) or the server cannot be reached', async () => {
    const { call } = adminHttp(url, 'ta_secret');
    await expect(call('GET', '/proxy-error')).rejects.toThrow(
      /answered 502 to GET \/proxy-error with something that is not JSON/,
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(adminHttp(`http://127.0.0.1:${port}`, 't').call('GET', '/api/flows')).rejects.toThrow(
      /Cannot reach the server at http:\/\/127\.0\.0\.1:\d+/,
    );
  });
});
