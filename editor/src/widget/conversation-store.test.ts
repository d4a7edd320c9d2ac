import { beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore, newSessionId } from './conversation-store.js';

beforeEach(() => localStorage.clear());

describe('ConversationStore', () => {
  it('keeps one conversation per server and flow', () => {
    const faq = new ConversationStore('https://a.example', 'faq');
    faq.save({ sessionId: 's1', messages: [{ role: 'user', text: 'Hi' }], open: true });
    expect(new ConversationStore('https://a.example', 'faq').load()).toEqual({
      sessionId: 's1',
      messages: [{ role: 'user', text: 'Hi' }],
      open: true,
    });
    expect(new ConversationStore('https://a.example', 'other').load().messages).toEqual([]);
  });

  it('keeps only the latest sixty messages', () => {
    const store = new ConversationStore('https://a.example', 'faq');
    const messages = Array.from({ length: 80 }, (_, i) => ({ role: 'user' as const, text: String(i) }));
    store.save({ sessionId: 's1', messages, open: false });
    const loaded = store.load().messages;
    expect(loaded).toHaveLength(60);
    expect(loaded[0]?.text).toBe('20');
  });

  it('starts afresh from unreadable or tampered data', () => {
    localStorage.setItem(
      'tailor-chat:https://a.example:faq',
      '{"v":1,"sessionId":"s","messages":[{"role":"evil","text":1}]}',
    );
    expect(new ConversationStore('https://a.example', 'faq').load().messages).toEqual([]);
    localStorage.setItem('tailor-chat:https://a.example:faq', 'not json');
    expect(new ConversationStore('https://a.example', 'faq').load().sessionId).toMatch(/^ws_[0-9a-f]{32}$/);
  });

  it('keeps working when storage refuses to write', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('quota');
      },
    } as unknown as Storage;
    const store = new ConversationStore('https://a.example', 'faq', full);
    expect(() => store.save({ sessionId: 's', messages: [], open: false })).not.toThrow();
  });

  it('makes session ids that do not repeat', () => {
    expect(new Set(Array.from({ length: 100 }, newSessionId)).size).toBe(100);
  });
});
