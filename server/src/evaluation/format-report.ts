import type { EvaluationReport, ScoredItem } from './report.js';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`);

function itemLine(item: ScoredItem): string {
  const name = item.id ? `${item.id} (line ${item.line})` : `line ${item.line}`;
  const mark = item.pass ? 'pass' : 'FAIL';
  const tokens = item.usage ? `, ${item.usage.input}+${item.usage.output} tokens` : '';
  const head = `${mark}  ${name}  score ${item.score.toFixed(2)}  ${ms(item.durationMs)}${tokens}`;
  const why =
    item.status !== 'succeeded'
      ? [`      run ${item.status}: ${item.error ?? 'no reason given'}`]
      : item.scores.map((s) => `      ${s.pass ? '✓' : '✗'} ${s.scorer}: ${s.detail}`);
  return [head, ...why].join('\n');
}

/** The report as people read it in a terminal or a CI log. */
export function formatReport(report: EvaluationReport): string {
  const { summary } = report;
  const lines = report.items.map(itemLine);
  lines.push('');
  lines.push(
    `Items: ${summary.items}, passed ${summary.passed} (${percent(summary.passRate)}), mean score ${summary.meanScore.toFixed(2)}${summary.failedRuns ? `, ${summary.failedRuns} run(s) failed` : ''}`,
  );
  for (const [name, s] of Object.entries(summary.scorers)) {
    lines.push(`  ${name.padEnd(8)} ${s.passed}/${s.items} passed, mean ${s.meanScore.toFixed(2)}`);
  }
  const { latencyMs: l, tokens } = summary;
  lines.push(`Latency: mean ${ms(l.mean)}, p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, max ${ms(l.max)}`);
  lines.push(
    `Tokens: ${tokens.input} in, ${tokens.output} out${tokens.cost !== undefined ? `, cost ${tokens.cost.toFixed(4)}` : ''}`,
  );
  lines.push(
    summary.passedThreshold
      ? `Passed: ${percent(summary.passRate)} ≥ threshold ${percent(summary.threshold)}`
      : `Below the threshold: ${percent(summary.passRate)} < ${percent(summary.threshold)}`,
  );
  return `${lines.join('\n')}\n`;
}
