import type { TokenUsage } from '@tailor/runtime';
import type { Score } from './scorers.js';

/** What happened to one dataset item: its run, and each scorer's verdict. */
export interface ItemResult {
  readonly line: number;
  readonly id?: string;
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  readonly error?: string;
  readonly output: unknown;
  readonly scores: readonly Score[];
  readonly durationMs: number;
  readonly usage?: TokenUsage;
}

export interface ScoredItem extends ItemResult {
  /** Mean of its scores; 0 when the run did not succeed. */
  readonly score: number;
  /** The run succeeded and every scorer passed. */
  readonly pass: boolean;
}

export interface EvaluationReport {
  readonly items: readonly ScoredItem[];
  readonly summary: {
    readonly items: number;
    readonly passed: number;
    /** Share of items that passed: what --threshold is compared with. */
    readonly passRate: number;
    readonly meanScore: number;
    readonly failedRuns: number;
    readonly scorers: Record<string, { items: number; passed: number; meanScore: number }>;
    readonly latencyMs: { mean: number; p50: number; p95: number; max: number };
    readonly tokens: TokenUsage;
    readonly threshold: number;
    readonly passedThreshold: boolean;
  };
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

/** The value below which `share` of the sorted values fall (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0;
}

export function scoreOf(result: ItemResult): ScoredItem {
  const ran = result.status === 'succeeded';
  const score = ran ? (result.scores.length ? mean(result.scores.map((s) => s.score)) : 1) : 0;
  return { ...result, score, pass: ran && result.scores.every((s) => s.pass) };
}

function byScorer(items: readonly ScoredItem[]): EvaluationReport['summary']['scorers'] {
  const groups: Record<string, Score[]> = {};
  for (const score of items.flatMap((item) => item.scores)) {
    const group = groups[score.scorer] ?? [];
    group.push(score);
    groups[score.scorer] = group;
  }
  return Object.fromEntries(
    Object.entries(groups).map(([name, scores]) => [
      name,
      {
        items: scores.length,
        passed: scores.filter((s) => s.pass).length,
        meanScore: mean(scores.map((s) => s.score)),
      },
    ]),
  );
}

function totalTokens(items: readonly ItemResult[]): TokenUsage {
  const total: { input: number; output: number; cost?: number } = { input: 0, output: 0 };
  for (const { usage } of items) {
    if (!usage) continue;
    total.input += usage.input;
    total.output += usage.output;
    if (usage.cost !== undefined) total.cost = (total.cost ?? 0) + usage.cost;
  }
  return total;
}

/** The per-item and aggregate report; `threshold` is the pass rate the evaluation must reach. */
export function buildReport(results: readonly ItemResult[], threshold: number): EvaluationReport {
  const items = results.map(scoreOf);
  const passed = items.filter((item) => item.pass).length;
  const passRate = items.length ? passed / items.length : 0;
  const durations = items.map((item) => item.durationMs).sort((a, b) => a - b);
  return {
    items,
    summary: {
      items: items.length,
      passed,
      passRate,
      meanScore: mean(items.map((item) => item.score)),
      failedRuns: items.filter((item) => item.status !== 'succeeded').length,
      scorers: byScorer(items),
      latencyMs: {
        mean: mean(durations),
        p50: percentile(durations, 0.5),
        p95: percentile(durations, 0.95),
        max: durations.at(-1) ?? 0,
      },
      tokens: totalTokens(items),
      threshold,
      passedThreshold: passRate >= threshold,
    },
  };
}
