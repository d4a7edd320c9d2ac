import { type KeywordOptions, keywordMatcher } from './checks/keywords.js';
import type { Finding } from './finding.js';
import { PLACEHOLDER_MAX_LENGTH, restorePlaceholders } from './redaction.js';
import { CLASS, SEPARATOR } from './text-normalizer.js';
import type { WordHit, WordMatcher } from './word-matcher.js';

export interface StreamFilterOptions {
  matcher: WordMatcher;
  /** `mask`: a banned word becomes `***`; `block`: the stream stops and `reply` is sent instead. */
  action: 'mask' | 'block';
  reply?: string;
  /** Placeholders from the question side to put back as the answer streams. */
  placeholders?: Readonly<Record<string, string>>;
}

export interface StreamFilterResult {
  /** What may be forwarded to the client now (possibly empty). */
  text: string;
  blocked: boolean;
  /** Words caught in this step, with offsets in the whole answer as the model wrote it. */
  findings: Finding[];
}

/** Released characters kept as context: a word boundary or a join needs to see what came before. */
const CONTEXT = 8;

/**
 * The answer-side filter for streamed text (`node.delta`). It holds back only the last stretch of
 * text that could still become a banned word (the longest word, counted in letters, plus a margin
 * for separators), so a word split across tokens ("法" + "轮功") is still caught and never reaches
 * the client, while everything before it flows on at once.
 */
export class StreamingWordFilter {
  readonly #options: StreamFilterOptions;
  #context = '';
  #pending = '';
  /** Offset of `#pending` in the whole answer. */
  #offset = 0;
  #blocked = false;

  constructor(options: StreamFilterOptions) {
    this.#options = options;
  }

  get blocked(): boolean {
    return this.#blocked;
  }

  push(chunk: string): StreamFilterResult {
    if (this.#blocked) return { text: '', blocked: true, findings: [] };
    this.#pending += chunk;
    return this.#release(false);
  }

  /** The end of the stream: whatever is held back is judged and released. */
  end(): StreamFilterResult {
    if (this.#blocked) return { text: '', blocked: true, findings: [] };
    return this.#release(true);
  }

  #release(final: boolean): StreamFilterResult {
    const scanned = this.#context + this.#pending;
    const base = this.#context.length;
    const hits = this.#options.matcher.find(scanned).filter((hit) => hit.start >= base);
    let cut = final ? scanned.length : this.#safeEnd(scanned, base);
    for (const hit of hits) if (hit.end > cut || (hit.open && !final)) cut = Math.min(cut, hit.start);
    if (!final) cut = this.#keepPlaceholder(scanned, base, cut);
    const done = hits.filter((hit) => hit.end <= cut && (final || !hit.open));
    const findings = done.map((hit) => this.#finding(hit, base));
    if (done.length > 0 && this.#options.action === 'block') {
      this.#blocked = true;
      return { text: this.#options.reply ?? '', blocked: true, findings };
    }
    const released = maskHits(scanned, base, cut, done);
    this.#offset += cut - base;
    this.#context = scanned.slice(Math.max(0, cut - CONTEXT), cut);
    this.#pending = scanned.slice(cut);
    const text = this.#options.placeholders ? restorePlaceholders(released, this.#options.placeholders) : released;
    return { text, blocked: false, findings };
  }

  /** Walks back over as many letters as the longest word has (+2 for a join that may still change). */
  #safeEnd(text: string, base: number): number {
    let need = this.#options.matcher.maxLength + 2;
    let i = text.length;
    while (i > base && need > 0) {
      i--;
      if (CLASS[text.charCodeAt(i)] !== SEPARATOR) need--;
    }
    return need > 0 ? base : i;
  }

  /** Never cut a placeholder such as [CN_MOBILE_1] in two: it could not be restored. */
  #keepPlaceholder(text: string, base: number, cut: number): number {
    if (!this.#options.placeholders) return cut;
    const open = text.lastIndexOf('[', cut - 1);
    if (open < base || cut - open > PLACEHOLDER_MAX_LENGTH) return cut;
    const close = text.indexOf(']', open);
    return close < 0 || close >= cut ? open : cut;
  }

  #finding(hit: WordHit, base: number): Finding {
    const start = this.#offset + hit.start - base;
    return { check: 'keywords', type: hit.category, match: hit.match, start, end: start + hit.end - hit.start };
  }
}

function maskHits(text: string, from: number, to: number, hits: readonly WordHit[]): string {
  let out = '';
  let cursor = from;
  for (const hit of hits) {
    out += `${text.slice(cursor, hit.start)}${'*'.repeat(hit.end - hit.start)}`;
    cursor = hit.end;
  }
  return out + text.slice(cursor, to);
}

/** A filter built from the same settings as the safety node's keyword check. */
export function createAnswerFilter(
  options: Partial<KeywordOptions> & Omit<StreamFilterOptions, 'matcher'>,
): StreamingWordFilter {
  const matcher = keywordMatcher({
    useDefaultWords: options.useDefaultWords ?? true,
    words: options.words ?? [],
    allowWords: [],
  });
  return new StreamingWordFilter({ ...options, matcher });
}
