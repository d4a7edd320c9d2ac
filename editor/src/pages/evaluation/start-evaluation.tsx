import { useEffect, useId, useState } from 'react';
import type { DatasetSummary } from '../../api/datasets.js';
import { type EvaluationVersion, evaluationsApi } from '../../api/evaluations.js';
import { flowsApi } from '../../api/flows.js';
import type { FlowSummary, FlowVersion } from '../../api/schemas.js';
import { useT } from '../../i18n/i18n.js';
import { navigate } from '../../router.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Icon } from '../../ui/icon.js';
import { DatasetSelect } from './dataset-select.js';
import { percentToThreshold } from './evaluation-format.js';
import { ScorerPicker } from './scorer-picker.js';

function encodeVersion(version: EvaluationVersion): string {
  return String(version);
}
function decodeVersion(value: string): EvaluationVersion {
  return value === 'draft' || value === 'published' ? value : Number(value);
}

/** Pick a flow version, a dataset, scorers and a threshold; start opens the live report. */
export function StartEvaluation({
  flows,
  flowId,
  onFlowChange,
  datasets,
}: {
  flows: readonly FlowSummary[];
  flowId: string;
  onFlowChange(flowId: string): void;
  datasets: readonly DatasetSummary[];
}) {
  const t = useT();
  const id = useId();
  const [versions, setVersions] = useState<FlowVersion[]>([]);
  const [version, setVersion] = useState<EvaluationVersion>('draft');
  const [datasetId, setDatasetId] = useState('');
  const [scorers, setScorers] = useState<string[]>(['contains']);
  const [field, setField] = useState('');
  const [threshold, setThreshold] = useState(80);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setVersion('draft');
    if (!flowId) return setVersions([]);
    flowsApi
      .versions(flowId)
      .then((list) => setVersions([...list].sort((a, b) => b.version - a.version)))
      .catch(() => setVersions([]));
  }, [flowId]);
  useEffect(() => {
    if (!datasets.some((d) => d.id === datasetId)) setDatasetId(datasets[0]?.id ?? '');
  }, [datasets, datasetId]);

  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      const started = await evaluationsApi.start({
        flowId,
        version,
        datasetId,
        scorers,
        threshold: percentToThreshold(threshold),
        ...(field.trim() ? { field: field.trim() } : {}),
      });
      navigate({ page: 'evaluation', view: { kind: 'report', evaluationId: started.id } });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  const ready = flowId !== '' && datasetId !== '' && !busy;

  return (
    <form
      className="panel-card eval-start"
      data-testid="evaluation-start"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) void start();
      }}
    >
      <h2>{t('evaluation.startTitle')}</h2>
      <div className="eval-form-grid">
        <div>
          <label className="field-label" htmlFor={`${id}-flow`}>
            {t('evaluation.flow')}
          </label>
          <select
            id={`${id}-flow`}
            className="input"
            value={flowId}
            onChange={(e) => onFlowChange(e.target.value)}
            data-testid="evaluation-flow"
          >
            <option value="">{t('evaluation.pickFlow')}</option>
            {flows.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor={`${id}-version`}>
            {t('evaluation.version')}
          </label>
          <select
            id={`${id}-version`}
            className="input"
            value={encodeVersion(version)}
            onChange={(e) => setVersion(decodeVersion(e.target.value))}
            data-testid="evaluation-version"
          >
            <option value="draft">{t('evaluation.draft')}</option>
            {versions.length > 0 && <option value="published">{t('evaluation.published')}</option>}
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {`v${v.version}`}
                {v.note ? ` — ${v.note}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <DatasetSelect
            id={`${id}-dataset`}
            datasets={datasets}
            value={datasetId}
            onChange={setDatasetId}
            testId="evaluation-dataset"
          />
        </div>
        <div>
          <label className="field-label" htmlFor={`${id}-threshold`}>
            {t('evaluation.threshold')}
          </label>
          <input
            id={`${id}-threshold`}
            className="input"
            type="number"
            min={0}
            max={100}
            step={1}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
            data-testid="evaluation-threshold"
          />
          <p className="field-hint">{t('evaluation.thresholdHint')}</p>
        </div>
        <div>
          <label className="field-label" htmlFor={`${id}-field`}>
            {t('evaluation.field')}
          </label>
          <input
            id={`${id}-field`}
            className="input mono"
            value={field}
            placeholder="answer"
            onChange={(e) => setField(e.target.value)}
            data-testid="evaluation-field"
          />
          <p className="field-hint">{t('evaluation.fieldHint')}</p>
        </div>
      </div>
      <ScorerPicker value={scorers} onChange={setScorers} idPrefix="start-scorer" />
      {scorers.length === 0 && <p className="field-hint">{t('evaluation.scorersAuto')}</p>}
      <ErrorNote error={error} />
      <button type="submit" className="button button-primary" disabled={!ready} data-testid="evaluation-run">
        <Icon name="play" size={14} /> {busy ? t('evaluation.starting') : t('evaluation.run')}
      </button>
    </form>
  );
}
