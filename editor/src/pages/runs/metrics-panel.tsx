import { useEffect, useState } from 'react';
import { formatDuration } from '../../canvas/status-chip.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { ErrorNote } from '../../ui/error-note.js';
import { type FlowMetrics, metricsApi } from './flow-metrics.js';
import { MetricsChart } from './metrics-chart.js';
import type { TimeRange } from './run-filters.js';
import { formatTime } from './run-status.js';

/**
 * Runs, error rate, latency and tokens over the chosen range for one flow (or all flows), with the
 * slowest nodes and the most frequent errors: computed by the server over every run of the range.
 */
export default function MetricsPanel({ flowId, range }: { flowId: string; range: TimeRange }) {
  const t = useT();
  const language = useLanguage();
  const [metrics, setMetrics] = useState<FlowMetrics | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    metricsApi
      .get(flowId, range, Date.now(), controller.signal)
      .then(setMetrics)
      .catch((caught: unknown) => !controller.signal.aborted && setError(caught));
    return () => controller.abort();
  }, [flowId, range]);

  if (error) return <ErrorNote error={error} />;
  if (!metrics || metrics.flowId !== (flowId || null)) return <p className="muted">{t('common.loading')}</p>;
  const { buckets, total } = metrics;
  const ms = (v: number) => formatDuration(v);
  const axis = {
    start: formatTime(metrics.from, language),
    end: formatTime(metrics.to, language),
  };
  return (
    <div data-testid="runs-metrics" data-flow={metrics.flowId ?? ''}>
      <p className="muted small">
        {flowId ? '' : `${t('metrics.allFlows')} · `}
        {t('metrics.basedOn', { count: total.runs })}
        {!range && ` ${t('metrics.defaultRange')}`} {axis.start} – {axis.end}
      </p>
      <div className="metrics-grid">
        <MetricsChart
          title={t('metrics.runs')}
          value={String(total.runs)}
          format={(v) => String(Math.round(v))}
          axis={axis}
          series={[
            { label: t('metrics.runs'), kind: 'bars', colour: 'var(--accent)', values: buckets.map((b) => b.runs) },
          ]}
          testId="metric-runs"
        />
        <MetricsChart
          title={t('metrics.errorRate')}
          value={`${(total.errorRate * 100).toFixed(1)}%`}
          format={(v) => `${(v * 100).toFixed(0)}%`}
          axis={axis}
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
          axis={axis}
          series={[
            { label: 'p50', kind: 'line', colour: 'var(--run)', values: buckets.map((b) => b.p50) },
            { label: 'p95', kind: 'line', colour: 'var(--warn)', values: buckets.map((b) => b.p95) },
            { label: 'p99', kind: 'line', colour: 'var(--fail)', values: buckets.map((b) => b.p99) },
          ]}
          testId="metric-latency"
        />
        <MetricsChart
          title={t('metrics.tokens')}
          value={String(total.tokens)}
          format={(v) => String(Math.round(v))}
          axis={axis}
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
      <div className="metrics-tables">
        <section className="panel-card" data-testid="metrics-slowest-nodes">
          <h2>{t('metrics.slowestNodes')}</h2>
          {metrics.slowestNodes.length === 0 ? (
            <p className="muted">{t('metrics.noNodes')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('metrics.node')}</th>
                  <th>{t('metrics.nodeType')}</th>
                  <th className="num">p50</th>
                  <th className="num">p95</th>
                  <th className="num">{t('metrics.max')}</th>
                  <th className="num">{t('metrics.count')}</th>
                </tr>
              </thead>
              <tbody>
                {metrics.slowestNodes.map((node) => (
                  <tr key={`${node.nodeId}/${node.type}`} data-testid={`metrics-node-${node.nodeId}`}>
                    <td className="mono">{node.nodeId}</td>
                    <td>{node.type}</td>
                    <td className="num">{ms(node.p50)}</td>
                    <td className="num">{ms(node.p95)}</td>
                    <td className="num">{ms(node.max)}</td>
                    <td className="num">{node.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {metrics.nodeSample.runs < metrics.nodeSample.of && (
            <p className="muted small">{t('metrics.nodeSample', metrics.nodeSample)}</p>
          )}
        </section>
        <section className="panel-card" data-testid="metrics-top-errors">
          <h2>{t('metrics.topErrors')}</h2>
          {metrics.topErrors.length === 0 ? (
            <p className="muted">{t('metrics.noErrors')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('metrics.code')}</th>
                  <th>{t('metrics.message')}</th>
                  <th className="num">{t('metrics.count')}</th>
                </tr>
              </thead>
              <tbody>
                {metrics.topErrors.map((e) => (
                  <tr key={`${e.code}/${e.message}`}>
                    <td className="mono">{e.code}</td>
                    <td>{e.message}</td>
                    <td className="num">{e.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
