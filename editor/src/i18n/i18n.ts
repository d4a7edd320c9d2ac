import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { en, type MessageKey } from './en.js';
import { zh } from './zh.js';

export type Language = 'en' | 'zh';
export type { MessageKey };

const STORAGE_KEY = 'tailor.language';
const dictionaries: Record<Language, Record<MessageKey, string>> = { en, zh };

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh') return stored;
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return browser.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const languageStore = createStore<LanguageState>()((set) => ({
  language: initialLanguage(),
  setLanguage: (language) => {
    localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    set({ language });
  },
}));

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The translate function of the current language; components re-render when it changes. */
export function useT(): Translate {
  const language = useStore(languageStore, (s) => s.language);
  return (key, params) => translate(language, key, params);
}

export function useLanguage(): Language {
  return useStore(languageStore, (s) => s.language);
}

/** Picks the analyst's language out of a `{ en, zh }` text from the catalogue. */
export function useLocalized(): (text: { en: string; zh: string } | undefined) => string {
  const language = useLanguage();
  return (text) => (text ? text[language] || text.en : '');
}
