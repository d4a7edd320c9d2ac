import { readFileSync } from 'node:fs';
import { TailorError } from '@tailor/runtime';
import { type WordEntry, WordMatcher } from './word-matcher.js';

/**
 * Word lists: the text format (one word a line, "[category]" sections, "#" comments), the default
 * list shipped beside this file, and a cache of compiled matchers so a flow's list is built once.
 */
export function parseWordList(text: string, defaultCategory = 'custom'): WordEntry[] {
  const entries: WordEntry[] = [];
  let category = defaultCategory;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section) category = (section[1] ?? defaultCategory).trim();
    else entries.push({ word: line, category });
  }
  return entries;
}

let defaults: WordEntry[] | undefined;

export function defaultWords(): WordEntry[] {
  if (!defaults) {
    try {
      defaults = parseWordList(readFileSync(new URL('./default-words.txt', import.meta.url), 'utf8'), 'default');
    } catch (error) {
      throw new TailorError('SAFETY_WORDS_INVALID', `The default word list could not be read: ${String(error)}`);
    }
  }
  return defaults;
}

/** Words written in a node's config: "word" or "category: word" per entry. */
export function entriesFromConfig(words: readonly string[]): WordEntry[] {
  return words.flatMap((item) => {
    const split = /^([\w-]{1,40}):\s*(.+)$/.exec(item.trim());
    const entry = split
      ? { category: split[1] ?? 'custom', word: split[2] ?? '' }
      : { category: 'custom', word: item.trim() };
    return entry.word ? [entry] : [];
  });
}

const cache = new Map<string, WordMatcher>();
const CACHE_LIMIT = 32;

/** The compiled matcher for a list, built once per distinct list (lists are large, texts are many). */
export function matcherFor(entries: readonly WordEntry[]): WordMatcher {
  const key = entries.map((entry) => `${entry.category}\u0000${entry.word}`).join('\u0001');
  let matcher = cache.get(key);
  if (!matcher) {
    matcher = new WordMatcher(entries);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, matcher);
  }
  return matcher;
}
