import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import { type AuthStatus, authApi } from './api/auth.js';
import { setUnauthorizedHandler } from './api/client.js';
import { languageStore, type MessageKey, useLanguage, useT } from './i18n/i18n.js';
import { href, type Route, useRoute } from './router.js';
import { ErrorNote } from './ui/error-note.js';
import { Icon, type IconName } from './ui/icon.js';

// Every page is its own chunk: the first paint carries only the shell.
const FlowsPage = lazy(() => import('./pages/flows-page.js'));
const EditorPage = lazy(() => import('./pages/editor-page.js'));
const KnowledgePage = lazy(() => import('./pages/knowledge-page.js'));
const CredentialsPage = lazy(() => import('./pages/credentials-page.js'));
const KeysPage = lazy(() => import('./pages/keys-page.js'));
const RunsPage = lazy(() => import('./pages/runs/runs-page.js'));
const SettingsPage = lazy(() => import('./pages/settings-page.js'));
const EvaluationPage = lazy(() => import('./pages/evaluation/evaluation-page.js'));
const LoginPage = lazy(() => import('./pages/login-page.js'));

const NAV: { page: Route['page']; label: MessageKey; icon: IconName }[] = [
  { page: 'flows', label: 'nav.flows', icon: 'flows' },
  { page: 'runs', label: 'nav.runs', icon: 'activity' },
  { page: 'evaluation', label: 'nav.evaluation', icon: 'check' },
  { page: 'knowledge', label: 'nav.knowledge', icon: 'knowledge' },
  { page: 'credentials', label: 'nav.credentials', icon: 'lock' },
  { page: 'keys', label: 'nav.keys', icon: 'key' },
  { page: 'settings', label: 'nav.settings', icon: 'settings' },
];

function Rail({ route, onLogout }: { route: Route; onLogout(): void }) {
  const t = useT();
  const language = useLanguage();
  const current = route.page === 'editor' ? 'flows' : route.page;
  return (
    <nav className="rail" aria-label="Tailor">
      <a className="brand" href={href({ page: 'flows' })} aria-label="Tailor">
        <span className="brand-mark">T</span>
      </a>
      {NAV.map((item) => (
        <a
          key={item.page}
          href={`#/${item.page}`}
          className={current === item.page ? 'rail-item is-active' : 'rail-item'}
          aria-current={current === item.page ? 'page' : undefined}
          title={t(item.label)}
        >
          <Icon name={item.icon} size={18} />
          <span>{t(item.label)}</span>
        </a>
      ))}
      <div className="rail-bottom">
        <button
          type="button"
          className="rail-item"
          onClick={() => languageStore.getState().setLanguage(language === 'zh' ? 'en' : 'zh')}
          title={t('settings.language')}
          // Its name is its mark (EN / 中), the language it switches to: spoken in that language.
          lang={language === 'zh' ? 'en' : 'zh-CN'}
          data-testid="language-toggle"
        >
          <span className="lang-mark">{language === 'zh' ? 'EN' : '中'}</span>
        </button>
        <button type="button" className="rail-item" onClick={onLogout} title={t('nav.logout')}>
          <Icon name="back" size={18} />
          <span>{t('nav.logout')}</span>
        </button>
      </div>
    </nav>
  );
}

function Page({ route }: { route: Route }): ReactNode {
  switch (route.page) {
    case 'editor':
      return <EditorPage flowId={route.flowId} />;
    case 'knowledge':
      return <KnowledgePage />;
    case 'credentials':
      return <CredentialsPage />;
    case 'keys':
      return <KeysPage />;
    case 'runs':
      return <RunsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'evaluation':
      return <EvaluationPage />;
    default:
      return <FlowsPage />;
  }
}

/** Checks the session, then shows the login page or the app shell with the routed page. */
export function App() {
  const t = useT();
  const route = useRoute();
  const [auth, setAuth] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const check = useCallback(() => authApi.status().then(setAuth).catch(setError), []);
  useEffect(() => {
    setUnauthorizedHandler(() => setAuth((current) => (current ? { ...current, loggedIn: false } : current)));
    void check();
  }, [check]);
  useEffect(() => {
    document.documentElement.lang = languageStore.getState().language === 'zh' ? 'zh-CN' : 'en';
  }, []);

  if (error)
    return (
      <main className="page">
        <ErrorNote error={error} />
      </main>
    );
  if (!auth) return <main className="page muted">{t('common.loading')}</main>;
  return (
    <Suspense fallback={<main className="page muted">{t('common.loading')}</main>}>
      {!auth.loggedIn ? (
        <LoginPage setup={auth.setupNeeded} onDone={() => void check()} />
      ) : (
        <div className="shell">
          <Rail route={route} onLogout={() => void authApi.logout().finally(() => void check())} />
          <main className="shell-main">
            <Page route={route} />
          </main>
        </div>
      )}
    </Suspense>
  );
}
