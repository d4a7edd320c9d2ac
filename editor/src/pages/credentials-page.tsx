import { useCallback, useEffect, useState } from 'react';
import { credentialsApi } from '../api/admin.js';
import type { Credential } from '../api/schemas.js';
import { useT } from '../i18n/i18n.js';
import { resourcesStore } from '../state/resources-store.js';
import { ErrorNote } from '../ui/error-note.js';
import { Icon } from '../ui/icon.js';
import { PageHeader } from './page-header.js';

const PROVIDERS = [
  'openai',
  'anthropic',
  'azure-openai',
  'deepseek',
  'qwen',
  'moonshot',
  'zhipu',
  'hunyuan',
  'ollama',
  'vllm',
  'tavily',
  'bing',
  'serpapi',
  'searxng',
  'http',
];

function masked(credential: Credential): string {
  return Object.values(credential.masked).join(' · ');
}

/** Provider keys and service secrets: write-only, listed masked. */
export default function CredentialsPage() {
  const t = useT();
  const [list, setList] = useState<Credential[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ id: '', provider: 'openai', apiKey: '', baseUrl: '' });
  const refresh = useCallback(() => credentialsApi.list().then(setList).catch(setError), []);
  useEffect(() => void refresh(), [refresh]);

  const create = async () => {
    setError(null);
    try {
      await credentialsApi.create({
        id: form.id || form.provider,
        kind: 'api-key',
        provider: form.provider,
        apiKey: form.apiKey,
        ...(form.baseUrl ? { baseUrl: form.baseUrl } : {}),
      });
      setForm({ id: '', provider: form.provider, apiKey: '', baseUrl: '' });
      await refresh();
      await resourcesStore.getState().loadCredentials(true);
    } catch (caught) {
      setError(caught);
    }
  };
  const remove = async (credential: Credential) => {
    if (!window.confirm(t('common.confirmDelete', { name: credential.id }))) return;
    await credentialsApi.remove(credential.id).catch(setError);
    await refresh();
  };

  return (
    <div className="page">
      <PageHeader title={t('credentials.title')} subtitle={t('credentials.subtitle')} />
      <ErrorNote error={error} />
      <div className="two-col">
        <table className="table">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('credentials.provider')}</th>
              <th>{t('credentials.secret')}</th>
              <th>
                <span className="visually-hidden">{t('common.delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list?.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t('common.empty')}
                </td>
              </tr>
            )}
            {list?.map((credential) => (
              <tr key={credential.id}>
                <td>
                  <code>{credential.id}</code>
                </td>
                <td>{credential.provider ?? credential.kind}</td>
                <td className="mono muted">{masked(credential)}</td>
                <td className="right">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('common.delete')}
                    onClick={() => void remove(credential)}
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
          <h2>{t('credentials.new')}</h2>
          <label className="field-label" htmlFor="cred-provider">
            {t('credentials.provider')}
          </label>
          <select
            id="cred-provider"
            className="input"
            value={form.provider}
            onChange={(e) => setForm({ ...form, provider: e.target.value })}
          >
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <label className="field-label" htmlFor="cred-id">
            {t('common.name')}
          </label>
          <input
            id="cred-id"
            className="input mono"
            value={form.id}
            placeholder={form.provider}
            onChange={(e) => setForm({ ...form, id: e.target.value })}
          />
          <label className="field-label" htmlFor="cred-secret">
            {t('credentials.secret')}
          </label>
          <input
            id="cred-secret"
            type="password"
            className="input"
            autoComplete="off"
            value={form.apiKey}
            onChange={(e) => setForm({ ...form, apiKey: e.target.value })}
          />
          <label className="field-label" htmlFor="cred-url">
            {t('credentials.baseUrl')}
          </label>
          <input
            id="cred-url"
            className="input"
            value={form.baseUrl}
            placeholder="https://api.openai.com/v1"
            onChange={(e) => setForm({ ...form, baseUrl: e.target.value })}
          />
          <button
            type="submit"
            className="button button-primary"
            disabled={form.apiKey === '' && form.provider !== 'ollama'}
          >
            {t('common.save')}
          </button>
        </form>
      </div>
    </div>
  );
}
