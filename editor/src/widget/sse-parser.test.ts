import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse-parser.js';

function parse(pieces: string[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createSseParser((message) => messages.push(message));
  for (const piece of pieces) parser.feed(piece);
  return messages;
}

describe('createSseParser', () => {
  it('reads event, id and data of each message', () => {
    expect(parse(['event: node.delta\nid: 3\ndata: {"text":"Hi"}\n\n'])).toEqual([
      { event: 'node.delta', id: '3', data: '{"text":"Hi"}' },
    ]);
  });

  it('joins several data lines with a newline', () => {
    expect(parse(['data: one\ndata: two\n\n'])).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('reassembles messages split anywhere, CRLF pairs included', () => {
    const whole = 'event: a\r\ndata: hello\r\n\r\nevent: b\r\ndata: world\r\n\r\n';
    const bytes = whole.split('');
    expect(parse(bytes)).toEqual([
      { event: 'a', data: 'hello' },
      { event: 'b', data: 'world' },
    ]);
  });

  it('accepts lone CR line endings', () => {
    expect(parse(['data: x\r\rdata: y\r\r'])).toEqual([
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('ignores comments, unknown fields and messages without data', () => {
    expect(parse([': keep-alive\n\nretry: 100\nevent: ping\n\nfoo: bar\ndata:x\n\n'])).toEqual([
      { event: 'message', data: 'x' },
    ]);
  });

  it('keeps an unfinished message until its blank line arrives', () => {
    const messages: SseMessage[] = [];
    const parser = createSseParser((message) => messages.push(message));
    parser.feed('data: partial');
    expect(messages).toEqual([]);
    parser.feed('\n\n');
    expect(messages).toEqual([{ event: 'message', data: 'partial' }]);
  });

  it('keeps the last id for later messages, as the standard says', () => {
    expect(parse(['id: 7\ndata: a\n\ndata: b\n\n']).map((m) => m.id)).toEqual(['7', '7']);
  });
});
