import { useCallback, useEffect, useState } from 'react';
import { knowledgeApi } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import type { KnowledgeBase } from '../api/schemas.js';
import { useT } from '../i18n/i18n.js';
import { resourcesStore } from '../state/resources-store.js';
import { ErrorNote } from '../ui/error-note.js';
import { Icon } from '../ui/icon.js';
import { JsonView } from '../ui/json-view.js';
import { PageHeader } from './page-header.js';

/**
 * Uploads the files one after another, each as the raw request body (the server's upload route
 * takes one file per request, named by `?name=`), through XHR because fetch cannot report upload
 * progress; progress covers all files together.
 */
async function upload(kb: string, files: FileList, onProgress: (percent: number) => void): Promise<void> {
  const list = [...files];
  const total = list.reduce((sum, file) => sum + file.size, 0) || 1;
  let done = 0;
  for (const file of list) {
    await uploadOne(kb, file, (loaded) => onProgress(Math.round(((done + loaded) / total) * 100)));
    done += file.size;
  }
}

function uploadOne(kb: string, file: File, onLoaded: (bytes: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/knowledge/${encodeURIComponent(kb)}/documents?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('X-Tailor-Csrf', '1');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => onLoaded(event.loaded);
    xhr.onload = () => {
      if (xhr.status < 300) return resolve();
      let message = `${xhr.status}`;
      try {
        message = (JSON.parse(xhr.responseText) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // Not JSON: the status code is what we have.
      }
      reject(new Error(`${file.name}: ${message}`));
    };
    xhr.onerror = () => reject(new Error(`${file.name}: the upload was interrupted`));
    xhr.send(file);
  });
}

function SearchDebugger({ kb }: { kb: string }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState('hybrid');
  const [result, setResult] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const search = async () => {
    setError(null);
    try {
      setResult(await knowledgeApi.search(kb, { query, mode, topK: 5, debug: true }));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section className="panel-card">
      <h2>{t('knowledge.search')}</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <input
          className="input grow"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label={t('common.search')}
          placeholder={t('common.search')}
        />
        <select
          className="input"
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          aria-label={t('knowledge.searchMode')}
        >
          <option value="hybrid">hybrid</option>
          <option value="bm25">bm25</option>
          <option value="vector">vector</option>
        </select>
        <button type="submit" className="button button-primary" disabled={query.trim() === ''}>
          <Icon name="search" size={14} />
        </button>
      </form>
      <ErrorNote error={error} />
      {result !== null && <JsonView value={result} />}
    </section>
  );
}

/** Knowledge bases: create, upload documents with progress, try searches. */
export default function KnowledgePage() {
  const t = useT();
  const [bases, setBases] = useState<KnowledgeBase[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unavailable, setUnavailable] = useState(false);
  const refresh = useCallback(
    () =>
      knowledgeApi
        .list()
        .then(setBases)
        .catch((caught: unknown) =>
          caught instanceof ApiError && caught.status === 404 ? setUnavailable(true) : setError(caught),
        ),
    [],
  );
  useEffect(() => void refresh(), [refresh]);

  const create = async () => {
    setError(null);
    try {
      const id =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'kb';
      await knowledgeApi.create({ id, name });
      setName('');
      setSelected(id);
      await refresh();
      await resourcesStore.getState().loadKnowledgeBases(true);
    } catch (caught) {
      setError(caught);
    }
  };
  const send = async (files: FileList) => {
    if (!selected) return;
    setError(null);
    setProgress(0);
    try {
      await upload(selected, files, setProgress);
      await refresh();
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="page">
      <PageHeader title={t('knowledge.title')} subtitle={t('knowledge.subtitle')} />
      <ErrorNote error={error} />
      {unavailable && (
        <div className="empty-state" data-testid="knowledge-unavailable">
          <Icon name="knowledge" size={28} />
          <p className="muted">{t('knowledge.unavailable')}</p>
        </div>
      )}
      <div className="two-col" hidden={unavailable}>
        <div>
          <ul className="list-cards">
            {bases?.length === 0 && <li className="muted">{t('common.empty')}</li>}
            {bases?.map((kb) => (
              <li key={kb.id}>
                <button
                  type="button"
                  className={selected === kb.id ? 'list-card is-active' : 'list-card'}
                  onClick={() => setSelected(kb.id)}
                >
                  <strong>{kb.name ?? kb.id}</strong>
                  <code className="muted small">{kb.id}</code>
                  <span className="muted small">
                    {t('knowledge.documents', {
                      count: Array.isArray(kb.documents) ? kb.documents.length : (kb.documents ?? 0),
                    })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void create();
            }}
          >
            <input
              className="input grow"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={t('common.name')}
              aria-label={t('common.name')}
            />
            <button type="submit" className="button" disabled={name.trim() === ''}>
              <Icon name="plus" size={14} /> {t('knowledge.new')}
            </button>
          </form>
        </div>
        {selected && (
          <div>
            <section className="panel-card">
              <h2>{t('knowledge.upload')}</h2>
              <input
                type="file"
                multiple
                accept=".pdf,.docx,.md,.txt,.html,.csv"
                onChange={(e) => e.target.files && void send(e.target.files)}
                aria-label={t('knowledge.upload')}
              />
              {progress !== null && (
                <div
                  className="progress"
                  role="progressbar"
                  aria-valuenow={progress}
                  aria-valuemin={0}
                  aria-valuemax={100}
                >
                  <span style={{ width: `${progress}%` }} />
                  <em>{t('knowledge.uploading', { percent: progress })}</em>
                </div>
              )}
            </section>
            <SearchDebugger kb={selected} />
          </div>
        )}
      </div>
    </div>
  );
}
