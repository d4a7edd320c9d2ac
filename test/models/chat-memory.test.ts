import { ConversationStoreService, catalogue, createMemoryConversationStore } from '@tailor/nodes';
import { FlowDocumentSchema, runFlow } from '@tailor/runtime';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeServices } from '../../server/src/compose/services.js';

/**
 * A chat flow with memory, composed the way `tailor run` composes it (credentials from the
 * environment): memory read → model with the history → memory append, over two turns of a session.
 */
const flow = FlowDocumentSchema.parse({
  schema: 'tailor.flow/v1',
  id: 'chat-memory',
  name: 'Chat with memory',
  settings: { chat: true },
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string', required: true }] } },
    { id: 'history', type: 'memory', config: { mode: 'read', lastTurns: 5 } },
    {
      id: 'reply',
      type: 'model',
      config: {
        provider: 'openai',
        model: 'gpt-4o-mini',
        messages: '{{ history.messages }}',
        prompt: '{{ start.message }}',
      },
    },
    {
      id: 'remember',
      type: 'memory',
      config: { mode: 'append', user: '{{ start.message }}', assistant: '{{ reply.text }}' },
    },
    { id: 'end', type: 'output', config: { value: '{{ reply.text }}' } },
  ],
  edges: [
    { from: 'start', to: 'history' },
    { from: 'history', to: 'reply' },
    { from: 'reply', to: 'remember' },
    { from: 'remember', to: 'end' },
  ],
});

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: 'sk-memory-test-000000' });
});
afterAll(() => server.close());

describe('a chat flow with memory', () => {
  it('sends the earlier turns of the session to the model on the next turn', async () => {
    const composed = await composeServices({
      env: { OPENAI_API_KEY: 'sk-memory-test-000000', OPENAI_BASE_URL: server.openaiBaseUrl },
    });
    const services = composed.services.with(ConversationStoreService, createMemoryConversationStore());
    try {
      server.enqueue({ text: 'Nice to meet you, Mei.' });
      const first = await runFlow(flow, { message: 'I am Mei.' }, { catalogue, services, sessionId: 'web-1' }).result;
      expect(first.output).toBe('Nice to meet you, Mei.');

      server.enqueue({ text: 'Your name is Mei.' });
      const second = await runFlow(flow, { message: 'What is my name?' }, { catalogue, services, sessionId: 'web-1' })
        .result;
      expect(second.output).toBe('Your name is Mei.');
      expect((server.requests.at(-1)?.body as { messages?: unknown } | undefined)?.messages).toEqual([
        { role: 'user', content: 'I am Mei.' },
        { role: 'assistant', content: 'Nice to meet you, Mei.' },
        { role: 'user', content: 'What is my name?' },
      ]);

      server.enqueue({ text: 'Hello, stranger.' });
      await runFlow(flow, { message: 'Who am I?' }, { catalogue, services, sessionId: 'web-2' }).result;
      expect((server.requests.at(-1)?.body as { messages?: unknown[] } | undefined)?.messages).toHaveLength(1);
    } finally {
      await composed.close();
    }
  });
});
