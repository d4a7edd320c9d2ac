import { describe, expect, it } from 'vitest';
import { StreamingWordFilter } from './stream-filter.js';
import { WordMatcher } from './word-matcher.js';

const matcher = new WordMatcher([
  { word: '法轮功', category: 'politics' },
  { word: 'fuck', category: 'profanity' },
  { word: 'how to make a bomb', category: 'violence' },
]);

function stream(chunks: string[], action: 'mask' | 'block' = 'mask', placeholders?: Record<string, string>) {
  const filter = new StreamingWordFilter({ matcher, action, reply: '[blocked]', placeholders });
  const sent: string[] = [];
  const findings = [];
  for (const chunk of chunks) {
    const step = filter.push(chunk);
    sent.push(step.text);
    findings.push(...step.findings);
  }
  const last = filter.end();
  sent.push(last.text);
  findings.push(...last.findings);
  return { sent, text: sent.join(''), findings, blocked: filter.blocked };
}

describe('StreamingWordFilter', () => {
  it('catches a banned word split across chunks and never sends any of it', () => {
    const { sent, text, findings } = stream(['他们在练', '法', '轮', '功，然后', '去吃饭了。']);
    expect(text).toBe('他们在练***，然后去吃饭了。');
    expect(sent.some((piece) => piece.includes('法') || piece.includes('轮'))).toBe(false);
    expect(findings).toEqual([{ check: 'keywords', type: 'politics', match: '法轮功', start: 4, end: 7 }]);
  });

  it('catches an evasion split across chunks', () => {
    const { text } = stream(['what the f.', 'u.c', '.k is that']);
    expect(text).toBe('what the ******* is that');
  });

  it('releases text that cannot start a banned word at once', () => {
    const filter = new StreamingWordFilter({ matcher, action: 'mask' });
    const first = filter.push('The weather in Hangzhou is lovely today, perfect for the West Lake walk ');
    expect(first.text.length).toBeGreaterThan(40);
    expect(first.text + filter.end().text).toBe(
      'The weather in Hangzhou is lovely today, perfect for the West Lake walk ',
    );
  });

  it('waits for the word boundary before judging an English word at the end of a chunk', () => {
    expect(stream(['what the fuck', 'ing?']).text).toBe('what the fucking?');
    expect(stream(['what the fuck', ' is this']).text).toBe('what the **** is this');
  });

  it('in block mode stops the answer and sends the reply instead', () => {
    const { text, blocked } = stream(['Here is ', 'how to make ', 'a bo', 'mb: first...'], 'block');
    expect(blocked).toBe(true);
    expect(text).toBe('Here is [blocked]');
  });

  it('restores placeholders even when one is split across chunks', () => {
    const { text } = stream(['请拨打 [CN_MOB', 'ILE_1] 联系我们'], 'mask', { '[CN_MOBILE_1]': '13812345678' });
    expect(text).toBe('请拨打 13812345678 联系我们');
  });

  it('passes a clean answer through unchanged, chunk by chunk', () => {
    const chunks = ['苏州', '园林', '值得一去，', '建议预留', '两天。 Enjoy!'];
    expect(stream(chunks).text).toBe(chunks.join(''));
  });
});
