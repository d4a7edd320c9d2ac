import { useCallback, useEffect, useState } from 'react';
import { type Dataset, type DatasetSummary, datasetsApi } from '../../api/datasets.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { href, navigate } from '../../router.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Icon } from '../../ui/icon.js';
import { DatasetUpload } from './dataset-upload.js';
import { inputsText, textOf } from './evaluation-format.js';

function formatDate(ms: number, language: string): string {
  return new Date(ms).toLocaleString(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** One dataset's items: inputs, the expected answer and facts. */
function DatasetItems({ datasetId }: { datasetId: string }) {
  const t = useT();
  const [dataset, setDataset] = useState<Dataset | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    datasetsApi.get(datasetId).then(setDataset).catch(setError);
  }, [datasetId]);
  const remove = async () => {
    if (!dataset || !window.confirm(t('common.confirmDelete', { name: dataset.name }))) return;
    try {
      await datasetsApi.remove(dataset.id);
      navigate({ page: 'evaluation', view: { kind: 'datasets' } });
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section data-testid="dataset-items">
      <div className="row eval-subhead">
        <a className="link-button" href={href({ page: 'evaluation', view: { kind: 'datasets' } })}>
          <Icon name="back" size={14} /> {t('evaluation.allDatasets')}
        </a>
        {dataset && (
          <>
            <h2 className="grow">
              {dataset.name}{' '}
              <span className="muted small">{t('evaluation.itemCount', { count: dataset.items.length })}</span>
            </h2>
            <button type="button" className="button button-danger" onClick={() => void remove()}>
              <Icon name="trash" size={14} /> {t('common.delete')}
            </button>
          </>
        )}
      </div>
      <ErrorNote error={error} />
      {dataset && dataset.items.length === 0 && <p className="muted">{t('evaluation.noItems')}</p>}
      {dataset && dataset.items.length > 0 && (
        <table className="table eval-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('evaluation.inputs')}</th>
              <th>{t('evaluation.expected')}</th>
              <th>{t('evaluation.facts')}</th>
            </tr>
          </thead>
          <tbody>
            {dataset.items.map((item, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an item's place in the dataset is its identity
              <tr key={index}>
                <td className="muted mono">{item.id ?? index + 1}</td>
                <td className="eval-cell">{inputsText(item.inputs)}</td>
                <td className="eval-cell">{textOf(item.expected) || '—'}</td>
                <td className="eval-cell">{item.facts?.join(' · ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The datasets: a list, an upload box, and one dataset's items when one is open. */
export function DatasetsView({ datasetId }: { datasetId?: string | undefined }) {
  const t = useT();
  const language = useLanguage();
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = useCallback(() => datasetsApi.list().then(setDatasets).catch(setError), []);
  useEffect(() => void refresh(), [refresh]);

  if (datasetId) return <DatasetItems datasetId={datasetId} />;
  return (
    <div className="two-col">
      <div>
        <ErrorNote error={error} />
        {datasets === null && !error && <p className="muted">{t('common.loading')}</p>}
        {datasets?.length === 0 && <p className="muted">{t('evaluation.noDatasets')}</p>}
        {datasets && datasets.length > 0 && (
          <table className="table" data-testid="dataset-list">
            <thead>
              <tr>
                <th>{t('common.name')}</th>
                <th className="right">{t('evaluation.items')}</th>
                <th>{t('evaluation.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((dataset) => (
                <tr key={dataset.id} data-testid={`dataset-${dataset.name}`}>
                  <td>
                    <a href={href({ page: 'evaluation', view: { kind: 'datasets', datasetId: dataset.id } })}>
                      {dataset.name}
                    </a>
                    {dataset.flowId && <div className="muted small mono">{dataset.flowId}</div>}
                  </td>
                  <td className="right mono">{dataset.itemCount}</td>
                  <td className="muted small nowrap">{formatDate(dataset.updatedAt, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <DatasetUpload
        onUploaded={(dataset) => navigate({ page: 'evaluation', view: { kind: 'datasets', datasetId: dataset.id } })}
      />
    </div>
  );
}
