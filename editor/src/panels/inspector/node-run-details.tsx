import { StatusChip } from '../../canvas/status-chip.js';
import { useT } from '../../i18n/i18n.js';
import type { NodeRunView } from '../../state/run-state.js';
import { JsonView } from '../../ui/json-view.js';

/** What the last run did at one node: status, output, streamed text, error, logs, resolved settings. */
export function NodeRunDetails({ view, onRerun }: { view: NodeRunView; onRerun?: () => void }) {
  const t = useT();
  return (
    <section className="section run-details" data-testid="node-run">
      <div className="section-head">
        <h3>{t('inspector.lastRun')}</h3>
        <StatusChip view={view} />
      </div>
      {view.usage && (
        <p className="muted small">{t('run.tokens', { input: view.usage.input, output: view.usage.output })}</p>
      )}
      {view.attempt > 1 && <p className="muted small">{t('run.attempts', { count: view.attempt })}</p>}
      {view.pinned && <p className="muted small">{t('run.pinned')}</p>}
      {view.skipReason && <p className="muted small">{t('run.skipped', { reason: view.skipReason })}</p>}
      {view.error && (
        <div className="run-error" role="alert">
          <strong>{view.error.code}</strong> {view.error.message}
        </div>
      )}
      {view.text !== '' && (
        <>
          <h4>{t('run.streamed')}</h4>
          <pre className="stream-text">{view.text}</pre>
        </>
      )}
      {view.output !== undefined && (
        <>
          <h4>{t('run.output')}</h4>
          <JsonView value={view.output} testId="node-run-output" />
        </>
      )}
      {view.logs && view.logs.length > 0 && (
        <>
          <h4>{t('run.logs')}</h4>
          <ol className="logs">
            {view.logs.map((log, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: logs only grow; position is their identity.
              <li key={`${log.at}-${index}`} className={`log-${log.level}`}>
                <span className="log-level">{log.level}</span> {log.message}
              </li>
            ))}
          </ol>
        </>
      )}
      {view.config !== undefined && (
        <details>
          <summary>{t('run.resolvedInputs')}</summary>
          <JsonView value={view.config} />
        </details>
      )}
      {onRerun && (
        <button type="button" className="button button-small" onClick={onRerun}>
          {t('inspector.runFromHere')}
        </button>
      )}
    </section>
  );
}
