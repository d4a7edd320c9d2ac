import type { Finding } from '../finding.js';
import { defaultWords, entriesFromConfig, matcherFor } from '../word-list.js';
import type { WordMatcher } from '../word-matcher.js';

export interface KeywordOptions {
  /** Use the shipped list (default-words.txt) as well as `words`. */
  useDefaultWords: boolean;
  words: readonly string[];
  /** Phrases that are fine although a listed word overlaps them (南京市长江大桥 vs 市长). */
  allowWords: readonly string[];
}

export function keywordMatcher(options: KeywordOptions): WordMatcher {
  const own = entriesFromConfig(options.words);
  return matcherFor(options.useDefaultWords ? [...defaultWords(), ...own] : own);
}

/** Sensitive words, one pass over the text whatever the size of the list. */
export function checkKeywords(text: string, options: KeywordOptions): Finding[] {
  const hits = keywordMatcher(options).find(text);
  if (hits.length === 0) return [];
  const allowed = options.allowWords.length ? matcherFor(entriesFromConfig(options.allowWords)).find(text) : [];
  return hits
    .filter((hit) => !allowed.some((ok) => ok.start < hit.end && ok.end > hit.start))
    .map((hit) => ({
      check: 'keywords' as const,
      type: hit.category,
      match: hit.match,
      start: hit.start,
      end: hit.end,
      reason: `"${hit.word}" is on the ${hit.category} list`,
    }));
}
