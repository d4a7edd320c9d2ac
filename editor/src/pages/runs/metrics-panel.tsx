import { useEffect, useMemo, useState } from 'react';
import { formatDuration } from '../../canvas/status-chip.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { ErrorNote } from '../../ui/error-note.js';
import { aggregateMetrics } from './flow-metrics.js';
import { MetricsChart } from './metrics-chart.js';
import { EMPTY_FILTERS, filtersToQuery, TIME_RANGES, type TimeRange } from './run-filters.js';
import { formatTime } from './run-status.js';
import { type RunSummary, runsListApi } from './runs-api.js';

/** Enough runs for honest percentiles while the page stays quick; the note says when it is cut. */
const MAX_RUNS = 2000;
const PAGE = 500;
const BUCKETS = 24;

async function loadRuns(flowId: string, range: Exclude<TimeRange, ''>, now: number, signal: AbortSignal) {
  const runs: RunSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await runsListApi.list(
      filtersToQuery({ ...EMPTY_FILTERS, flowId, range }, now, { limit: PAGE, ...(cursor ? { cursor } : {}) }),
      signal,
    );
    runs.push(...page.runs);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && runs.length < MAX_RUNS);
  return { runs, truncated: cursor !== undefined };
}

/** A flow's runs, error rate, latency and tokens over the chosen range, from its listed runs. */
export default function MetricsPanel({ flowId, range }: { flowId: string; range: TimeRange }) {
  const t = useT();
  const language = useLanguage();
  const span = range || '24h';
  const [data, setData] = useState<{ runs: RunSummary[]; truncated: boolean; now: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!flowId) return;
    const controller = new AbortController();
    const now = Date.now();
    setError(null);
    loadRuns(flowId, span, now, controller.signal)
      .then((loaded) => setData({ ...loaded, now }))
      .catch((caught: unknown) => !controller.signal.aborted && setError(caught));
    return () => controller.abort();
  }, [flowId, span]);
  const metrics = useMemo(
    () => data && aggregateMetrics(data.runs, data.now - TIME_RANGES[span], data.now + 1, BUCKETS),
    [data, span],
  );

  if (!flowId) return <p className="muted runs-empty">{t('metrics.pickFlow')}</p>;
  if (error) return <ErrorNote error={error} />;
  if (!metrics || !data) return <p className="muted">{t('common.loading')}</p>;
  const { buckets, total } = metrics;
  const ms = (v: number) => formatDuration(v);
  return (
    <div data-testid="runs-metrics">
      <p className="muted small">
        {t(data.truncated ? 'metrics.truncated' : 'metrics.basedOn', { count: total.runs })}
        {!range && ` ${t('metrics.defaultRange')}`} {formatTime(metrics.from, language)} –{' '}
        {formatTime(data.now, language)}
      </p>
      <div className="metrics-grid">
        <MetricsChart
          title={t('metrics.runs')}
          value={String(total.runs)}
          format={(v) => String(Math.round(v))}
          series={[
            { label: t('metrics.runs'), kind: 'bars', colour: 'var(--accent)', values: buckets.map((b) => b.runs) },
          ]}
          testId="metric-runs"
        />
        <MetricsChart
          title={t('metrics.errorRate')}
          value={`${(total.errorRate * 100).toFixed(1)}%`}
          format={(v) => `${(v * 100).toFixed(0)}%`}
          series={[
            {
              label: t('metrics.errorRate'),
              kind: 'bars',
              colour: 'var(--fail)',
              values: buckets.map((b) => (b.runs ? b.errorRate : undefined)),
            },
          ]}
          testId="metric-errors"
        />
        <MetricsChart
          title={t('metrics.latency')}
          value={total.p50 === undefined ? '—' : `${ms(total.p50)} / ${ms(total.p95 ?? total.p50)}`}
          format={ms}
          series={[
            { label: 'p50', kind: 'line', colour: 'var(--run)', values: buckets.map((b) => b.p50) },
            { label: 'p95', kind: 'line', colour: 'var(--warn)', values: buckets.map((b) => b.p95) },
          ]}
          testId="metric-latency"
        />
        <MetricsChart
          title={t('metrics.tokens')}
          value={String(total.tokens)}
          format={(v) => String(Math.round(v))}
          series={[
            { label: t('metrics.tokens'), kind: 'bars', colour: 'var(--ok)', values: buckets.map((b) => b.tokens) },
          ]}
          testId="metric-tokens"
        />
      </div>
      <p className="muted small">
        {total.p99 !== undefined && t('metrics.p99', { value: ms(total.p99) })}
        {total.cost > 0 && ` · ${t('metrics.cost', { value: `$${total.cost.toFixed(4)}` })}`}
      </p>
      <section className="panel-card">
        <h2>{t('metrics.topErrors')}</h2>
        {metrics.topErrors.length === 0 ? (
          <p className="muted">{t('metrics.noErrors')}</p>
        ) : (
          <ul className="metrics-errors">
            {metrics.topErrors.map((e) => (
              <li key={e.code}>
                <strong className="mono">{e.code}</strong> <span className="muted">×{e.count}</span> — {e.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
