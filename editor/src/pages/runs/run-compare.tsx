import { useEffect, useMemo, useState } from 'react';
import { formatDuration } from '../../canvas/status-chip.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { ErrorNote } from '../../ui/error-note.js';
import { diffRuns } from './run-diff.js';
import { EMPTY_FILTERS, filtersToQuery } from './run-filters.js';
import { formatTime, RUN_STATUS_LABEL, StatusPill } from './run-status.js';
import { type RunSummary, runsListApi, type StoredRun } from './runs-api.js';

function Delta({ ms }: { ms: number | undefined }) {
  if (ms === undefined || ms === 0) return null;
  return (
    <span
      className={ms > 0 ? 'diff-slower' : 'diff-faster'}
    >{` ${ms > 0 ? '+' : '−'}${formatDuration(Math.abs(ms))}`}</span>
  );
}

/** This run beside another run of the same flow: per node, status, time and whether the output changed. */
export function RunCompare({ run }: { run: StoredRun }) {
  const t = useT();
  const language = useLanguage();
  const [others, setOthers] = useState<RunSummary[]>([]);
  const [otherId, setOtherId] = useState('');
  const [other, setOther] = useState<StoredRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    runsListApi
      .list(filtersToQuery({ ...EMPTY_FILTERS, flowId: run.flowId }, Date.now(), { limit: 30 }))
      .then((page) => setOthers(page.runs.filter((r) => r.id !== run.id)))
      .catch(setError);
  }, [run.flowId, run.id]);
  useEffect(() => {
    setOther(null);
    if (otherId) runsListApi.get(otherId).then(setOther).catch(setError);
  }, [otherId]);
  const diff = useMemo(() => (other ? diffRuns(run, other) : []), [run, other]);
  return (
    <section className="panel-card run-compare" data-testid="run-compare">
      <div className="row">
        <h2>{t('runs.compare')}</h2>
        <select
          className="input"
          value={otherId}
          onChange={(e) => setOtherId(e.target.value)}
          aria-label={t('runs.compare')}
          data-testid="run-compare-pick"
        >
          <option value="">{t('runs.comparePick')}</option>
          {others.map((r) => (
            <option key={r.id} value={r.id}>
              {formatTime(r.startedAt, language)} · {t(RUN_STATUS_LABEL[r.status])} · {r.id.slice(-6)}
            </option>
          ))}
        </select>
      </div>
      <ErrorNote error={error} />
      {other && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('runs.node')}</th>
              <th>{t('runs.thisRun')}</th>
              <th>{t('runs.otherRun')}</th>
              <th>{t('runs.outputDiff')}</th>
            </tr>
          </thead>
          <tbody>
            {diff.map((d) => (
              <tr
                key={d.nodeId}
                data-testid={`run-compare-${d.nodeId}`}
                className={d.statusChanged || d.outputChanged ? 'diff-changed' : ''}
              >
                <td className="mono">{d.nodeId}</td>
                <td>
                  {d.a ? <StatusPill status={d.a.status} /> : <span className="muted">{t('runs.notRun')}</span>}{' '}
                  {d.a?.durationMs !== undefined && (
                    <span className="mono small">{formatDuration(d.a.durationMs)}</span>
                  )}
                </td>
                <td>
                  {d.b ? <StatusPill status={d.b.status} /> : <span className="muted">{t('runs.notRun')}</span>}{' '}
                  {d.b?.durationMs !== undefined && (
                    <span className="mono small">{formatDuration(d.b.durationMs)}</span>
                  )}
                  <Delta ms={d.durationDeltaMs} />
                </td>
                <td>
                  {d.outputChanged ? (
                    <strong>{t('runs.changed')}</strong>
                  ) : (
                    <span className="muted">{t('runs.same')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
