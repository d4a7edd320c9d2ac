import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicVector } from './deterministic-vectors.js';
import { type ProviderServer, startProviderServer } from './provider-server.js';

/** The wire shapes other tests rely on, checked with plain fetch (no Tailor client involved). */
let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ models: ['m1', 'embed-1'], embeddingDimensions: 16 });
});
afterAll(() => server.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('local provider server', () => {
  it('streams OpenAI chunks with split tool-call arguments, the usage chunk and [DONE]', async () => {
    server.enqueue({ toolCalls: [{ name: 'f', arguments: { a: 1 } }], chunkSize: 3, usage: { input: 5, output: 6 } });
    const text = await (
      await post('/v1/chat/completions', {
        model: 'm1',
        messages: [],
        stream: true,
        stream_options: { include_usage: true },
      })
    ).text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice('data: '.length)));
    const pieces = chunks.flatMap((c) =>
      c.choices.flatMap(
        (ch: { delta: { tool_calls?: Array<{ function: { arguments?: string } }> } }) => ch.delta.tool_calls ?? [],
      ),
    );
    expect(pieces.map((p: { function: { arguments?: string } }) => p.function.arguments).join('')).toBe('{"a":1}');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 6 } });
  });

  it('answers Anthropic with its named SSE events', async () => {
    server.enqueue({ text: 'hey' });
    const text = await (
      await post('/v1/messages', { model: 'm1', messages: [], stream: true }, { 'anthropic-version': '2023-06-01' })
    ).text();
    const names = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(names).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('speaks Ollama: tags, NDJSON chat and embed', async () => {
    const tags = (await (await fetch(`${server.url}/api/tags`)).json()) as { models: Array<{ name: string }> };
    expect(tags.models.map((m) => m.name)).toEqual(['m1', 'embed-1']);
    server.enqueue({ text: 'abcdefgh', chunkSize: 4 });
    const lines = (await (await post('/api/chat', { model: 'm1', messages: [] })).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.message.content)).toEqual(['abcd', 'efgh', '']);
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop' });
    const embed = (await (await post('/api/embed', { model: 'embed-1', input: ['x'] })).json()) as {
      embeddings: number[][];
    };
    expect(embed.embeddings[0]).toEqual(deterministicVector('x', 16));
    expect((await post('/api/chat', { model: 'nope', messages: [] })).status).toBe(404);
  });

  it('gives similar texts similar vectors', () => {
    const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0);
    const refund = deterministicVector('refund policy for shoes', 64);
    expect(dot(refund, deterministicVector('for shoes, refund policy', 64))).toBeCloseTo(1, 5);
    expect(dot(refund, deterministicVector('refund policy', 64))).toBeGreaterThan(
      dot(refund, deterministicVector('opening hours', 64)),
    );
  });

  it('records requests and sends the Retry-After of a scripted error', async () => {
    server.enqueue({ error: { status: 429, retryAfter: '7' } });
    const response = await post('/v1/chat/completions', { model: 'm1', messages: [] });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    expect(server.requestsTo('/chat/completions').at(-1)?.body).toMatchObject({ model: 'm1' });
  });
});
