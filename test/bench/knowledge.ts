import { KnowledgeIndex } from '../../nodes/src/knowledge/knowledge-index.js';
import { type BenchArea, type BenchRow, percentile } from './bench-row.js';

/**
 * Knowledge-base indexes at 100k chunks: synthetic text with a Zipf vocabulary (a tenth of it
 * Chinese) and 384-dimension vectors drawn from a mixture of clusters, as real embeddings are
 * (uniform random vectors defeat every approximate index and say nothing). Measures the index
 * build, memory, query latency of BM25, vectors (HNSW) and hybrid (both + RRF), and recall@10 of
 * HNSW against the exact scan. Queries go through KnowledgeIndex.search, the path every search takes.
 */
const CHUNKS = Number(process.env.TAILOR_BENCH_KNOWLEDGE_CHUNKS ?? 100_000);
const PER_DOCUMENT = 100;
const DIMENSIONS = 384;
const CLUSTERS = 200;
const QUERIES = 300;
const RECALL_QUERIES = 200;

/** A small deterministic PRNG (mulberry32), so every run measures the same data. */
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

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
}

class SyntheticText {
  readonly words: string[];
  readonly #cumulative: Float64Array;
  readonly #next = random(1);

  constructor(size: number) {
    const syllables = [
      'ka',
      'lo',
      'mi',
      'ren',
      'tor',
      'su',
      'vel',
      'an',
      'dex',
      'por',
      'qui',
      'zen',
      'bal',
      'fi',
      'gor',
    ];
    const han = '退款政策会员积分物流发票保修售后订单支付账户安全隐私商品库存价格优惠客服配送时间地址';
    this.words = Array.from({ length: size }, (_, i) => {
      if (i % 10 === 9) return han[(i * 7) % han.length] + (han[(i * 13 + 5) % han.length] ?? '');
      let word = '';
      for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length];
      return word;
    });
    this.#cumulative = new Float64Array(size);
    let sum = 0;
    for (let i = 0; i < size; i++) this.#cumulative[i] = sum += 1 / (i + 1) ** 1.05;
    for (let i = 0; i < size; i++) this.#cumulative[i] = (this.#cumulative[i] as number) / sum;
  }

  /** A word drawn by Zipf's law; `from` skips the most common ones (as a query does). */
  word(from = 0): string {
    const low = from === 0 ? 0 : (this.#cumulative[from - 1] as number);
    const target = low + this.#next() * (1 - low);
    let lo = from;
    let hi = this.words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo] as string;
  }

  sentence(length: number): string {
    return `${Array.from({ length }, () => this.word()).join(' ')}.`;
  }
}

class ClusteredVectors {
  readonly #centres: Float32Array[];
  readonly #next = random(2);

  constructor() {
    this.#centres = Array.from({ length: CLUSTERS }, () =>
      Float32Array.from({ length: DIMENSIONS }, () => gaussian(this.#next)),
    );
  }

  /** A point near a random centre: real embeddings of one topic sit around a direction. */
  draw(spread = 0.8): Float32Array {
    const centre = this.#centres[Math.floor(this.#next() * CLUSTERS)] as Float32Array;
    return Float32Array.from(centre, (value) => value + gaussian(this.#next) * spread);
  }
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

function latencies(run: (i: number) => void, count: number): { p50: number; p99: number } {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(timed(() => run(i)).ms);
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** Resident memory (the native HNSW graph included) and V8's share (`external` holds the typed arrays). */
function memoryMb(): { rss: number; v8: number } {
  const usage = process.memoryUsage();
  return { rss: usage.rss / 2 ** 20, v8: (usage.heapUsed + usage.external) / 2 ** 20 };
}

const area: BenchArea = {
  name: 'knowledge',
  async run(): Promise<BenchRow[]> {
    const text = new SyntheticText(30_000);
    const vectors = new ClusteredVectors();
    const memoryBefore = memoryMb();
    const index = new KnowledgeIndex(5000);
    const build = timed(() => {
      for (let d = 0; d < CHUNKS / PER_DOCUMENT; d++) {
        const chunks = Array.from({ length: PER_DOCUMENT }, (_, position) => ({
          text: Array.from({ length: 6 }, () => text.sentence(12)).join(' '),
          tokens: 100,
          position,
          headingPath: [`Section ${d % 50}`],
          metadata: { year: 2015 + (d % 10), category: `c${d % 20}` },
        }));
        const flat = new Float32Array(PER_DOCUMENT * DIMENSIONS);
        for (let i = 0; i < PER_DOCUMENT; i++) flat.set(vectors.draw(), i * DIMENSIONS);
        index.replaceDocument(`doc-${d}.md`, chunks, flat);
      }
    });
    const memoryAfter = memoryMb();
    const queryText = Array.from({ length: QUERIES }, () => `${text.word(50)} ${text.word(50)} ${text.word(200)}`);
    const queryVector = Array.from({ length: QUERIES }, () => vectors.draw(0.9));
    const base = { depth: 40, filters: [], weights: { keyword: 1, vector: 1 } };
    const search = (mode: 'keyword' | 'vector' | 'hybrid') => (i: number) => {
      index.search({ ...base, mode, text: queryText[i] ?? '', vector: queryVector[i] as Float32Array });
    };
    const filtered = (i: number) => {
      index.search({
        ...base,
        mode: 'hybrid',
        text: queryText[i] ?? '',
        vector: queryVector[i] as Float32Array,
        filters: [{ field: 'year', op: 'gte', value: 2021 + (i % 3) }],
      });
    };
    search('hybrid')(0); // warm-up: segmenter, JIT
    const keyword = latencies(search('keyword'), QUERIES);
    const vector = latencies(search('vector'), QUERIES);
    const hybrid = latencies(search('hybrid'), QUERIES);
    const firstOfSet = (i: number) => {
      index.search({
        ...base,
        mode: 'hybrid',
        text: queryText[i] ?? '',
        vector: queryVector[i] as Float32Array,
        filters: [{ field: 'category', op: 'ne', value: `c${i}` }],
      });
    };
    const maskBuild = latencies(firstOfSet, 9).p50;
    const withFilter = latencies(filtered, 100);
    const recall = recallAt10(index, vectors);
    const snapshot = timed(() => index.snapshot(1));
    const restore = timed(() => KnowledgeIndex.restore(snapshot.value));
    const row = (metric: string, value: number, unit: string, goal?: string): BenchRow => ({
      area: 'knowledge',
      metric,
      value,
      unit,
      ...(goal ? { goal } : {}),
    });
    return [
      row(`index build, ${CHUNKS / 1000}k chunks (BM25 + ${DIMENSIONS}-d vectors)`, build.ms / 1000, 's'),
      row('memory growth, resident (chunks, BM25, vectors, graph)', memoryAfter.rss - memoryBefore.rss, 'MB'),
      row('memory growth, V8 heap + typed arrays', memoryAfter.v8 - memoryBefore.v8, 'MB'),
      row('BM25 query p50', keyword.p50, 'ms'),
      row('BM25 query p99', keyword.p99, 'ms'),
      row(`vector query (${index.approximate ? 'HNSW' : 'exact'}) p50`, vector.p50, 'ms'),
      row(`vector query (${index.approximate ? 'HNSW' : 'exact'}) p99`, vector.p99, 'ms'),
      row('hybrid query p50', hybrid.p50, 'ms', '< 20 ms'),
      row('hybrid query p99', hybrid.p99, 'ms'),
      row('hybrid + filter, first query of a filter set (mask built) p50', maskBuild, 'ms'),
      row('hybrid + filter (20-40% pass, mask cached) p50', withFilter.p50, 'ms'),
      row('hybrid + filter (20-40% pass, mask cached) p99', withFilter.p99, 'ms'),
      row('recall@10 HNSW vs exact', recall.recall, '', '>= 0.95'),
      row('exact vector scan p50 (the floor HNSW avoids)', recall.exactP50, 'ms'),
      row('snapshot size (what a restart loads)', snapshot.value.byteLength / 2 ** 20, 'MB'),
      row('snapshot write (serialise)', snapshot.ms, 'ms'),
      row('open from snapshot (no document read, no model called)', restore.ms, 'ms'),
    ];
  },
};

function recallAt10(index: KnowledgeIndex, vectors: ClusteredVectors): { recall: number; exactP50: number } {
  const vectorIndex = index.vectorIndexForBench();
  if (!vectorIndex) return { recall: Number.NaN, exactP50: Number.NaN };
  let found = 0;
  const exactTimes: number[] = [];
  for (let q = 0; q < RECALL_QUERIES; q++) {
    const query = vectors.draw(0.9);
    const exact = timed(() => vectorIndex.exact(normalised(query), 10));
    exactTimes.push(exact.ms);
    const truth = new Set(exact.value.map((hit) => hit.id));
    found += vectorIndex.search(query, 10).filter((hit) => truth.has(hit.id)).length;
  }
  exactTimes.sort((a, b) => a - b);
  return { recall: found / (RECALL_QUERIES * 10), exactP50: percentile(exactTimes, 50) };
}

function normalised(vector: Float32Array): Float32Array {
  const norm = Math.hypot(...vector) || 1;
  return Float32Array.from(vector, (v) => v / norm);
}

export default area;
