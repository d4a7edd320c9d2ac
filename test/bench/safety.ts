import { checkInjection } from '../../nodes/src/safety/checks/injection.js';
import { checkKeywords } from '../../nodes/src/safety/checks/keywords.js';
import { checkPii } from '../../nodes/src/safety/checks/pii.js';
import { StreamingWordFilter } from '../../nodes/src/safety/stream-filter.js';
import { foldTable } from '../../nodes/src/safety/text-normalizer.js';
import { defaultWords } from '../../nodes/src/safety/word-list.js';
import { type WordEntry, WordMatcher } from '../../nodes/src/safety/word-matcher.js';
import type { BenchArea, BenchRow } from './bench-row.js';

/**
 * The safety filter with a 10,000-entry word list (the shipped list plus generated Chinese words of
 * 2–4 characters and English words of 4–9 letters — a dense list, so the automaton is deep most of
 * the time): throughput of the keyword check over 2 MB of mixed Chinese/English customer-service
 * text, of all three checks together, and the latency the streaming answer filter adds per token.
 */
const TEXT_BYTES = 2 * 1024 * 1024;
const TOKENS = 20_000;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function wordList(size: number): WordEntry[] {
  const next = random(7);
  const entries: WordEntry[] = [...defaultWords()];
  const seen = new Set(entries.map((entry) => entry.word));
  while (entries.length < size) {
    const chinese = entries.length % 2 === 0;
    const length = chinese ? 2 + Math.floor(next() * 3) : 4 + Math.floor(next() * 6);
    let word = '';
    for (let i = 0; i < length; i++) {
      word += chinese
        ? String.fromCharCode(0x4e00 + Math.floor(next() * 3500))
        : String.fromCharCode(97 + Math.floor(next() * 26));
    }
    if (!seen.has(word)) {
      seen.add(word);
      entries.push({ word, category: chinese ? 'generated-zh' : 'generated-en' });
    }
  }
  return entries;
}

const PARAGRAPHS = [
  '您好，我想预订端午节期间上海周边的行程，预算在五千元以内，孩子喜欢历史人文景点，每天最好去两个不同的地方。请问苏州园林和杭州西湖的门票价格分别是多少？需要提前几天预约？',
  'Hello, I would like to change my booking for the Suzhou garden tour on Saturday. My order number is 202406131234567890 and the confirmation was sent to my email last week. Could you check availability for two adults and one child?',
  '感谢您的耐心等待。根据最新的票价信息，拙政园旺季门票为八十元，淡季为七十元，学生和老人可以享受半价优惠。建议您通过官方小程序提前预约，避免现场排队。',
  'Our refund policy allows free cancellation up to 24 hours before the tour starts. After that a 20% fee applies. Please note that weather-related cancellations are always refunded in full, and you will receive a confirmation message.',
];

function corpus(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const paragraph = PARAGRAPHS[i % PARAGRAPHS.length] ?? '';
    // One sentence in twenty holds a listed word, as real traffic occasionally does.
    const line = i % 20 === 0 ? `${paragraph} 他妈的 what the f.u.c.k\n` : `${paragraph}\n`;
    parts.push(line);
    size += Buffer.byteLength(line);
  }
  return parts.join('');
}

/** Milliseconds of wall-clock and of this process's CPU time one call takes. */
function timed(work: () => void): { wall: number; cpu: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  work();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

/**
 * Best of several runs, in MB/s of UTF-8 text, by the wall clock and by CPU time: on a shared
 * 2-core machine the wall clock also counts the time other processes held the CPU.
 */
function throughput(text: string, runs: number, work: () => void): { wall: number; cpu: number } {
  const megabytes = Buffer.byteLength(text) / 1e6;
  work();
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const run = timed(work);
    wall = Math.min(wall, run.wall);
    cpu = Math.min(cpu, run.cpu);
  }
  return { wall: megabytes / (wall / 1000), cpu: megabytes / (Math.max(cpu, 0.001) / 1000) };
}

function tokens(text: string, count: number): string[] {
  const next = random(3);
  const out: string[] = [];
  let at = 0;
  while (out.length < count) {
    const size = 1 + Math.floor(next() * 4);
    if (at + size > text.length) at = 0;
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

const area: BenchArea = {
  name: 'safety',
  async run(): Promise<BenchRow[]> {
    const tableStarted = performance.now();
    foldTable();
    const tableMs = performance.now() - tableStarted;
    const list = wordList(10_000);
    const started = performance.now();
    const matcher = new WordMatcher(list);
    const buildMs = performance.now() - started;
    const words = list.map((entry) => entry.word);
    const options = { useDefaultWords: false, words, allowWords: [] };
    const text = corpus(TEXT_BYTES);
    checkKeywords('warm up', options);
    const keywords = throughput(text, 5, () => checkKeywords(text, options));
    const indexOf = throughput(text, 5, () => text.indexOf('不存在的词语'));
    const question = text.slice(0, 100_000);
    const allChecks = throughput(question, 5, () => {
      checkKeywords(question, options);
      checkPii(question, { types: [], custom: [] });
      checkInjection(question);
    });
    const stream = tokens(text, TOKENS);
    const filter = () => {
      const streaming = new StreamingWordFilter({ matcher, action: 'mask' });
      for (const token of stream) streaming.push(token);
      streaming.end();
    };
    filter();
    const streamed = timed(filter);
    return [
      { area: 'safety', metric: 'traditional→simplified table (once per process)', value: tableMs, unit: 'ms' },
      { area: 'safety', metric: 'word list build (10,000 entries)', value: buildMs, unit: 'ms' },
      {
        area: 'safety',
        metric: 'keyword check, 10,000 entries (wall)',
        value: keywords.wall,
        unit: 'MB/s',
        floor: indexOf.wall,
        goal: '> 50 MB/s',
      },
      {
        area: 'safety',
        metric: 'keyword check, 10,000 entries (CPU)',
        value: keywords.cpu,
        unit: 'MB/s',
        floor: indexOf.cpu,
        goal: '> 50 MB/s',
      },
      { area: 'safety', metric: 'keywords + PII + injection rules (CPU)', value: allChecks.cpu, unit: 'MB/s' },
      {
        area: 'safety',
        metric: 'stream filter added latency (wall)',
        value: streamed.wall / TOKENS,
        unit: 'ms/token',
        goal: '< 0.1 ms/token',
      },
      {
        area: 'safety',
        metric: 'stream filter added latency (CPU)',
        value: streamed.cpu / TOKENS,
        unit: 'ms/token',
        goal: '< 0.1 ms/token',
      },
    ];
  },
};

export default area;
