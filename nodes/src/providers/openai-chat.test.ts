import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiChat } from './openai-chat.js';
import { endpointOf } from './provider-http.js';

const KEY = 'sk-test-0123456789abcdefghijklmnop';
let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, models: ['gpt-test'], contextWindow: 2000 });
});
afterAll(() => server.close());

function chat(options: { key?: string; idleTimeoutMs?: number } = {}) {
  const endpoint = endpointOf({
    provider: 'openai',
    baseUrl: server.openaiBaseUrl,
    headers: { authorization: `Bearer ${options.key ?? KEY}` },
    secrets: [options.key ?? KEY],
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2_000 },
    idleTimeoutMs: options.idleTimeoutMs ?? 5_000,
  });
  return createOpenAiChat({ endpoint });
}
const ask = [{ role: 'user' as const, content: 'Say hello' }];

describe('OpenAI-compatible chat', () => {
  it('streams text pieces and takes usage from the last chunk', async () => {
    server.enqueue({ text: 'Hello there, friend', usage: { input: 11, output: 5 }, chunkSize: 3 });
    const pieces: string[] = [];
    const reply = await chat().chat({ model: 'gpt-test', messages: ask, onText: (t) => pieces.push(t) });
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe('Hello there, friend');
    expect(reply).toMatchObject({ text: 'Hello there, friend', finishReason: 'stop', usage: { input: 11, output: 5 } });
    expect(server.requests.at(-1)?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('takes <think> thinking out of the answer of a reasoning model served without a parser', async () => {
    server.enqueue({ text: '<think>The user greets me.</think>\n\nHello!', chunkSize: 3 });
    const pieces: string[] = [];
    const thoughts: string[] = [];
    const reply = await chat().chat({
      model: 'gpt-test',
      messages: ask,
      onText: (t) => pieces.push(t),
      onReasoning: (r) => thoughts.push(r),
    });
    expect(reply).toMatchObject({ text: 'Hello!', reasoning: 'The user greets me.' });
    expect(pieces.join('')).toBe('Hello!');
    expect(thoughts.join('')).toBe('The user greets me.');
    server.enqueue({ text: '<think>hmm</think>Fine.' });
    expect(await chat().chat({ model: 'gpt-test', messages: ask })).toMatchObject({ text: 'Fine.', reasoning: 'hmm' });
  });

  it('assembles tool calls whose arguments are split across chunks', async () => {
    server.enqueue({
      toolCalls: [
        { name: 'weather', arguments: { city: 'Paris', unit: 'celsius' } },
        { id: 'call_b', name: 'time', arguments: { zone: 'Europe/Paris' } },
      ],
      chunkSize: 5,
    });
    const tools = [{ name: 'weather', description: 'Weather in a city', parameters: { type: 'object' } }];
    const reply = await chat().chat({ model: 'gpt-test', messages: ask, tools, onText: () => undefined });
    expect(reply.finishReason).toBe('tool_calls');
    expect(reply.toolCalls).toEqual([
      { id: 'call_1', name: 'weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      { id: 'call_b', name: 'time', arguments: '{"zone":"Europe/Paris"}' },
    ]);
    expect(server.requests.at(-1)?.body).toMatchObject({
      tools: [{ type: 'function', function: { name: 'weather' } }],
    });
  });

  it('reads a non-streamed completion with tool calls', async () => {
    server.enqueue({
      text: 'Checking',
      toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }],
      usage: { input: 3, output: 4 },
    });
    const reply = await chat().chat({ model: 'gpt-test', messages: ask, temperature: 0.2, maxTokens: 50 });
    expect(reply).toMatchObject({ text: 'Checking', finishReason: 'tool_calls', usage: { input: 3, output: 4 } });
    expect(reply.toolCalls[0]).toMatchObject({ name: 'weather', arguments: '{"city":"Oslo"}' });
    expect(server.requests.at(-1)?.body).toMatchObject({ temperature: 0.2, max_tokens: 50 });
  });

  it('sends tool results back as tool messages', async () => {
    const messages = [
      ...ask,
      { role: 'assistant' as const, content: '', toolCalls: [{ id: 'c1', name: 'weather', arguments: '{}' }] },
      { role: 'tool' as const, content: '12°C', toolCallId: 'c1' },
    ];
    await chat().chat({ model: 'gpt-test', messages });
    expect(server.requests.at(-1)?.body).toMatchObject({
      messages: [
        { role: 'user' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function' }] },
        { role: 'tool', tool_call_id: 'c1', content: '12°C' },
      ],
    });
  });

  it('reports a bad key as PROVIDER_AUTH without the key', async () => {
    const wrong = 'sk-wrong-key-abcdefghijklmnopqrstu';
    const error = await chat({ key: wrong })
      .chat({ model: 'gpt-test', messages: ask })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_AUTH' });
    expect(String((error as Error).message)).toContain('openai answered HTTP 401');
    expect(JSON.stringify(error) + String(error)).not.toContain(wrong);
  });

  it('reports an unknown model as PROVIDER_MODEL_NOT_FOUND with the provider message', async () => {
    const error = await chat()
      .chat({ model: 'gpt-nope', messages: ask })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_MODEL_NOT_FOUND' });
    expect((error as Error).message).toContain('gpt-nope');
  });

  it('reports a prompt over the context window as PROVIDER_CONTEXT_TOO_LONG', async () => {
    const long = [{ role: 'user' as const, content: 'word '.repeat(3000) }];
    const error = await chat()
      .chat({ model: 'gpt-test', messages: long })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_CONTEXT_TOO_LONG' });
    expect((error as Error).message).toContain('maximum context length is 2000');
  });

  it('retries a 429 after Retry-After and a 500, then succeeds', async () => {
    server.enqueue({ error: { status: 429, retryAfter: '0' } });
    server.enqueue({ error: { status: 500 } });
    server.enqueue({ text: 'third time lucky' });
    const before = server.requests.length;
    const reply = await chat().chat({ model: 'gpt-test', messages: ask });
    expect(reply.text).toBe('third time lucky');
    expect(server.requests.length - before).toBe(3);
  });

  it('gives up on a rate limit when the tries run out', async () => {
    for (let i = 0; i < 3; i += 1) server.enqueue({ error: { status: 429, retryAfter: '0' } });
    const error = await chat()
      .chat({ model: 'gpt-test', messages: ask })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_RATE_LIMITED' });
  });

  it('does not retry an exhausted quota', async () => {
    server.enqueue({ error: { status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota.' } });
    const before = server.requests.length;
    const error = await chat()
      .chat({ model: 'gpt-test', messages: ask })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_QUOTA_EXCEEDED' });
    expect(server.requests.length - before).toBe(1);
  });

  it('fails on a malformed stream chunk', async () => {
    server.enqueue({ broken: 'malformed-json', text: 'partial' });
    const error = await chat()
      .chat({ model: 'gpt-test', messages: ask, onText: () => undefined })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE' });
  });

  it('fails when the connection is cut mid-stream', async () => {
    server.enqueue({ broken: 'cut', text: 'partial answer' });
    const error = await chat()
      .chat({ model: 'gpt-test', messages: ask, onText: () => undefined })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_STREAM_INTERRUPTED' });
  });

  it('fails a stalled stream after the idle timeout instead of hanging', async () => {
    server.enqueue({ broken: 'stall', text: 'then silence' });
    const error = await chat({ idleTimeoutMs: 150 })
      .chat({ model: 'gpt-test', messages: ask, onText: () => undefined })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_STREAM_INTERRUPTED' });
    expect((error as Error).message).toContain('sent nothing');
  });

  it('fails a non-streamed answer that stalls or is cut, instead of hanging', async () => {
    server.enqueue({ broken: 'cut' });
    server.enqueue({ broken: 'cut' });
    server.enqueue({ broken: 'cut' });
    await expect(chat().chat({ model: 'gpt-test', messages: ask })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
    server.enqueue({ broken: 'malformed-json' });
    await expect(chat().chat({ model: 'gpt-test', messages: ask })).rejects.toMatchObject({
      code: 'PROVIDER_BAD_RESPONSE',
    });
    // Nothing reached the caller yet, so each stall is tried again (three tries in all).
    for (let i = 0; i < 3; i += 1) server.enqueue({ broken: 'stall' });
    await expect(chat({ idleTimeoutMs: 150 }).chat({ model: 'gpt-test', messages: ask })).rejects.toMatchObject({
      code: 'PROVIDER_STREAM_INTERRUPTED',
    });
  });

  it('tries again when the stream breaks before its first token, not after', async () => {
    server.enqueue({ broken: 'cut' }).enqueue({ broken: 'error-event' }).enqueue({ text: 'recovered' });
    const before = server.requests.length;
    const pieces: string[] = [];
    const reply = await chat().chat({ model: 'gpt-test', messages: ask, onText: (t) => pieces.push(t) });
    expect(reply.text).toBe('recovered');
    expect(pieces.join('')).toBe('recovered');
    expect(server.requests.length - before).toBe(3);
  });

  it('maps an error event inside the stream', async () => {
    server.enqueue({ broken: 'error-event', text: 'a' });
    const error = await chat()
      .chat({ model: 'gpt-test', messages: ask, onText: () => undefined })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });

  it('aborts the HTTP request when the signal fires', async () => {
    server.enqueue({ text: 'a long slow answer that will not finish', chunkSize: 1, delayMs: 20 });
    const controller = new AbortController();
    const pending = chat().chat({
      model: 'gpt-test',
      messages: ask,
      signal: controller.signal,
      onText: () => controller.abort(new Error('cancelled by test')),
    });
    await expect(pending).rejects.toThrow('cancelled by test');
    const request = server.requests.at(-1);
    await expect.poll(() => request?.aborted).toBe(true);
  });

  it('stops asking for stream usage when an older server refuses stream_options', async () => {
    const old = await startProviderServer({ refuseFields: ['stream_options'] });
    try {
      const provider = createOpenAiChat({
        endpoint: endpointOf({ provider: 'azure-openai', baseUrl: old.openaiBaseUrl }),
      });
      old.enqueue({ text: 'first' }).enqueue({ text: 'second' });
      const ask = { model: 'gpt-test', messages: [{ role: 'user' as const, content: 'hi' }], onText: () => undefined };
      expect((await provider.chat(ask)).text).toBe('first');
      expect((await provider.chat(ask)).text).toBe('second');
      expect(old.requests.map((r) => 'stream_options' in (r.body as object))).toEqual([true, false, false]);
    } finally {
      await old.close();
    }
  });

  it('reports an unreachable provider as PROVIDER_UNAVAILABLE', async () => {
    const endpoint = endpointOf({
      provider: 'vllm',
      baseUrl: 'http://127.0.0.1:9/v1',
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await createOpenAiChat({ endpoint })
      .chat({ model: 'm', messages: ask })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect((error as Error).message).toContain('Could not reach vllm at http://127.0.0.1:9');
  });
});
