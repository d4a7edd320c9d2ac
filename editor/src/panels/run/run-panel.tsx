import { useMemo, useState } from 'react';
import { StatusChip } from '../../canvas/status-chip.js';
import { type MessageKey, useT } from '../../i18n/i18n.js';
import { canvasStore } from '../../state/canvas-store.js';
import { useFlow } from '../../state/flow-store.js';
import { runStore, useRun } from '../../state/run-store.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Icon } from '../../ui/icon.js';
import { JsonView } from '../../ui/json-view.js';
import { coerceInput, InputsForm, inputFieldsOf } from './inputs-form.js';
import { cancelRun, startRun } from './run-actions.js';

function RunSummary() {
  const t = useT();
  const view = useRun((s) => s.view);
  const nodes = useFlow((s) => s.doc?.nodes);
  const order = useMemo(() => (nodes ?? []).map((n) => n.id), [nodes]);
  if (view.status === 'idle')
    return (
      <p className="muted small" data-testid="run-status" data-status="idle">
        {t('run.idle')}
      </p>
    );
  return (
    <div className="run-summary">
      <p className={`run-status run-${view.status}`} data-testid="run-status" data-status={view.status}>
        <span className="chip-dot" aria-hidden="true" />
        {t(`run.${view.status}` as MessageKey)}
        {view.durationMs !== undefined && <span className="muted"> · {Math.round(view.durationMs)} ms</span>}
        {view.usage && <span className="muted"> · {view.usage.input + view.usage.output} tok</span>}
      </p>
      {view.error && (
        <div className="run-error" role="alert">
          <strong>{view.error.code}</strong> {view.error.message}
        </div>
      )}
      {view.output !== undefined && (
        <>
          <h4>{t('run.output')}</h4>
          <JsonView value={view.output} testId="run-output" />
        </>
      )}
      <h4>{t('run.nodes')}</h4>
      <ul className="run-nodes">
        {order
          .filter((id) => view.nodes[id])
          .map((id) => {
            const node = view.nodes[id];
            return node ? (
              <li key={id}>
                <button type="button" className="link-button" onClick={() => canvasStore.getState().select([id])}>
                  <code>{id}</code>
                </button>
                <StatusChip view={node} />
              </li>
            ) : null;
          })}
      </ul>
    </div>
  );
}

/** Inputs form from the input node, Run / Cancel, and the live result of the run. */
export function RunPanel() {
  const t = useT();
  const inputNode = useFlow((s) => s.doc?.nodes.find((n) => n.type === 'input'));
  const hasErrors = useFlow((s) => s.problems.some((p) => p.severity === 'error'));
  const values = useRun((s) => s.inputs);
  const running = useRun((s) => s.view.status === 'running');
  const [error, setError] = useState<unknown>(null);
  const fields = inputFieldsOf(inputNode?.config);

  const run = async () => {
    setError(null);
    const inputs: Record<string, unknown> = {};
    for (const field of fields) {
      const value = coerceInput(field, values[field.name] ?? field.default);
      if (value !== undefined) inputs[field.name] = value;
    }
    try {
      await startRun(inputs);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div className="run-panel">
      <section className="section">
        <h3>{t('run.inputs')}</h3>
        <InputsForm fields={fields} values={values} onChange={(next) => runStore.getState().setInputs(next)} />
        {hasErrors && <p className="field-problem">{t('run.invalidFlow')}</p>}
        <div className="row">
          {running ? (
            <button
              type="button"
              className="button button-danger"
              onClick={() => void cancelRun()}
              data-testid="run-button"
            >
              <Icon name="stop" size={14} /> {t('run.cancel')}
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={() => void run()} data-testid="run-button">
              <Icon name="play" size={14} /> {t('run.start')}
            </button>
          )}
        </div>
        <ErrorNote error={error} />
      </section>
      <section className="section">
        <RunSummary />
      </section>
    </div>
  );
}
