import { describe, expect, it } from 'vitest';
import { createThinkSplitter } from './think-splitter.js';

function split(pieces: string[]) {
  const out = { text: '', reasoning: '', textPieces: 0 };
  const splitter = createThinkSplitter({
    text: (t) => {
      out.text += t;
      out.textPieces += 1;
    },
    reasoning: (r) => {
      out.reasoning += r;
    },
  });
  for (const piece of pieces) splitter.feed(piece);
  splitter.end();
  return out;
}

describe('think splitter', () => {
  it('separates thinking from the answer, with tags cut across pieces', () => {
    const out = split(['<th', 'ink>Let me', ' think.</th', 'ink>\n\nThe answer', ' is 4.']);
    expect(out).toMatchObject({ reasoning: 'Let me think.', text: 'The answer is 4.' });
  });

  it('streams thinking as it comes, holding back only what may be a closing tag', () => {
    const seen: string[] = [];
    const splitter = createThinkSplitter({ text: () => undefined, reasoning: (r) => seen.push(r) });
    splitter.feed('<think>abc</');
    expect(seen).toEqual(['abc']);
    splitter.feed('x');
    expect(seen).toEqual(['abc', '</x']);
  });

  it('leaves an answer without thinking untouched, character for character', () => {
    expect(split(['  Hello ', '<think> is a tag'])).toEqual({
      text: '  Hello <think> is a tag',
      reasoning: '',
      textPieces: 2,
    });
    expect(split(['<', 'b>bold</b>'])).toMatchObject({ text: '<b>bold</b>', reasoning: '' });
  });

  it('keeps unfinished thinking as reasoning when the stream ends', () => {
    expect(split(['<think>still going'])).toMatchObject({ text: '', reasoning: 'still going' });
  });
});
