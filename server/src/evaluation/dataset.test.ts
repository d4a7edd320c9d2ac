import { describe, expect, it } from 'vitest';
import { parseCsvDataset, parseDataset, parseJsonl } from './dataset.js';

describe('JSON Lines datasets', () => {
  it('reads items with their line numbers, skipping blank lines', () => {
    const text = '{"inputs":{"q":"a"},"expected":"A"}\n\n{"id":"two","inputs":{"q":"b"},"facts":["x","y"]}\n';
    expect(parseJsonl(text)).toEqual({
      ok: true,
      items: [
        { inputs: { q: 'a' }, expected: 'A', line: 1 },
        { id: 'two', inputs: { q: 'b' }, facts: ['x', 'y'], line: 3 },
      ],
    });
  });

  it('says what is wrong on which line, every line at once', () => {
    const result = parseJsonl('{"inputs":{}}\n{"inputs": [1]}\nnot json\n{"inputs":{},"expect":1}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toMatch(/^line 2: "inputs": /);
    expect(result.problems[1]).toMatch(/^line 3: not JSON/);
    expect(result.problems[2]).toContain('line 4: unknown field "expect"');
  });

  it('refuses an empty dataset', () => {
    expect(parseJsonl('\n\n')).toEqual({ ok: false, problems: ['the dataset has no items.'] });
  });
});

describe('CSV datasets', () => {
  it('takes expected, facts and id as special columns and every other column as an input', () => {
    const text =
      'id,question,inputs.k,expected,facts,sources\nr1,"Hello, world",3,"{""a"":1}",free | 2-4 days,faq-en.md | faq-zh.md\nr2,"two\nlines",x,plain,"[""a""]",\n';
    const result = parseCsvDataset(text);
    expect(result).toEqual({
      ok: true,
      items: [
        {
          id: 'r1',
          inputs: { question: 'Hello, world', k: 3 },
          expected: { a: 1 },
          facts: ['free', '2-4 days'],
          sources: ['faq-en.md', 'faq-zh.md'],
          line: 2,
        },
        { id: 'r2', inputs: { question: 'two\nlines', k: 'x' }, expected: 'plain', facts: ['a'], line: 4 },
      ],
    });
  });

  it('reports a malformed CSV with the parser message', () => {
    const result = parseDataset('question,expected\n"unclosed,1\n', 'cases.csv');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatch(/quote/i);
  });
});
