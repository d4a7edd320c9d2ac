import { useCallback, useEffect, useState } from 'react';
import { keysApi } from '../../api/admin.js';
import { ApiError } from '../../api/client.js';
import { flowsApi } from '../../api/flows.js';
import type { FlowVersion } from '../../api/schemas.js';
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { saveNow } from '../../state/autosave.js';
import { flowStore, useFlow } from '../../state/flow-store.js';
import { Dialog } from '../../ui/dialog.js';
import { ErrorNote } from '../../ui/error-note.js';
import { inputFieldsOf } from '../run/inputs-form.js';
import { ApiExamples } from './api-examples.js';
import { VersionList } from './version-list.js';

function ApiKeyMaker({ flowId, onKey }: { flowId: string; onKey(key: string): void }) {
  const t = useT();
  const [origins, setOrigins] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const create = async () => {
    setError(null);
    try {
      const list = origins
        .split('\n')
        .map((o) => o.trim())
        .filter(Boolean);
      const key = await keysApi.create({ flowId, origins: list });
      if (key.key) {
        setCreated(key.key);
        onKey(key.key);
      }
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section className="section">
      <h3>{t('publish.createKey')}</h3>
      {created ? (
        <p className="key-once" data-testid="created-key">
          <code>{created}</code>
          <span className="muted small">{t('publish.keyOnce')}</span>
        </p>
      ) : (
        <>
          <label className="field-label" htmlFor="key-origins">
            {t('publish.origins')}
          </label>
          <textarea
            id="key-origins"
            className="input"
            rows={2}
            value={origins}
            placeholder="https://www.example.com"
            onChange={(e) => setOrigins(e.target.value)}
          />
          <button type="button" className="button" onClick={() => void create()} data-testid="create-key">
            {t('publish.createKey')}
          </button>
        </>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

/** Publish the draft as a version, manage versions, create a key and copy ready-made calls. */
export function PublishDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const doc = useFlow((s) => s.doc);
  const [note, setNote] = useState('');
  const [versions, setVersions] = useState<FlowVersion[] | null>(null);
  const [live, setLive] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [key, setKey] = useState<string | null>(null);
  const flowId = doc?.id ?? '';

  const refresh = useCallback(async () => {
    if (!flowId) return;
    const [list, flow] = await Promise.all([flowsApi.versions(flowId), flowsApi.get(flowId)]);
    setVersions([...list].sort((a, b) => b.version - a.version));
    setLive(flow.publishedVersion ?? null);
  }, [flowId]);

  useEffect(() => void refresh().catch(setError), [refresh]);

  const publish = async () => {
    setError(null);
    try {
      await saveNow();
      const version = await flowsApi.publish(flowId, note.trim());
      setMessage(t('publish.published', { version: version.version }));
      setNote('');
      await refresh();
    } catch (caught) {
      setError(caught);
    }
  };

  const rollback = async (version: number) => {
    setError(null);
    try {
      await flowsApi.rollback(flowId, version);
      const latest = await flowsApi.get(flowId);
      flowStore.getState().load(latest.document, latest.revision);
      await refresh();
    } catch (caught) {
      setError(caught);
    }
  };

  if (!doc) return null;
  const inputs = Object.fromEntries(
    inputFieldsOf(doc.nodes.find((n) => n.type === 'input')?.config).map((f) => [
      f.name,
      f.type === 'string' ? 'Hello' : (f.default ?? null),
    ]),
  );
  return (
    <Dialog title={t('publish.title')} onClose={onClose} wide testId="publish-dialog">
      <div className="publish-grid">
        <div>
          <section className="section">
            <label className="field-label" htmlFor="publish-note">
              {t('publish.note')}
            </label>
            <textarea
              id="publish-note"
              className="input"
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <button
              type="button"
              className="button button-primary"
              onClick={() => void publish()}
              data-testid="publish-submit"
            >
              {t('publish.submit')}
            </button>
            {message && (
              <p className="success-note" role="status">
                {message}
              </p>
            )}
            {error instanceof ApiError && error.status === 409 ? (
              // The evaluation gate refused: say why, and where to evaluate or change the gate.
              <p className="error-note" role="alert" data-testid="publish-gate">
                <strong>{t('publish.gateBlocked')}</strong> {error.message}{' '}
                <a href={href({ page: 'evaluation', view: { kind: 'flow', flowId } })}>{t('publish.gateOpen')}</a>
              </p>
            ) : (
              <ErrorNote error={error} />
            )}
          </section>
          <VersionList flowId={flowId} versions={versions} live={live} onRollback={(v) => void rollback(v)} />
          <ApiKeyMaker flowId={flowId} onKey={setKey} />
        </div>
        <ApiExamples
          input={{
            origin: window.location.origin,
            flowId,
            key: key ?? 'tk_YOUR_KEY',
            inputs,
            chat: !!doc.settings?.chat,
          }}
          hasKey={key !== null}
        />
      </div>
    </Dialog>
  );
}
