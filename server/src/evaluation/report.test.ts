import { describe, expect, it } from 'vitest';
import { formatReport } from './format-report.js';
import { buildReport, type ItemResult, percentile } from './report.js';

const ok = (line: number, pass: boolean, durationMs: number): ItemResult => ({
  line,
  status: 'succeeded',
  output: 'x',
  durationMs,
  usage: { input: 10, output: 5, cost: 0.001 },
  scores: [
    { scorer: 'exact', score: pass ? 1 : 0, pass, detail: pass ? 'equal' : 'expected y, got x' },
    { scorer: 'facts', score: 0.5, pass: pass, detail: '1/2' },
  ],
});

describe('evaluation report', () => {
  it('aggregates pass rate, mean score, per-scorer results, latency percentiles and tokens', () => {
    const failed: ItemResult = {
      line: 4,
      status: 'failed',
      error: 'The model timed out.',
      output: null,
      durationMs: 400,
      scores: [],
    };
    const report = buildReport([ok(1, true, 100), ok(2, true, 200), ok(3, false, 300), failed], 0.5);
    expect(report.summary).toMatchObject({
      items: 4,
      passed: 2,
      passRate: 0.5,
      failedRuns: 1,
      passedThreshold: true,
      scorers: { exact: { items: 3, passed: 2 }, facts: { items: 3, passed: 2, meanScore: 0.5 } },
      latencyMs: { p50: 200, p95: 400, max: 400, mean: 250 },
    });
    expect(report.summary.tokens.input).toBe(30);
    expect(report.summary.tokens.cost).toBeCloseTo(0.003);
    expect(report.items[3]).toMatchObject({ pass: false, score: 0 });
    expect(report.items[0]?.score).toBe(0.75);
  });

  it('fails the threshold below it, and says so in the text report', () => {
    const report = buildReport([ok(1, true, 10), ok(2, false, 10)], 0.8);
    expect(report.summary.passedThreshold).toBe(false);
    const text = formatReport(report);
    expect(text).toContain('FAIL  line 2');
    expect(text).toContain('✗ exact: expected y, got x');
    expect(text).toContain('Below the threshold: 50.0% < 80.0%');
  });

  it('takes percentiles by nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([], 0.5)).toBe(0);
  });
});
