import { stemmer } from 'stemmer';

/**
 * Text to search terms, the same way for documents and queries. Chinese and Japanese runs are
 * segmented into words by ICU's dictionary (Intl.Segmenter, built into Node); other scripts are
 * split at non-letters, case-folded and, for Latin words, reduced to their Porter stem. NFKC folds
 * full-width letters and digits (ＡＢＣ１２３) into their usual forms first.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

// Runs of ideographs/kana, or words of other letters and digits (with inner apostrophes).
const RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])+(?:['’]\p{L}+)*/gu;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/u;
const LATIN_WORD = /^[a-z]+$/;

const ENGLISH_STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its ' +
    'me my no not of on or our she so than that the their them then there these they this those to was we were what when ' +
    'where which who whom why will with would you your'
  ).split(' '),
);
const CHINESE_STOP_WORDS = new Set([
  '的',
  '了',
  '是',
  '在',
  '和',
  '与',
  '及',
  '或',
  '就',
  '都',
  '而',
  '也',
  '着',
  '呢',
  '吗',
  '吧',
  '啊',
  '之',
  '其',
  '把',
  '被',
]);

export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(RUNS)) {
    const run = match[0];
    if (CJK.test(run)) addCjkTerms(run, terms);
    else addWordTerm(run, terms);
  }
  return terms;
}

function addCjkTerms(run: string, terms: string[]): void {
  for (const { segment, isWordLike } of segmenter.segment(run)) {
    if (isWordLike && !CHINESE_STOP_WORDS.has(segment)) terms.push(segment);
  }
}

// Stemming is the slow part of indexing English; a vocabulary is small, so stems are remembered.
const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

function addWordTerm(word: string, terms: string[]): void {
  const plain = word.includes("'") || word.includes('’') ? word.replace(/['’]/g, '') : word;
  if (ENGLISH_STOP_WORDS.has(plain)) return;
  if (plain.length <= 2 || !LATIN_WORD.test(plain)) {
    terms.push(plain);
    return;
  }
  let stem = stems.get(plain);
  if (stem === undefined) {
    stem = stemmer(plain);
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stems.set(plain, stem);
  }
  terms.push(stem);
}
