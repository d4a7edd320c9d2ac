import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatSession, type Connection } from './chat-session.js';
import { ConversationStore } from './conversation-store.js';
import { type PublishedFlowServer, startPublishedFlowServer } from './testing/published-flow-server.js';

let server: PublishedFlowServer;
let connections: Connection[];

beforeEach(async () => {
  localStorage.clear();
  server = await startPublishedFlowServer();
  connections = [];
});

afterEach(() => server.close());

function session(userToken?: string): ChatSession {
  const created: ChatSession = new ChatSession({
    server: server.url,
    flow: 'faq',
    key: 'tk_widget',
    store: new ConversationStore(server.url, 'faq'),
    userToken: () => userToken,
    onMessage: () => undefined,
    onConnection: (connection) => {
      connections.push(connection);
      // Tests do not sit out the backoff: they press "retry now" as soon as it is offered.
      if (connection.kind === 'retrying') created.retryNow();
    },
  });
  return created;
}

describe('ChatSession', () => {
  it('asks with the session id and identity, and shows the streamed answer with its sources', async () => {
    server.script({
      answer: 'Seven days.',
      pieces: ['Seven ', 'days.'],
      output: { text: 'Seven days.', sources: ['returns.md'] },
    });
    const chat = session('signed.jwt');
    await chat.ask('  How long do returns take?  ');
    expect(server.runs[0]?.body).toEqual({
      inputs: { message: 'How long do returns take?' },
      sessionId: chat.sessionId,
    });
    expect(server.runs[0]?.headers['x-tailor-user']).toBe('signed.jwt');
    expect(chat.messages.map(({ role, text, state }) => ({ role, text, state }))).toEqual([
      { role: 'user', text: 'How long do returns take?', state: 'done' },
      { role: 'assistant', text: 'Seven days.', state: 'done' },
    ]);
    expect(chat.messages[1]?.sources).toEqual([{ title: 'returns.md' }]);
  });

  it('keeps the session and the finished conversation across page loads', async () => {
    server.script({ answer: 'Hello!' });
    const first = session();
    await first.ask('Hi');
    const again = session();
    expect(again.sessionId).toBe(first.sessionId);
    expect(again.messages.map((m) => m.text)).toEqual(['Hi', 'Hello!']);
  });

  it('retries a broken stream with a visible retry state, and the answer starts over', async () => {
    server.script({ cut: ['Half an ans'] }, { answer: 'Whole answer.' });
    const chat = session();
    await chat.ask('Question');
    expect(server.runs).toHaveLength(2);
    expect(connections[0]).toMatchObject({ kind: 'retrying' });
    expect(connections.at(-1)).toEqual({ kind: 'ready' });
    expect(chat.messages[1]).toMatchObject({ text: 'Whole answer.', state: 'done' });
  });

  it('gives up after a few tries and offers to try again', async () => {
    server.script(
      { status: 503, code: 'SERVER_ERROR' },
      { status: 503, code: 'SERVER_ERROR' },
      { status: 503, code: 'SERVER_ERROR' },
    );
    server.script({ status: 503, code: 'SERVER_ERROR' }, { status: 503, code: 'SERVER_ERROR' }, { answer: 'Back.' });
    const chat = session();
    await chat.ask('Question');
    const answer = chat.messages[1];
    expect(answer).toMatchObject({ state: 'failed', errorCode: 'SERVER_ERROR' });
    if (answer) await chat.retry(answer);
    expect(answer).toMatchObject({ state: 'done', text: 'Back.' });
  });

  it('does not keep a question whose answer failed for the next page', async () => {
    server.script({ answer: 'Hello!' }, { status: 403, code: 'FORBIDDEN' });
    const chat = session();
    await chat.ask('Hi');
    await chat.ask('And this?');
    expect(session().messages.map((m) => m.text)).toEqual(['Hi', 'Hello!']);
  });

  it('does not retry a refusal', async () => {
    server.script({ status: 403, code: 'FORBIDDEN' });
    const chat = session();
    await chat.ask('Question');
    expect(server.runs).toHaveLength(1);
    expect(chat.messages[1]).toMatchObject({ state: 'failed', errorCode: 'FORBIDDEN' });
  });

  it('stops an answer while it waits to retry', async () => {
    server.script({ status: 503, code: 'SERVER_ERROR' });
    const chat: ChatSession = new ChatSession({
      server: server.url,
      flow: 'faq',
      key: 'tk_widget',
      store: new ConversationStore(server.url, 'faq'),
      userToken: () => undefined,
      onMessage: () => undefined,
      onConnection: (connection) => {
        if (connection.kind === 'retrying') chat.stop();
      },
    });
    await chat.ask('Question');
    expect(server.runs).toHaveLength(1);
    expect(chat.messages[1]?.state).toBe('stopped');
    expect(chat.busy).toBe(false);
  });

  it('starts a new session on reset and forgets the stored conversation', async () => {
    server.script({ answer: 'Hello!' });
    const chat = session();
    await chat.ask('Hi');
    const before = chat.sessionId;
    chat.reset();
    expect(chat.sessionId).not.toBe(before);
    expect(session().messages).toEqual([]);
  });
});
