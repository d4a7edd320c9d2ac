import './price-settings.css';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { type PriceTables, priceSettingsApi } from '../api/settings.js';
import { useT } from '../i18n/i18n.js';
import { ErrorNote } from '../ui/error-note.js';

const EXAMPLE = { currency: 'USD', models: { 'openai/gpt-4o-mini': { input: 0.15, output: 0.6 } } };

/** The draft as JSON, or why it is not JSON yet (checked as the admin types; the server checks the rest). */
export function readPriceDraft(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The server's 400 problems as lines ("models.qwen/x.input: Too small…"). */
export function problemLines(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.problems)) return [];
  return error.problems.flatMap((problem: unknown) =>
    typeof problem === 'object' && problem !== null && 'message' in problem ? [String(problem.message)] : [],
  );
}

/** What the textarea starts from: the saved table, or an example to edit. */
function draftOf(tables: PriceTables): string {
  return JSON.stringify(tables.override ?? EXAMPLE, null, 2);
}

/** The settings page's section on model prices: the admin's table over the shipped one. */
export function PriceSettings() {
  const t = useT();
  const [tables, setTables] = useState<PriceTables | null>(null);
  const [draft, setDraft] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const show = (loaded: PriceTables) => {
    setTables(loaded);
    setDraft(draftOf(loaded));
  };
  useEffect(() => {
    priceSettingsApi
      .get()
      .then((loaded) => {
        setTables(loaded);
        setDraft(draftOf(loaded));
      })
      .catch(setError);
  }, []);

  const parsed = readPriceDraft(draft);
  const problems = problemLines(error);
  const run = async (action: () => Promise<PriceTables>) => {
    setError(null);
    setSaved(false);
    try {
      show(await action());
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <form
      className="panel-card"
      aria-labelledby="prices-title"
      data-testid="price-settings"
      onSubmit={(event) => {
        event.preventDefault();
        if (parsed.ok) void run(() => priceSettingsApi.save(parsed.value));
      }}
    >
      <h2 id="prices-title">{t('prices.title')}</h2>
      <p className="muted small">{t('prices.hint')}</p>
      <label className="field-label" htmlFor="prices-table">
        {t('prices.table')}
      </label>
      <textarea
        id="prices-table"
        className={parsed.ok && problems.length === 0 ? 'input mono' : 'input mono is-invalid'}
        rows={10}
        spellCheck={false}
        value={draft}
        aria-describedby="prices-status"
        onChange={(event) => {
          setDraft(event.target.value);
          setSaved(false);
        }}
      />
      <div id="prices-status" aria-live="polite">
        {!parsed.ok && (
          <p className="field-problem" role="alert">
            {t('prices.notJson', { message: parsed.message })}
          </p>
        )}
        {problems.length > 0 && (
          <div role="alert" data-testid="price-problems">
            <p className="field-problem">{t('prices.problems')}</p>
            <ul className="price-problems">
              {problems.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {problems.length === 0 && <ErrorNote error={error} />}
      {tables && (
        <details>
          <summary className="muted small" data-testid="prices-effective">
            {t('prices.effective', {
              count: Object.keys(tables.effective.models).length,
              currency: tables.effective.currency,
            })}{' '}
            {t('prices.showEffective')}
          </summary>
          <pre className="mono small">{JSON.stringify(tables.effective, null, 2)}</pre>
        </details>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={!parsed.ok}>
          {saved ? t('prices.saved') : t('common.save')}
        </button>
        {tables?.override && (
          <button type="button" className="button" onClick={() => void run(() => priceSettingsApi.clear())}>
            {t('prices.reset')}
          </button>
        )}
      </div>
    </form>
  );
}
