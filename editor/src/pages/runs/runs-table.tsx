import { formatDuration } from '../../canvas/status-chip.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { navigate } from '../../router.js';
import type { RunRow } from './live-runs.js';
import { formatTime, formatTokens, StatusPill } from './run-status.js';

/** Checkboxes in a first column, when the page lets runs be picked (add to dataset). */
export interface RunSelection {
  selected: ReadonlySet<string>;
  toggle(runId: string, on: boolean): void;
}

/** The runs as a table; a row opens the run's detail. */
export function RunsTable({ rows, selection }: { rows: RunRow[]; selection?: RunSelection }) {
  const t = useT();
  const language = useLanguage();
  const open = (id: string) => navigate({ page: 'runs', runId: id });
  return (
    <table className="table runs-table">
      <thead>
        <tr>
          {selection && (
            <th>
              <span className="visually-hidden">{t('addToDataset.selectColumn')}</span>
            </th>
          )}
          <th>{t('runs.flow')}</th>
          <th>{t('runs.version')}</th>
          <th>{t('runs.status')}</th>
          <th>{t('runs.started')}</th>
          <th className="right">{t('runs.duration')}</th>
          <th className="right">{t('runs.tokens')}</th>
          <th>{t('runs.endUser')}</th>
          <th>{t('runs.source')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((run) => (
          <tr
            key={run.id}
            data-testid={`runs-row-${run.id}`}
            data-status={run.status}
            className="runs-row"
            // The row is a large click target for the mouse; keyboard users reach the run by its link
            // (one Tab stop per run, not two).
            onClick={() => open(run.id)}
          >
            {selection && (
              <td onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
                <input
                  type="checkbox"
                  checked={selection.selected.has(run.id)}
                  onChange={(e) => selection.toggle(run.id, e.target.checked)}
                  aria-label={t('addToDataset.selectRun', { id: run.id })}
                  data-testid={`runs-select-${run.id}`}
                />
              </td>
            )}
            <td>
              <a
                href={`#/runs/${encodeURIComponent(run.id)}`}
                className="runs-flow"
                onClick={(e) => e.stopPropagation()}
              >
                {run.flowId}
              </a>
              <div className="mono muted small">{run.id}</div>
            </td>
            <td className="muted">{run.flowVersion === undefined ? t('runs.draft') : `v${run.flowVersion}`}</td>
            <td>
              <StatusPill
                status={run.status}
                {...(run.error ? { title: `${run.error.code}: ${run.error.message}` } : {})}
              />
              {run.currentNode && <div className="muted small">{t('runs.atNode', { node: run.currentNode })}</div>}
            </td>
            <td className="nowrap">{formatTime(run.startedAt, language)}</td>
            <td className="right mono">{run.durationMs === undefined ? '…' : formatDuration(run.durationMs)}</td>
            <td className="right mono">{formatTokens(run.usage)}</td>
            <td className="small">{run.endUser ? (run.endUser.name ?? run.endUser.id) : '—'}</td>
            <td className="muted small">{run.source ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
