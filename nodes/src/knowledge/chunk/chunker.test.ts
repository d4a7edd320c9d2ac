import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../parse/parse-markdown.js';
import { parseText } from '../parse/parse-text.js';
import { chunkDocument, fitPieces } from './chunker.js';
import { splitSentences } from './split-text.js';
import { countTokens } from './token-count.js';

const chineseSentences = Array.from(
  { length: 40 },
  (_, i) => `第${i + 1}条规定：会员在下单之后可以申请退款，客服会在一个工作日内处理。`,
);
const englishSentences = Array.from(
  { length: 40 },
  (_, i) => `Rule ${i + 1} says that members may ask for a refund after ordering, and support answers within a day.`,
);

describe('splitSentences', () => {
  it('cuts Chinese at 。！？； without spaces, keeping quotes with their sentence', () => {
    expect(splitSentences('你好。“真的吗？”是的！好；结束')).toEqual([
      '你好。',
      '“真的吗？”',
      '是的！',
      '好；',
      '结束',
    ]);
  });

  it('cuts English after . ! ? only before a space, keeping numbers and URLs whole', () => {
    expect(splitSentences('Version 3.5 is out. See example.com/a.b now! Done')).toEqual([
      'Version 3.5 is out. ',
      'See example.com/a.b now! ',
      'Done',
    ]);
  });
});

describe('chunkDocument', () => {
  it('packs a long Chinese paragraph into chunks within the size, cut at sentence ends', () => {
    const chunks = chunkDocument(parseText(chineseSentences.join('')), { chunkSize: 100, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(100);
      expect(chunk.text.endsWith('。')).toBe(true);
    }
    expect(chunks.map((c) => c.text).join('')).toBe(chineseSentences.join(''));
    expect(chunks.map((c) => c.position)).toEqual(chunks.map((_, i) => i));
  });

  it('repeats whole trailing sentences as overlap, within the overlap budget', () => {
    const chunks = chunkDocument(parseText(englishSentences.join(' ')), { chunkSize: 120, overlap: 30 });
    expect(chunks.length).toBeGreaterThan(3);
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1]?.text ?? '';
      const lastSentence = splitSentences(previous).at(-1)?.trim() ?? '';
      expect(chunks[i]?.text.startsWith(lastSentence)).toBe(true);
      expect(chunks[i]?.tokens).toBeLessThanOrEqual(120);
    }
  });

  it('keeps one heading path per chunk and small blocks of a section together', () => {
    const doc = parseMarkdown('# Guide\n\nIntro.\n\n## Returns\n\nFirst.\n\nSecond.\n\n## Shipping\n\nThird.');
    const chunks = chunkDocument(doc, { chunkSize: 200, overlap: 20 });
    expect(chunks.map((c) => [c.headingPath.join(' > '), c.text])).toEqual([
      ['Guide', 'Intro.'],
      ['Guide > Returns', 'First.\n\nSecond.'],
      ['Guide > Shipping', 'Third.'],
    ]);
  });

  it('cuts a sentence with no boundary at clauses, then at a token count', () => {
    const clauses = Array.from({ length: 30 }, (_, i) => `第${i}项内容很长`).join('，');
    for (const piece of fitPieces(clauses, 20)) expect(piece.tokens).toBeLessThanOrEqual(20);
    const noBoundary = '退款'.repeat(200);
    const pieces = fitPieces(noBoundary, 50);
    expect(pieces.map((p) => p.text).join('')).toBe(noBoundary);
    for (const piece of pieces) expect(countTokens(piece.text)).toBeLessThanOrEqual(50);
  });

  it('makes one chunk per record, with the fields as metadata', () => {
    const chunks = chunkDocument(
      {
        format: 'csv',
        metadata: { records: 2 },
        blocks: [
          { kind: 'record', text: 'a: 1', headingPath: [], metadata: { a: 1, row: 1 } },
          { kind: 'record', text: 'a: 2', headingPath: [], metadata: { a: 2, row: 2 } },
        ],
      },
      { chunkSize: 500, overlap: 50 },
    );
    expect(chunks.map((c) => c.metadata)).toEqual([
      { records: 2, a: 1, row: 1 },
      { records: 2, a: 2, row: 2 },
    ]);
  });

  it('records the pages a PDF chunk spans', () => {
    const chunks = chunkDocument(
      {
        format: 'pdf',
        metadata: { pages: 2 },
        blocks: [
          { kind: 'paragraph', text: 'End of page one.', headingPath: [], metadata: { page: 1 } },
          { kind: 'paragraph', text: 'Start of page two.', headingPath: [], metadata: { page: 2 } },
        ],
      },
      { chunkSize: 500, overlap: 0 },
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.metadata).toEqual({ pages: 2, page: 1, pageEnd: 2 });
  });
});
