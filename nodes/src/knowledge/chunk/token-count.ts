import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';

/**
 * Token counts with cl100k_base, the tokenizer of OpenAI's embedding models (text-embedding-3-*,
 * ada-002): chunk sizes are limits of the embedding model, so counting with its tokenizer is exact
 * for them and close for others (a Chinese character is 1–2 tokens here, as in most BPE models).
 * A character-based approximation would be off by 2–3× between Chinese and English text.
 */
let encoder: Tiktoken | undefined;

function tokenizer(): Tiktoken {
  encoder ??= new Tiktoken(cl100k);
  return encoder;
}

export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  return encode(text).length;
}

/**
 * cl100k's pre-tokenizer makes a whole run of Chinese characters one piece, and BPE on one piece is
 * quadratic in its length (seconds for a page). Runs are encoded in slices of 32 characters: the
 * count can only grow by a token or so per cut, so a chunk counted this way still fits its limit.
 */
function encode(text: string): number[] {
  const enc = tokenizer();
  const tokens: number[] = [];
  for (const segment of cjkSafeSegments(text)) for (const token of enc.encode(segment, [], [])) tokens.push(token);
  return tokens;
}

const CJK_RUN_LIMIT = 32;

function cjkSafeSegments(text: string): string[] {
  const segments: string[] = [];
  let start = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isCjk(text.charCodeAt(i))) {
      run = 0;
      continue;
    }
    if (++run >= CJK_RUN_LIMIT) {
      segments.push(text.slice(start, i + 1));
      start = i + 1;
      run = 0;
    }
  }
  if (start < text.length) segments.push(text.slice(start));
  return segments;
}

function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff);
}

/** Splits a text that has no natural boundary left into pieces of at most `size` tokens. */
export function splitByTokens(text: string, size: number): string[] {
  const enc = tokenizer();
  const tokens = encode(text);
  const pieces: string[] = [];
  let start = 0;
  while (start < tokens.length) {
    let end = Math.min(tokens.length, start + size);
    // A cut inside a multi-byte character decodes to U+FFFD; move the cut back until it is clean.
    while (end > start + 1 && end < tokens.length && enc.decode(tokens.slice(start, end)).endsWith('\uFFFD')) end--;
    pieces.push(enc.decode(tokens.slice(start, end)));
    start = end;
  }
  return pieces;
}
