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

/** Same list object, same matcher: skips even rebuilding the cache key for a list reused as is. */
const byList = new WeakMap<readonly string[], { withDefaults?: WordMatcher; alone?: WordMatcher }>();

export function keywordMatcher(options: KeywordOptions): WordMatcher {
  const slot = byList.get(options.words) ?? {};
  byList.set(options.words, slot);
  const which = options.useDefaultWords ? 'withDefaults' : 'alone';
  const known = slot[which];
  if (known) return known;
  const own = entriesFromConfig(options.words);
  const matcher = matcherFor(options.useDefaultWords ? [...defaultWords(), ...own] : own);
  slot[which] = matcher;
  return matcher;
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
