import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicHeaders, createAnthropicChat } from './anthropic-chat.js';
import { endpointOf } from './provider-http.js';

const KEY = 'sk-ant-test-0123456789abcdefghij';
let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, models: ['claude-test'], contextWindow: 1000 });
});
afterAll(() => server.close());

function chat(key = KEY, idleTimeoutMs = 5_000) {
  return createAnthropicChat(
    endpointOf({
      provider: 'anthropic',
      baseUrl: server.anthropicBaseUrl,
      headers: anthropicHeaders(key),
      secrets: [key],
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1_000 },
      idleTimeoutMs,
    }),
  );
}
const messages = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'Hi' },
];

describe('Anthropic messages', () => {
  it('streams text through its event types and reads usage from message_start and message_delta', async () => {
    server.enqueue({ text: 'Bonjour à tous', usage: { input: 9, output: 4 }, chunkSize: 2 });
    const pieces: string[] = [];
    const reply = await chat().chat({ model: 'claude-test', messages, onText: (t) => pieces.push(t) });
    expect(pieces.join('')).toBe('Bonjour à tous');
    expect(pieces.length).toBe(7);
    expect(reply).toMatchObject({ text: 'Bonjour à tous', finishReason: 'stop', usage: { input: 9, output: 4 } });
    const sent = server.requests.at(-1);
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.body).toMatchObject({
      system: 'Be brief.',
      max_tokens: 4096,
      stream: true,
      messages: [{ role: 'user' }],
    });
  });

  it('assembles streamed tool_use input from input_json_delta pieces', async () => {
    server.enqueue({
      text: 'Let me look.',
      toolCalls: [{ id: 'toolu_9', name: 'lookup', arguments: { order: 'A-17', full: true } }],
      chunkSize: 3,
    });
    const tools = [{ name: 'lookup', description: 'Find an order', parameters: { type: 'object' } }];
    const reply = await chat().chat({ model: 'claude-test', messages, tools, onText: () => undefined });
    expect(reply.finishReason).toBe('tool_calls');
    expect(reply.toolCalls).toEqual([{ id: 'toolu_9', name: 'lookup', arguments: '{"order":"A-17","full":true}' }]);
    expect(server.requests.at(-1)?.body).toMatchObject({
      tools: [{ name: 'lookup', input_schema: { type: 'object' } }],
    });
  });

  it('reads a non-streamed message and sends tool results inside a user turn', async () => {
    server.enqueue({ text: 'It is 12°C.', usage: { input: 20, output: 6 } });
    const history = [
      ...messages,
      {
        role: 'assistant' as const,
        content: '',
        toolCalls: [{ id: 't1', name: 'weather', arguments: '{"city":"Oslo"}' }],
      },
      { role: 'tool' as const, content: '12°C', toolCallId: 't1' },
    ];
    const reply = await chat().chat({ model: 'claude-test', messages: history, maxTokens: 100 });
    expect(reply).toMatchObject({ text: 'It is 12°C.', usage: { input: 20, output: 6 }, finishReason: 'stop' });
    expect(server.requests.at(-1)?.body).toMatchObject({
      max_tokens: 100,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', input: { city: 'Oslo' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '12°C' }] },
      ],
    });
  });

  it('maps its error types: bad key, unknown model, prompt too long, overloaded', async () => {
    await expect(chat('sk-ant-wrong-000000000000000').chat({ model: 'claude-test', messages })).rejects.toMatchObject({
      code: 'PROVIDER_AUTH',
    });
    await expect(chat().chat({ model: 'claude-nope', messages })).rejects.toMatchObject({
      code: 'PROVIDER_MODEL_NOT_FOUND',
    });
    const long = [{ role: 'user' as const, content: 'lorem ipsum '.repeat(800) }];
    await expect(chat().chat({ model: 'claude-test', messages: long })).rejects.toMatchObject({
      code: 'PROVIDER_CONTEXT_TOO_LONG',
    });
    server.enqueue({ error: { status: 529 } }).enqueue({ error: { status: 529 } });
    await expect(chat().chat({ model: 'claude-test', messages })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
  });

  it('fails on an error event, a malformed event and a cut stream', async () => {
    const streamed = { model: 'claude-test', messages, onText: () => undefined };
    server.enqueue({ broken: 'error-event', text: 'ab' });
    await expect(chat().chat(streamed)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    server.enqueue({ broken: 'malformed-json' });
    await expect(chat().chat(streamed)).rejects.toMatchObject({ code: 'PROVIDER_BAD_RESPONSE' });
    server.enqueue({ broken: 'cut', text: 'partial' });
    await expect(chat().chat(streamed)).rejects.toMatchObject({ code: 'PROVIDER_STREAM_INTERRUPTED' });
    server.enqueue({ broken: 'stall', text: 'half an ans' });
    await expect(chat(KEY, 100).chat(streamed)).rejects.toMatchObject({ code: 'PROVIDER_STREAM_INTERRUPTED' });
  });
});
