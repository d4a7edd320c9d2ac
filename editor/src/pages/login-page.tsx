import { useState } from 'react';
import { authApi } from '../api/auth.js';
import { useT } from '../i18n/i18n.js';
import { ErrorNote } from '../ui/error-note.js';

/** Sign in, or on the very first start choose the admin password. */
export default function LoginPage({ setup, onDone }: { setup: boolean; onDone(): void }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (setup) await authApi.setup(password);
      else await authApi.login(password);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form
        className="login-card"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="brand brand-large">
          <span className="brand-mark">T</span> Tailor
        </div>
        <h1>{setup ? t('login.setupTitle') : t('login.title')}</h1>
        {setup && <p className="muted">{t('login.setupHint')}</p>}
        <label className="field-label" htmlFor="password">
          {t('login.password')}
        </label>
        <input
          id="password"
          type="password"
          className="input"
          value={password}
          autoComplete={setup ? 'new-password' : 'current-password'}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="password"
        />
        <button
          type="submit"
          className="button button-primary button-wide"
          disabled={busy || password === ''}
          data-testid="login-submit"
        >
          {setup ? t('login.setupSubmit') : t('login.submit')}
        </button>
        <ErrorNote error={error} />
      </form>
    </main>
  );
}
