import { type DragEvent, useId, useRef, useState } from 'react';
import { type Dataset, datasetFormatOf, datasetNameOf, datasetsApi } from '../../api/datasets.js';
import { useT } from '../../i18n/i18n.js';
import { Icon } from '../../ui/icon.js';
import { type UploadProblem, uploadProblems } from './upload-problems.js';

/**
 * A CSV or JSON Lines file, picked or dropped, sent as the raw body; a refused file lists the
 * server's problems line by line so the analyst can fix them in the file.
 */
export function DatasetUpload({ onUploaded }: { onUploaded(dataset: Dataset): void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const nameId = useId();
  const [name, setName] = useState('');
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<{ file: string; problems: UploadProblem[] } | null>(null);

  const send = async (file: File) => {
    setFailed(null);
    setBusy(true);
    try {
      const text = await file.text();
      const dataset = await datasetsApi.importText(
        name.trim() || datasetNameOf(file.name),
        datasetFormatOf(file.name, text),
        text,
      );
      setName('');
      onUploaded(dataset);
    } catch (caught) {
      setFailed({ file: file.name, problems: uploadProblems(caught) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void send(file);
  };

  return (
    <section className="panel-card" data-testid="dataset-upload">
      <h2>{t('evaluation.uploadTitle')}</h2>
      <label className="field-label" htmlFor={nameId}>
        {t('evaluation.datasetName')}
      </label>
      <input
        id={nameId}
        className="input"
        value={name}
        placeholder={t('evaluation.datasetNameHint')}
        onChange={(e) => setName(e.target.value)}
      />
      <input
        ref={input}
        type="file"
        accept=".csv,.jsonl,.ndjson,.json,text/csv,application/x-ndjson"
        hidden
        onChange={(e) => e.target.files?.[0] && void send(e.target.files[0])}
        data-testid="dataset-file"
      />
      <button
        type="button"
        className={over ? 'eval-drop is-over' : 'eval-drop'}
        onClick={() => input.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        disabled={busy}
        data-testid="dataset-drop"
      >
        <Icon name="upload" size={20} />
        <strong>{busy ? t('evaluation.uploading') : t('evaluation.dropHere')}</strong>
        <span className="muted small">{t('evaluation.formats')}</span>
      </button>
      {failed && (
        <div className="error-note eval-problems" role="alert" data-testid="dataset-problems">
          <Icon name="alert" size={14} />
          <div>
            <strong>{t('evaluation.uploadRefused', { file: failed.file })}</strong>
            <ul>
              {failed.problems.map((problem, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their order
                <li key={index}>
                  {problem.line !== undefined && (
                    <span className="eval-line">{t('evaluation.line', { line: problem.line })}</span>
                  )}
                  {problem.message}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
