import { FLOW_SCHEMA, type FlowDocument } from '@tailor/runtime/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { flowsApi, parseFlowFile } from '../api/flows.js';
import type { FlowSummary } from '../api/schemas.js';
import { templatesApi } from '../api/templates.js';
import { nextNodeId } from '../canvas/node-factory.js';
import { useT } from '../i18n/i18n.js';
import { href, navigate } from '../router.js';
import { ErrorNote } from '../ui/error-note.js';
import { Icon } from '../ui/icon.js';
import { type NewFlowChoice, NewFlowDialog } from './new-flow-dialog.js';
import { PageHeader } from './page-header.js';

function slug(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'flow';
  return nextNodeId(base.replace(/-/g, '_'), taken).replace(/_/g, '-');
}

/** A blank flow starts with an input and an output, so it can be run at once. */
function blankFlow(id: string, name: string): FlowDocument {
  return {
    schema: FLOW_SCHEMA,
    id,
    name,
    nodes: [
      {
        id: 'start',
        type: 'input',
        config: { fields: [{ name: 'message', type: 'string', required: true }] },
        onError: 'fail',
      },
      { id: 'end', type: 'output', config: { value: '{{ start.message }}' }, onError: 'fail' },
    ],
    edges: [{ from: 'start', to: 'end' }],
    settings: { chat: true },
    ui: { positions: { start: { x: 0, y: 80 }, end: { x: 420, y: 80 } } },
  };
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

function formatWhen(value: string | number | null | undefined): string {
  return value === null || value === undefined
    ? ''
    : new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** All flows: create (blank or from a template), import, export, duplicate, delete. */
export default function FlowsPage() {
  const t = useT();
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const refresh = useCallback(() => flowsApi.list().then(setFlows).catch(setError), []);
  useEffect(() => void refresh(), [refresh]);
  const taken = new Set((flows ?? []).map((f) => f.id));

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    }
  };
  /** Errors stay in the dialog, which shows them where the choice was made. */
  const create = async (choice: NewFlowChoice, typedName: string) => {
    if (choice.kind === 'template') {
      const created = await templatesApi.createFlow(choice.templateId, typedName || undefined);
      navigate({ page: 'editor', flowId: created.flowId });
      return;
    }
    const name = typedName || t('flows.newName');
    const saved = await flowsApi.create(blankFlow(slug(name, taken), name));
    navigate({ page: 'editor', flowId: saved.document.id });
  };
  const duplicate = (flow: FlowSummary) =>
    act(async () => {
      const { document } = await flowsApi.get(flow.id);
      const name = t('flows.copyOf', { name: document.name });
      await flowsApi.create({ ...document, id: slug(`${flow.id}-copy`, taken), name });
      await refresh();
    });
  const remove = (flow: FlowSummary) =>
    act(async () => {
      if (!window.confirm(t('common.confirmDelete', { name: flow.name }))) return;
      await flowsApi.remove(flow.id);
      await refresh();
    });
  const importFile = (picked: File) =>
    act(async () => {
      const parsed = parseFlowFile(await picked.text());
      if ('error' in parsed) throw new Error(t('flows.importFailed', { reason: parsed.error }));
      const doc = taken.has(parsed.doc.id) ? { ...parsed.doc, id: slug(parsed.doc.id, taken) } : parsed.doc;
      const saved = await flowsApi.importJson(doc);
      navigate({ page: 'editor', flowId: saved.document.id });
    });

  return (
    <div className="page">
      <PageHeader title={t('flows.title')} subtitle={t('flows.subtitle')}>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
        />
        <button type="button" className="button" onClick={() => file.current?.click()}>
          <Icon name="upload" size={14} /> {t('flows.import')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setCreating(true)}
          data-testid="new-flow"
        >
          <Icon name="plus" size={14} /> {t('flows.new')}
        </button>
      </PageHeader>
      {creating && <NewFlowDialog onCreate={create} onClose={() => setCreating(false)} />}
      <ErrorNote error={error} />
      {flows === null && !error && <p className="muted">{t('common.loading')}</p>}
      {flows?.length === 0 && (
        <div className="empty-state">
          <Icon name="flows" size={28} />
          <h2>{t('flows.emptyTitle')}</h2>
          <p className="muted">{t('flows.emptyHint')}</p>
        </div>
      )}
      <ul className="card-grid" data-testid="flow-list">
        {flows?.map((flow) => (
          <li key={flow.id} className="card">
            <a className="card-main" href={href({ page: 'editor', flowId: flow.id })} data-testid={`flow-${flow.id}`}>
              <h2>{flow.name}</h2>
              <code className="muted small">{flow.id}</code>
              {flow.description && <p className="muted small">{flow.description}</p>}
            </a>
            <div className="card-foot">
              <span className={flow.publishedVersion ? 'pill pill-live' : 'pill'}>
                {flow.publishedVersion ? t('flows.published', { version: flow.publishedVersion }) : t('flows.draft')}
              </span>
              <span className="muted small">{t('flows.updated', { when: formatWhen(flow.updatedAt) })}</span>
              <span className="card-actions">
                <button
                  type="button"
                  className="icon-button"
                  title={t('flows.duplicate')}
                  aria-label={t('flows.duplicate')}
                  onClick={() => void duplicate(flow)}
                >
                  <Icon name="dup" size={15} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  title={t('flows.export')}
                  aria-label={t('flows.export')}
                  onClick={() => void act(async () => download(`${flow.id}.json`, await flowsApi.exportJson(flow.id)))}
                >
                  <Icon name="download" size={15} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  title={t('common.delete')}
                  aria-label={t('common.delete')}
                  onClick={() => void remove(flow)}
                >
                  <Icon name="trash" size={15} />
                </button>
              </span>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
