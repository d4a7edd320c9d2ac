import { useMemo } from 'react';
import { formatDuration } from '../../canvas/status-chip.js';
import { useT } from '../../i18n/i18n.js';
import { StatusPill } from './run-status.js';
import type { StoredRun } from './runs-api.js';
import { axisTicks, layoutWaterfall, type WaterfallRow } from './waterfall-layout.js';

interface Props {
  run: StoredRun;
  now: number;
  selected: string | undefined;
  onSelect(row: WaterfallRow): void;
}

function Bar({ row }: { row: WaterfallRow }) {
  if (row.durationMs === undefined) return null;
  const status = row.kind === 'group' ? 'group' : row.node?.status;
  return (
    <div
      className={`wf-bar wf-bar-${status}`}
      style={{ left: `${row.left}%`, width: `max(${row.width}%, 2px)` }}
      title={`${row.label}: +${formatDuration(row.offsetMs ?? 0)} · ${formatDuration(row.durationMs)}`}
    >
      {row.kind === 'node' && <span className="wf-bar-label">{formatDuration(row.durationMs)}</span>}
    </div>
  );
}

/** Node timings on one axis from the run's start; nested bodies indented, parallel branches marked. */
export function Waterfall({ run, now, selected, onSelect }: Props) {
  const t = useT();
  const { rows, totalMs } = useMemo(() => layoutWaterfall(run, now), [run, now]);
  const ticks = axisTicks(totalMs, 5);
  if (rows.length === 0) return <p className="muted">{t('runs.noNodes')}</p>;
  return (
    <div className="wf">
      <div className="wf-axis" aria-hidden="true">
        <div className="wf-name" />
        <div className="wf-track">
          {ticks.map((tick) => (
            <span key={tick} className="wf-tick" style={{ left: `${(tick / totalMs) * 100}%` }}>
              {formatDuration(tick)}
            </span>
          ))}
        </div>
      </div>
      {rows.map((row) =>
        row.kind === 'group' ? (
          <div key={row.key} className="wf-row wf-group">
            <div className="wf-name muted small" style={{ paddingLeft: `${row.depth * 14}px` }}>
              {row.label}
            </div>
            <div className="wf-track">
              <Bar row={row} />
            </div>
          </div>
        ) : (
          <button
            key={row.key}
            type="button"
            className={selected === row.key ? 'wf-row is-selected' : 'wf-row'}
            onClick={() => onSelect(row)}
            data-testid={`waterfall-node-${row.depth === 0 ? row.label : row.key}`}
          >
            <div className="wf-name" style={{ paddingLeft: `${row.depth * 14}px` }}>
              <span className="mono">{row.label}</span>
              {row.parallel && (
                <span className="wf-parallel" title={t('runs.parallel')}>
                  ∥
                </span>
              )}
              {row.node && row.node.status !== 'succeeded' && <StatusPill status={row.node.status} />}
            </div>
            <div className="wf-track">
              {ticks.map((tick) => (
                <span key={tick} className="wf-grid" style={{ left: `${(tick / totalMs) * 100}%` }} />
              ))}
              <Bar row={row} />
            </div>
          </button>
        ),
      )}
    </div>
  );
}
