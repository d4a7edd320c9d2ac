import { ServiceRegistry } from '@tailor/runtime';
import { runNodeForTest } from '@tailor/runtime/testing';
import { describe, expect, it } from 'vitest';
import { ConversationStoreService, createMemoryConversationStore } from './conversation-store.js';
import { memoryNode } from './memory.js';

function setup() {
  const store = createMemoryConversationStore();
  return { store, services: new ServiceRegistry().provide(ConversationStoreService, store) };
}

async function chatTurns(services: ServiceRegistry, turns: Array<[string, string]>) {
  for (const [user, assistant] of turns) {
    await runNodeForTest(memoryNode, { mode: 'append', user, assistant }, { services, sessionId: 's1' });
  }
}

describe('memory node', () => {
  it('appends turns and reads them back as messages and as text', async () => {
    const { services } = setup();
    await chatTurns(services, [
      ['Hi, I am Li Lei', 'Hello Li Lei!'],
      ['What is my name?', 'Li Lei.'],
    ]);
    const { output } = await runNodeForTest(memoryNode, { mode: 'read' }, { services, sessionId: 's1' });
    expect(output.messages).toEqual([
      { role: 'user', content: 'Hi, I am Li Lei' },
      { role: 'assistant', content: 'Hello Li Lei!' },
      { role: 'user', content: 'What is my name?' },
      { role: 'assistant', content: 'Li Lei.' },
    ]);
    expect(output.text).toBe(
      'User: Hi, I am Li Lei\nAssistant: Hello Li Lei!\nUser: What is my name?\nAssistant: Li Lei.',
    );
    expect(output.turns).toBe(2);
  });

  it('reads only the last N turns', async () => {
    const { services } = setup();
    await chatTurns(services, [
      ['one', '1'],
      ['two', '2'],
      ['three', '3'],
    ]);
    const { output } = await runNodeForTest(memoryNode, { lastTurns: 2 }, { services, sessionId: 's1' });
    expect(output.messages.map((m) => m.content)).toEqual(['two', '2', 'three', '3']);
  });

  it('keeps the newest messages within a token budget, never starting with an orphan answer', async () => {
    const { services } = setup();
    await chatTurns(services, [
      ['a'.repeat(400), 'b'.repeat(400)],
      ['short question', 'c'.repeat(40)],
    ]);
    const { output } = await runNodeForTest(memoryNode, { maxTokens: 120 }, { services, sessionId: 's1' });
    expect(output.messages.map((m) => m.content)).toEqual(['short question', 'c'.repeat(40)]);
  });

  it('reads, then appends, in read-append mode; sessions stay apart', async () => {
    const { services, store } = setup();
    await chatTurns(services, [['earlier', 'answer']]);
    const { output } = await runNodeForTest(
      memoryNode,
      { mode: 'read-append', user: 'new question' },
      { services, sessionId: 's1' },
    );
    expect(output.messages.map((m) => m.content)).toEqual(['earlier', 'answer']);
    expect(output.appended).toBe(1);
    expect((await store.read('s1')).map((m) => m.content)).toEqual(['earlier', 'answer', 'new question']);
    expect(await store.read('other')).toEqual([]);
  });

  it('has nothing to read or keep without a session id, and says so in its log', async () => {
    const { services, store } = setup();
    const result = await runNodeForTest(memoryNode, { mode: 'append', user: 'x' }, { services });
    expect(result.output).toEqual({ messages: [], text: '', turns: 0, appended: 0 });
    expect(result.logs[0]?.level).toBe('warn');
    expect(await store.read('s1')).toEqual([]);
  });

  it('can address another session explicitly', async () => {
    const { services, store } = setup();
    await runNodeForTest(
      memoryNode,
      { mode: 'append', user: 'hello', session: 'customer-42' },
      { services, sessionId: 's1' },
    );
    expect(await store.read('customer-42')).toHaveLength(1);
  });

  it('asks for something to append', () => {
    expect(memoryNode.config.safeParse({ mode: 'append' }).error?.issues[0]?.message).toBe(
      'to append, give the user message and/or the assistant answer',
    );
  });
});

describe('in-memory conversation store', () => {
  it('bounds messages per session and the number of sessions', async () => {
    const store = createMemoryConversationStore({ maxMessagesPerSession: 3, maxSessions: 2 });
    for (let i = 0; i < 5; i += 1) await store.append('a', [{ role: 'user', content: String(i), at: i }]);
    expect((await store.read('a')).map((m) => m.content)).toEqual(['2', '3', '4']);
    expect((await store.read('a', { limit: 1 })).map((m) => m.content)).toEqual(['4']);
    await store.append('b', [{ role: 'user', content: 'b', at: 0 }]);
    await store.append('c', [{ role: 'user', content: 'c', at: 0 }]);
    expect(await store.read('a')).toEqual([]);
  });
});
