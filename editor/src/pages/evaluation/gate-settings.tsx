import { useEffect, useId, useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { DatasetSummary } from '../../api/datasets.js';
import { type EvaluationGate, evaluationsApi } from '../../api/evaluations.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Icon } from '../../ui/icon.js';
import { DatasetSelect } from './dataset-select.js';
import { percentToThreshold, thresholdToPercent } from './evaluation-format.js';
import { ScorerPicker } from './scorer-picker.js';

/** A flow without a gate answers 404 or null: both mean "publish freely". */
async function readGate(flowId: string): Promise<EvaluationGate | null> {
  try {
    return await evaluationsApi.gate(flowId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The publish gate of one flow: publishing a version is refused unless it passes an evaluation over
 * this dataset with these scorers at this pass rate.
 */
export function GateSettings({ flowId, datasets }: { flowId: string; datasets: readonly DatasetSummary[] }) {
  const t = useT();
  const id = useId();
  const [gate, setGate] = useState<EvaluationGate | null>(null);
  const [datasetId, setDatasetId] = useState('');
  const [threshold, setThreshold] = useState(80);
  const [scorers, setScorers] = useState<string[]>(['contains']);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setMessage(null);
    setError(null);
    readGate(flowId)
      .then((found) => {
        setGate(found);
        if (found) {
          setDatasetId(found.datasetId);
          setThreshold(thresholdToPercent(found.threshold));
          setScorers(found.scorers);
        }
      })
      .catch(setError);
  }, [flowId]);
  useEffect(() => {
    if (!datasetId && datasets[0]) setDatasetId(datasets[0].id);
  }, [datasets, datasetId]);

  const save = async () => {
    setError(null);
    setMessage(null);
    try {
      const next = { datasetId, threshold: percentToThreshold(threshold), scorers };
      await evaluationsApi.setGate(flowId, next);
      setGate(next);
      setMessage(t('evaluation.gateSaved'));
    } catch (caught) {
      setError(caught);
    }
  };
  const remove = async () => {
    setError(null);
    setMessage(null);
    try {
      await evaluationsApi.removeGate(flowId);
      setGate(null);
      setMessage(t('evaluation.gateRemoved'));
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <form
      className="panel-card"
      data-testid="evaluation-gate"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('evaluation.gateTitle')}</h2>
      <p className="muted small">{gate ? t('evaluation.gateOn') : t('evaluation.gateOff')}</p>
      <DatasetSelect
        id={`${id}-dataset`}
        datasets={datasets}
        value={datasetId}
        onChange={setDatasetId}
        testId="gate-dataset"
      />
      <label className="field-label" htmlFor={`${id}-threshold`}>
        {t('evaluation.threshold')}
      </label>
      <input
        id={`${id}-threshold`}
        className="input"
        type="number"
        min={0}
        max={100}
        value={threshold}
        onChange={(e) => setThreshold(Number(e.target.value))}
        data-testid="gate-threshold"
      />
      <ScorerPicker value={scorers} onChange={setScorers} idPrefix="gate-scorer" />
      <ErrorNote error={error} />
      {message && (
        <p className="success-note" role="status">
          {message}
        </p>
      )}
      <div className="row">
        <button
          type="submit"
          className="button button-primary"
          disabled={!datasetId || scorers.length === 0}
          data-testid="gate-save"
        >
          <Icon name="lock" size={14} /> {t('evaluation.gateSave')}
        </button>
        {gate && (
          <button type="button" className="button" onClick={() => void remove()} data-testid="gate-remove">
            {t('evaluation.gateRemove')}
          </button>
        )}
      </div>
    </form>
  );
}
