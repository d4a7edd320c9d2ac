import { useCallback, useEffect, useState } from 'react';
import { keysApi } from '../api/admin.js';
import { flowsApi } from '../api/flows.js';
import type { ApiKey, FlowSummary } from '../api/schemas.js';
import { useT } from '../i18n/i18n.js';
import { ErrorNote } from '../ui/error-note.js';
import { Icon } from '../ui/icon.js';
import { PageHeader } from './page-header.js';

/** API keys per flow: create (shown once), see where they may be used, revoke. */
export default function KeysPage() {
  const t = useT();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [flowId, setFlowId] = useState('');
  const [origins, setOrigins] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = useCallback(() => keysApi.list().then(setKeys).catch(setError), []);
  useEffect(() => {
    void refresh();
    flowsApi
      .list()
      .then((list) => {
        setFlows(list);
        setFlowId((current) => current || list[0]?.id || '');
      })
      .catch(setError);
  }, [refresh]);

  const create = async () => {
    setError(null);
    try {
      const key = await keysApi.create({
        flowId,
        origins: origins
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
      });
      setCreated(key.key ?? null);
      await refresh();
    } catch (caught) {
      setError(caught);
    }
  };
  const remove = async (key: ApiKey) => {
    if (!window.confirm(t('common.confirmDelete', { name: key.prefix ?? key.id }))) return;
    await keysApi.remove(key.id).catch(setError);
    await refresh();
  };

  return (
    <div className="page">
      <PageHeader title={t('keys.title')} subtitle={t('keys.subtitle')} />
      <ErrorNote error={error} />
      <div className="two-col">
        <table className="table">
          <thead>
            <tr>
              <th>{t('keys.key')}</th>
              <th>{t('keys.flow')}</th>
              <th>{t('keys.origins')}</th>
              <th>
                <span className="visually-hidden">{t('common.delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys?.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t('common.empty')}
                </td>
              </tr>
            )}
            {keys?.map((key) => (
              <tr key={key.id}>
                <td className="mono">{key.prefix ? `${key.prefix}…` : key.id}</td>
                <td>
                  <code>{key.flowId ?? '*'}</code>
                </td>
                <td className="muted small">{(key.origins ?? []).join(', ') || '—'}</td>
                <td className="right">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('common.delete')}
                    onClick={() => void remove(key)}
                  >
                    <Icon name="trash" size={15} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form
          className="panel-card"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <h2>{t('keys.new')}</h2>
          <label className="field-label" htmlFor="key-flow">
            {t('keys.flow')}
          </label>
          <select id="key-flow" className="input" value={flowId} onChange={(e) => setFlowId(e.target.value)}>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          <label className="field-label" htmlFor="key-origins-page">
            {t('publish.origins')}
          </label>
          <textarea
            id="key-origins-page"
            className="input"
            rows={3}
            value={origins}
            onChange={(e) => setOrigins(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={!flowId}>
            {t('common.create')}
          </button>
          {created && (
            <p className="key-once">
              <code>{created}</code>
              <span className="muted small">{t('publish.keyOnce')}</span>
            </p>
          )}
        </form>
      </div>
    </div>
  );
}
