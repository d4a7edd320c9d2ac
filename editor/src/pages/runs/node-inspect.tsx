import type { NodeRecord } from '@tailor/runtime/contract';
import { formatDuration } from '../../canvas/status-chip.js';
import { useT } from '../../i18n/i18n.js';
import { JsonView } from '../../ui/json-view.js';
import { StatusPill } from './run-status.js';

interface Props {
  node: NodeRecord;
  /** Absent for nested nodes: a re-run starts from a node of the flow itself. */
  onRerun?: () => void;
  busy: boolean;
}

/** What one node did: status, timing, tokens, attempts, branch, error, settings, output, logs. */
export function NodeInspect({ node, onRerun, busy }: Props) {
  const t = useT();
  return (
    <section className="panel-card run-node" data-testid="run-node" aria-label={node.nodeId}>
      <header className="run-node-head">
        <div>
          <h3 className="mono">{node.nodeId}</h3>
          <span className="muted small">{node.type}</span>
        </div>
        <StatusPill status={node.status} />
      </header>
      <dl className="run-facts">
        {node.durationMs !== undefined && (
          <>
            <dt>{t('runs.duration')}</dt>
            <dd>{formatDuration(node.durationMs)}</dd>
          </>
        )}
        <dt>{t('runs.attempts')}</dt>
        <dd>{node.attempts}</dd>
        {node.usage && (
          <>
            <dt>{t('runs.tokens')}</dt>
            <dd>{t('runs.usage', { input: node.usage.input, output: node.usage.output })}</dd>
          </>
        )}
        {node.usage?.cost !== undefined && (
          <>
            <dt>{t('runs.cost')}</dt>
            <dd>${node.usage.cost.toFixed(4)}</dd>
          </>
        )}
        {node.ports && node.ports.length > 0 && (
          <>
            <dt>{t('runs.ports')}</dt>
            <dd className="mono">{node.ports.join(', ')}</dd>
          </>
        )}
      </dl>
      {node.pinned && <p className="muted small">{t('runs.pinned')}</p>}
      {node.skipReason && <p className="muted small">{t('runs.skipped', { reason: node.skipReason })}</p>}
      {node.error && (
        <div className="run-error" role="alert">
          <strong>{node.error.code}</strong> {node.error.message}
          {node.handled && <div className="small">{t('runs.handled', { policy: node.handled })}</div>}
        </div>
      )}
      {node.output !== undefined && (
        <>
          <h4>{t('runs.output')}</h4>
          <JsonView value={node.output} testId="run-node-output" />
        </>
      )}
      {node.config !== undefined && (
        <>
          <h4>{t('runs.config')}</h4>
          <JsonView value={node.config} />
        </>
      )}
      {node.logs.length > 0 && (
        <>
          <h4>{t('runs.logs')}</h4>
          <ol className="run-logs">
            {node.logs.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: logs never reorder
              <li key={index} className={`run-log run-log-${entry.level}`}>
                <span className="mono muted">{entry.level}</span> {entry.message}
              </li>
            ))}
          </ol>
        </>
      )}
      {onRerun && (
        <button
          type="button"
          className="button"
          onClick={onRerun}
          disabled={busy}
          title={t('runs.rerunHint')}
          data-testid="run-rerun"
        >
          {t('runs.rerunFrom')}
        </button>
      )}
    </section>
  );
}
