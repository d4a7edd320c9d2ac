/**
 * Boundaries a too-long text is cut at, coarsest first: lines, sentences, clauses. Chinese and
 * Japanese sentences end at 。！？； (full-width, no space after); English ones at . ! ? ; followed by
 * a space. Each piece keeps its delimiter and the spaces after it, so joining the pieces gives back
 * the text.
 */

const CJK_SENTENCE_END = new Set(['。', '！', '？', '；', '…', '．']);
const ASCII_SENTENCE_END = new Set(['.', '!', '?', ';']);
const CJK_CLAUSE_END = new Set(['，', '、', '：']);
const ASCII_CLAUSE_END = new Set([',', ':']);
const CLOSERS = new Set(['"', "'", '”', '’', '」', '』', '）', ')', ']', '》']);

export function splitLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim().length > 0);
}

export function splitSentences(text: string): string[] {
  return splitAfter(text, CJK_SENTENCE_END, ASCII_SENTENCE_END);
}

export function splitClauses(text: string): string[] {
  return splitAfter(text, CJK_CLAUSE_END, ASCII_CLAUSE_END);
}

function splitAfter(text: string, wide: ReadonlySet<string>, narrow: ReadonlySet<string>): string[] {
  const pieces: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    const isWide = wide.has(char);
    if (!isWide && !narrow.has(char)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && (wide.has(text[end] ?? '') || narrow.has(text[end] ?? ''))) end++;
    while (end < text.length && CLOSERS.has(text[end] ?? '')) end++;
    // An ASCII stop only ends a sentence before a space ("3.5", "e.g.x" and URLs stay whole).
    if (!isWide && end < text.length && !/\s/.test(text[end] ?? '')) {
      i = end;
      continue;
    }
    while (end < text.length && /[ \t]/.test(text[end] ?? '')) end++;
    pieces.push(text.slice(start, end));
    start = end;
    i = end;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces.filter((piece) => piece.length > 0);
}
