import type { Aggregate } from '../../api/evaluations.js';
import { useT } from '../../i18n/i18n.js';
import { formatPercent, formatScore } from './evaluation-format.js';

/** The aggregate of one evaluation: pass rate against the threshold, mean score, latency, tokens, each scorer. */
export function AggregateCards({ summary, threshold }: { summary: Aggregate; threshold?: number | undefined }) {
  const t = useT();
  const bar = summary.threshold ?? threshold;
  const passed = summary.passedThreshold ?? (bar === undefined ? undefined : summary.passRate >= bar);
  return (
    <div className="eval-aggregate" data-testid="evaluation-aggregate">
      <div className="eval-metrics">
        <div
          className={passed === false ? 'eval-metric is-fail' : passed ? 'eval-metric is-pass' : 'eval-metric'}
          data-testid="aggregate-pass-rate"
        >
          <span className="muted small">{t('evaluation.passRate')}</span>
          <strong>{formatPercent(summary.passRate)}</strong>
          <span className="small">
            {t('evaluation.passedOf', { passed: summary.passed, items: summary.items })}
            {bar !== undefined &&
              ` · ${t(passed ? 'evaluation.aboveThreshold' : 'evaluation.belowThreshold', { threshold: formatPercent(bar) })}`}
          </span>
        </div>
        <div className="eval-metric">
          <span className="muted small">{t('evaluation.meanScore')}</span>
          <strong>{formatScore(summary.meanScore)}</strong>
          {summary.failedRuns !== undefined && (
            <span className="small muted">{t('evaluation.failedRuns', { count: summary.failedRuns })}</span>
          )}
        </div>
        {summary.latencyMs && (
          <div className="eval-metric">
            <span className="muted small">{t('evaluation.latency')}</span>
            <strong>{`${Math.round(summary.latencyMs.p50 ?? 0)} ms`}</strong>
            <span className="small muted">
              {t('evaluation.latencyDetail', {
                mean: Math.round(summary.latencyMs.mean ?? 0),
                p95: Math.round(summary.latencyMs.p95 ?? 0),
              })}
            </span>
          </div>
        )}
        {summary.tokens && (
          <div className="eval-metric">
            <span className="muted small">{t('evaluation.tokens')}</span>
            <strong>{summary.tokens.input + summary.tokens.output}</strong>
            <span className="small muted">
              {t('evaluation.tokensDetail', { input: summary.tokens.input, output: summary.tokens.output })}
              {summary.tokens.cost !== undefined && ` · $${summary.tokens.cost.toFixed(4)}`}
            </span>
          </div>
        )}
      </div>
      {Object.keys(summary.scorers).length > 0 && (
        <table className="table eval-scorer-table" data-testid="aggregate-scorers">
          <thead>
            <tr>
              <th>{t('evaluation.scorer')}</th>
              <th className="right">{t('evaluation.passed')}</th>
              <th className="right">{t('evaluation.meanScore')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(summary.scorers).map(([name, scorer]) => (
              <tr key={name}>
                <td className="mono">{name}</td>
                <td className="right mono">{`${scorer.passed}/${scorer.items}`}</td>
                <td className="right mono">{formatScore(scorer.meanScore)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
