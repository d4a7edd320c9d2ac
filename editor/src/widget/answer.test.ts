import { describe, expect, it } from 'vitest';
import { readAnswer, readSources } from './answer.js';

describe('readAnswer', () => {
  it('takes a string output as the answer', () => {
    expect(readAnswer('Hello')).toEqual({ text: 'Hello', sources: [] });
  });

  it('takes the text of an object output and its sources', () => {
    const output = {
      text: 'Returns take 7 days.',
      sources: [{ title: 'Returns policy', url: 'https://shop.example/returns' }],
    };
    expect(readAnswer(output)).toEqual({
      text: 'Returns take 7 days.',
      sources: [{ title: 'Returns policy', url: 'https://shop.example/returns' }],
    });
  });

  it('reads sources from retrieval chunks, naming the document and its section once each', () => {
    const chunk = (document: string, heading: string[]) => ({
      text: '…',
      score: 0.8,
      document,
      knowledgeBase: 'faq',
      headingPath: heading,
      metadata: {},
    });
    const output = { answer: 'Yes.', chunks: [chunk('faq.md', ['Shipping']), chunk('faq.md', ['Shipping'])] };
    expect(readAnswer(output)).toEqual({ text: 'Yes.', sources: [{ title: 'faq.md › Shipping' }] });
  });

  it('shows other objects as JSON rather than dropping them', () => {
    expect(readAnswer({ total: 3 }).text).toBe('{\n  "total": 3\n}');
  });

  it('gives an empty answer for a missing output', () => {
    expect(readAnswer(undefined)).toEqual({ text: '', sources: [] });
  });
});

describe('readSources', () => {
  it('keeps only http(s) links, never javascript: ones', () => {
    expect(readSources([{ title: 'x', url: 'javascript:alert(1)' }])).toEqual([{ title: 'x' }]);
  });

  it('takes search results with links, and stops at the limit', () => {
    const results = Array.from({ length: 10 }, (_, i) => ({ title: `Page ${i}`, link: `https://e.example/${i}` }));
    expect(readSources(results, 2)).toEqual([
      { title: 'Page 0', url: 'https://e.example/0' },
      { title: 'Page 1', url: 'https://e.example/1' },
    ]);
  });
});
