// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunRequest, streamRun } from './run-stream.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server | undefined;

async function serve(handler: Handler): Promise<string> {
  const started = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => handler(req, res, body));
  });
  server = started;
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

function sse(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, runId: 'r1', ...data })}\n\n`;
}

function request(url: string, texts: string[] = []): RunRequest {
  return {
    server: url,
    flow: 'faq bot',
    key: 'tk_test',
    message: 'How do returns work?',
    sessionId: 's1',
    userToken: 'jwt.token.here',
    signal: new AbortController().signal,
    onText: (text) => texts.push(text),
  };
}

describe('streamRun', () => {
  it('posts the message and streams the answer node by node until run.end', async () => {
    let seen: { url?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    const url = await serve((req, res, body) => {
      seen = { url: req.url, headers: req.headers, body };
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(sse('run.start', { flowId: 'faq bot' }));
      res.write(sse('node.delta', { nodeId: 'answer', text: 'Returns ' }));
      // One event split across two writes, as a proxy may do.
      const split = sse('node.delta', { nodeId: 'answer', text: 'take **7 days**.' });
      res.write(split.slice(0, 20));
      setTimeout(() => {
        res.write(split.slice(20));
        res.end(
          sse('run.end', { status: 'succeeded', output: { text: 'Returns take **7 days**.', sources: ['faq.md'] } }),
        );
      }, 5);
    });
    const texts: string[] = [];
    const outcome = await streamRun(request(url, texts));
    expect(seen.url).toBe('/v1/flows/faq%20bot/run');
    expect(seen.headers?.authorization).toBe('Bearer tk_test');
    expect(seen.headers?.accept).toBe('text/event-stream');
    expect(seen.headers?.['x-tailor-user']).toBe('jwt.token.here');
    expect(JSON.parse(seen.body ?? '')).toEqual({ inputs: { message: 'How do returns work?' }, sessionId: 's1' });
    expect(texts).toEqual(['Returns ', 'Returns take **7 days**.']);
    expect(outcome).toEqual({
      ok: true,
      runId: 'r1',
      answer: { text: 'Returns take **7 days**.', sources: [{ title: 'faq.md' }] },
    });
  });

  it('shows the text of the node that spoke last, ignoring nested scopes', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(sse('node.delta', { nodeId: 'classify', text: 'billing' }));
      res.write(sse('node.delta', { nodeId: 'tool', scope: ['agent', '1'], text: 'inner' }));
      res.write(sse('node.delta', { nodeId: 'answer', text: 'Hi' }));
      res.end(sse('run.end', { status: 'succeeded', output: 'Hi' }));
    });
    const texts: string[] = [];
    await streamRun(request(url, texts));
    expect(texts).toEqual(['billing', 'Hi']);
  });

  it('reports a stream cut before run.end as a retryable network loss', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(sse('node.delta', { nodeId: 'answer', text: 'Half' }));
      setTimeout(() => res.destroy(), 5);
    });
    const outcome = await streamRun(request(url));
    expect(outcome).toMatchObject({ ok: false, code: 'NETWORK', retryable: true });
  });

  it('reports an unreachable server as a retryable network loss', async () => {
    const url = await serve(() => undefined);
    server?.close();
    const outcome = await streamRun(request(url.replace(/:\d+$/, ':1')));
    expect(outcome).toMatchObject({ ok: false, code: 'NETWORK', retryable: true });
  });

  it('passes on a refusal with its code, and a rate limit with its wait', async () => {
    let status = 403;
    const url = await serve((_req, res) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (status === 429) headers['Retry-After'] = '3';
      res.writeHead(status, headers);
      res.end(JSON.stringify({ error: { code: status === 429 ? 'RATE_LIMITED' : 'FORBIDDEN', message: 'no' } }));
    });
    expect(await streamRun(request(url))).toEqual({ ok: false, code: 'FORBIDDEN', message: 'no', retryable: false });
    status = 429;
    expect(await streamRun(request(url))).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      message: 'no',
      retryable: true,
      retryAfterMs: 3000,
    });
  });

  it('reports a failed run with its error, not as retryable', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end(sse('run.end', { status: 'failed', error: { code: 'PROVIDER_TIMEOUT', message: 'slow' } }));
    });
    expect(await streamRun(request(url))).toEqual({
      ok: false,
      code: 'PROVIDER_TIMEOUT',
      message: 'slow',
      retryable: false,
    });
  });

  it('accepts a plain JSON answer from a server that does not stream', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ runId: 'r2', status: 'succeeded', output: 'Plain' }));
    });
    expect(await streamRun(request(url))).toEqual({ ok: true, answer: { text: 'Plain', sources: [] } });
  });
});
