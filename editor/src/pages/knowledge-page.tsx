import { useCallback, useEffect, useState } from 'react';
import { knowledgeApi } from '../api/admin.js';
import { ApiError } from '../api/client.js';
import type { KnowledgeBase, KnowledgeChunks, KnowledgeDocument } from '../api/schemas.js';
import { useT } from '../i18n/i18n.js';
import { resourcesStore } from '../state/resources-store.js';
import { ErrorNote } from '../ui/error-note.js';
import { Icon } from '../ui/icon.js';
import { JsonView } from '../ui/json-view.js';
import { PageHeader } from './page-header.js';
import './knowledge-page.css';

/**
 * Uploads the files one after another, each as the raw request body (the server's upload route
 * takes one file per request, named by `?name=`), through XHR because fetch cannot report upload
 * progress; progress covers all files together.
 */
async function upload(kb: string, files: File[], onProgress: (percent: number) => void): Promise<void> {
  const list = files;
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

interface SearchHitView {
  text: string;
  score: number;
  document: string;
  headingPath: string[];
}

function hitsOf(result: unknown): SearchHitView[] {
  const hits = result && typeof result === 'object' && 'hits' in result ? result.hits : undefined;
  return Array.isArray(hits) ? (hits as SearchHitView[]) : [];
}

/** The retrieval debugger: the hits a flow's retrieval node would get, and (debug) what was cut. */
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
  const hits = hitsOf(result);
  return (
    <section className="panel-card" data-testid="kb-search">
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
          data-testid="kb-query"
        />
        <select
          className="input"
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          aria-label={t('knowledge.searchMode')}
        >
          <option value="hybrid">{t('knowledge.modeHybrid')}</option>
          <option value="keyword">{t('knowledge.modeKeyword')}</option>
          <option value="vector">{t('knowledge.modeVector')}</option>
        </select>
        <button
          type="submit"
          className="button button-primary"
          disabled={query.trim() === ''}
          aria-label={t('common.search')}
          data-testid="kb-search-submit"
        >
          <Icon name="search" size={14} />
        </button>
      </form>
      <ErrorNote error={error} />
      {result !== null && (
        <>
          <h3>{t('knowledge.results')}</h3>
          {hits.length === 0 && <p className="muted">{t('knowledge.noResults')}</p>}
          <ol className="kb-chunks">
            {hits.map((hit) => (
              <li key={`${hit.document}-${hit.text.slice(0, 40)}`} data-testid="kb-hit">
                <span className="muted small">
                  {hit.document}
                  {hit.headingPath.length > 0 ? ` · ${hit.headingPath.join(' › ')}` : ''} ·{' '}
                  {t('knowledge.score', { score: hit.score.toFixed(3) })}
                </span>
                <p>{hit.text}</p>
              </li>
            ))}
          </ol>
          <details>
            <summary>{t('knowledge.debug')}</summary>
            <JsonView value={result} />
          </details>
        </>
      )}
    </section>
  );
}

/** The documents of a knowledge base, and the chunks one of them became. */
function Documents({ kb, documents, open }: { kb: string; documents: KnowledgeDocument[]; open: string | null }) {
  const t = useT();
  const [shown, setShown] = useState<string | null>(open);
  const [chunks, setChunks] = useState<KnowledgeChunks | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setShown(open), [open]);
  useEffect(() => {
    setChunks(null);
    setError(null);
    if (!shown) return;
    let alive = true;
    knowledgeApi
      .chunks(kb, shown)
      .then((loaded) => alive && setChunks(loaded))
      .catch((caught: unknown) => alive && setError(caught));
    return () => {
      alive = false;
    };
  }, [kb, shown]);
  return (
    <section className="panel-card" data-testid="kb-documents">
      <h2>{t('knowledge.documentList')}</h2>
      {documents.length === 0 && <p className="muted">{t('common.empty')}</p>}
      <ul className="kb-documents">
        {documents.map((doc) => (
          <li key={doc.name} className="row">
            <Icon name="knowledge" size={14} />
            <strong className="grow">{doc.name}</strong>
            <span className="muted small">{t('knowledge.chunks', { count: doc.chunks, tokens: doc.tokens })}</span>
            <button
              type="button"
              className={shown === doc.name ? 'button button-small is-active' : 'button button-small'}
              onClick={() => setShown(doc.name)}
            >
              {t('knowledge.showChunks')}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNote error={error} />
      {chunks && (
        <div data-testid="kb-chunk-preview">
          <h3>{t('knowledge.chunkPreview', { name: chunks.document.name })}</h3>
          <ol className="kb-chunks">
            {chunks.chunks.map((chunk) => (
              <li key={chunk.position} data-testid="kb-chunk">
                <span className="muted small">
                  #{chunk.position + 1}
                  {chunk.headingPath.length > 0 ? ` · ${chunk.headingPath.join(' › ')}` : ''} ·{' '}
                  {t('knowledge.chunkTokens', { tokens: chunk.tokens })}
                </span>
                <p>{chunk.text}</p>
              </li>
            ))}
          </ol>
          {chunks.total > chunks.chunks.length && (
            <p className="muted small">{t('knowledge.moreChunks', { count: chunks.total - chunks.chunks.length })}</p>
          )}
        </div>
      )}
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
  const [documents, setDocuments] = useState<KnowledgeDocument[]>([]);
  const [uploaded, setUploaded] = useState<string | null>(null);
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
  const loadDocuments = useCallback(async (kb: string) => {
    setDocuments((await knowledgeApi.get(kb)).documentList);
  }, []);
  useEffect(() => {
    setDocuments([]);
    setUploaded(null);
    if (selected) loadDocuments(selected).catch(setError);
  }, [selected, loadDocuments]);

  const create = async () => {
    setError(null);
    try {
      const id =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'kb';
      // The server names a base by an identifier (letters, digits, . _ -): the slug is its name.
      await knowledgeApi.create({ name: id });
      setName('');
      setSelected(id);
      await refresh();
      await resourcesStore.getState().loadKnowledgeBases(true);
    } catch (caught) {
      setError(caught);
    }
  };
  const send = async (input: FileList) => {
    // A copy: the input is cleared below, so the same file can be uploaded again.
    const files = [...input];
    if (!selected) return;
    setError(null);
    setProgress(0);
    try {
      await upload(selected, files, setProgress);
      await refresh();
      await loadDocuments(selected);
      // The chunk preview opens on what was just uploaded.
      setUploaded(files[files.length - 1]?.name ?? null);
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
                onChange={(e) => {
                  if (e.target.files && e.target.files.length > 0) void send(e.target.files);
                  e.target.value = '';
                }}
                aria-label={t('knowledge.upload')}
                data-testid="kb-upload"
              />
              {progress !== null && (
                <div
                  className="progress"
                  role="progressbar"
                  aria-valuenow={progress}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  data-testid="kb-progress"
                >
                  <span style={{ width: `${progress}%` }} />
                  <em>{t('knowledge.uploading', { percent: progress })}</em>
                </div>
              )}
            </section>
            <Documents kb={selected} documents={documents} open={uploaded} />
            <SearchDebugger kb={selected} />
          </div>
        )}
      </div>
    </div>
  );
}
