import { useEffect, useId, useState } from 'react';
import { type DatasetSummary, datasetsApi } from '../../api/datasets.js';
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Icon } from '../../ui/icon.js';
import './add-to-dataset.css';

const NEW = '';

/**
 * Adds the selected runs to a dataset (a new one or an existing one): each run's inputs become an
 * item and its output the expected answer, so good answers seen in production become test cases.
 */
export function AddToDataset({ runIds, onClear }: { runIds: readonly string[]; onClear(): void }) {
  const t = useT();
  const id = useId();
  const [datasets, setDatasets] = useState<DatasetSummary[]>([]);
  const [target, setTarget] = useState(NEW);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<{ id: string; name: string; count: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    datasetsApi
      .list()
      .then(setDatasets)
      .catch(() => setDatasets([]));
  }, []);

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      const datasetId = target || (await datasetsApi.create({ name: name.trim(), items: [] })).id;
      const dataset = await datasetsApi.addRuns(datasetId, runIds);
      setAdded({ id: dataset.id, name: dataset.name, count: runIds.length });
      setDatasets(await datasetsApi.list());
      setTarget(dataset.id);
      setName('');
      onClear();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (runIds.length === 0 && !added) return null;
  return (
    <div className="runs-add-dataset" data-testid="add-to-dataset">
      {runIds.length > 0 && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <strong>{t('addToDataset.selected', { count: runIds.length })}</strong>
          <label className="muted small" htmlFor={`${id}-target`}>
            {t('addToDataset.label')}
          </label>
          <select
            id={`${id}-target`}
            className="input runs-add-select"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="add-to-dataset-target"
          >
            <option value={NEW}>{t('addToDataset.newDataset')}</option>
            {datasets.map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.name}
              </option>
            ))}
          </select>
          {target === NEW && (
            <input
              className="input runs-add-select"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('addToDataset.datasetName')}
              aria-label={t('addToDataset.datasetName')}
              data-testid="add-to-dataset-name"
            />
          )}
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || (target === NEW && name.trim() === '')}
            data-testid="add-to-dataset-submit"
          >
            <Icon name="plus" size={14} /> {t('common.add')}
          </button>
          <button type="button" className="button button-ghost" onClick={onClear}>
            {t('addToDataset.clearSelection')}
          </button>
        </form>
      )}
      {added && (
        <p className="success-note" role="status" data-testid="add-to-dataset-done">
          {t('addToDataset.addedToDataset', { count: added.count, name: added.name })}{' '}
          <a href={href({ page: 'evaluation', view: { kind: 'datasets', datasetId: added.id } })}>
            {t('addToDataset.openDataset')}
          </a>
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
