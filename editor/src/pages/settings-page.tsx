import { useStore } from 'zustand';
import { languageStore, useT } from '../i18n/i18n.js';
import { PageHeader } from './page-header.js';
import { PriceSettings } from './price-settings.js';
import { RetentionSettings } from './runs/retention-settings.js';

export default function SettingsPage() {
  const t = useT();
  const language = useStore(languageStore, (s) => s.language);
  return (
    <div className="page page-narrow">
      <PageHeader title={t('settings.title')} />
      <section className="panel-card">
        <h2>{t('settings.language')}</h2>
        <p className="muted small">{t('settings.languageHint')}</p>
        <fieldset className="segmented" aria-label={t('settings.language')}>
          {(['en', 'zh'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={language === option}
              className={language === option ? 'is-active' : ''}
              onClick={() => languageStore.getState().setLanguage(option)}
            >
              {option === 'en' ? 'English' : '简体中文'}
            </button>
          ))}
        </fieldset>
      </section>
      <RetentionSettings />
      <PriceSettings />
      <section className="panel-card">
        <h2>{t('settings.about')}</h2>
        <p className="muted small">Tailor · 量体裁衣 — self-hosted low-code builder for LLM workflows.</p>
      </section>
    </div>
  );
}
