import type { DatasetSummary } from '../../api/datasets.js';
import { useT } from '../../i18n/i18n.js';

/** The dataset an evaluation or a publish gate uses: its name and item count, or a note when there is none. */
export function DatasetSelect(props: {
  id: string;
  datasets: readonly DatasetSummary[];
  value: string;
  onChange: (datasetId: string) => void;
  testId: string;
}) {
  const t = useT();
  return (
    <>
      <label className="field-label" htmlFor={props.id}>
        {t('evaluation.dataset')}
      </label>
      <select
        id={props.id}
        className="input"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      >
        {props.datasets.length === 0 && <option value="">{t('evaluation.noDatasets')}</option>}
        {props.datasets.map((dataset) => (
          <option key={dataset.id} value={dataset.id}>
            {t('evaluation.datasetOption', { name: dataset.name, count: dataset.itemCount })}
          </option>
        ))}
      </select>
    </>
  );
}
