import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n.js';
import { ErrorNote } from '../../ui/error-note.js';
import { type RetentionState, retentionApi } from './retention-api.js';

/** The settings page's section on runs: how many days runs are kept before they are deleted. */
export function RetentionSettings() {
  const t = useT();
  const [state, setState] = useState<RetentionState | null>(null);
  const [draft, setDraft] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    retentionApi
      .get()
      .then((loaded) => {
        setState(loaded);
        setDraft(loaded.days === null ? '' : String(loaded.days));
      })
      .catch(setError);
  }, []);

  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      const days = draft.trim() === '' ? null : Number(draft);
      const next = await retentionApi.set(days);
      setState(next);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  };

  const effective = state?.effectiveDays ?? 0;
  return (
    <form
      className="panel-card"
      aria-labelledby="retention-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="retention-title">{t('retention.title')}</h2>
      <p className="muted small">{t('retention.hint')}</p>
      <label className="field-label" htmlFor="retention-days">
        {t('retention.days')}
      </label>
      <input
        id="retention-days"
        className="input"
        type="number"
        min={0}
        step={1}
        inputMode="numeric"
        value={draft}
        placeholder={state?.envDays ? String(state.envDays) : t('retention.forever')}
        onChange={(e) => {
          setDraft(e.target.value);
          setSaved(false);
        }}
      />
      <p className="muted small" data-testid="retention-effective">
        {effective > 0 ? t('retention.effective', { days: effective }) : t('retention.keepForever')}
        {state?.days === null && state.envDays !== null ? ` ${t('retention.fromEnv')}` : ''}
      </p>
      {state?.lastSweep ? (
        <p className="muted small">
          {t('retention.lastSweep', {
            at: new Date(state.lastSweep.at).toLocaleString(),
            count: state.lastSweep.deleted,
          })}
        </p>
      ) : null}
      <ErrorNote error={error} />
      <button type="submit" className="button button-primary">
        {saved ? t('retention.saved') : t('common.save')}
      </button>
    </form>
  );
}
