import { safeImageUrl } from './safe-url.js';

/** Colours and shape, written as the `--tailor-*` CSS variables of the same names. */
export const THEME_KEYS = ['primary', 'onPrimary', 'background', 'surface', 'text', 'radius', 'font'] as const;
export type ThemeKey = (typeof THEME_KEYS)[number];
export type Theme = Partial<Record<ThemeKey, string>>;

/** What the widget shows, merged from the flow's widget settings and the element's attributes. */
export interface WidgetConfig {
  title?: string;
  greeting?: string;
  placeholder?: string;
  suggestions: string[];
  avatar?: string;
  position: 'bottom-right' | 'bottom-left';
  /** Light (default), dark, or following the visitor's system setting. */
  appearance?: 'light' | 'dark' | 'auto';
  lang?: string;
  theme: Theme;
  /** The flow answers signed-in visitors only (the page must pass `user-token`). */
  identityRequired?: boolean;
}

type Bag = Record<string, unknown>;

/** `onPrimary` → `on-primary`, as attribute and CSS variable names are written. */
export const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function str(value: unknown, max = 500): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}

// A CSS value that cannot leave its declaration or fetch anything: a hex colour, one colour
// function without nesting, or plain words (names, lengths, font families).
const CSS_VALUE = /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\([^;{}()]*\)|[a-z0-9 .,%"'-]+)$/i;

function theme(value: unknown): Theme {
  const source = typeof value === 'object' && value !== null ? (value as Bag) : {};
  const out: Theme = {};
  for (const key of THEME_KEYS) {
    const v = str(source[key], 200);
    if (v && CSS_VALUE.test(v)) out[key] = v;
  }
  return out;
}

function readAppearance(value: unknown): WidgetConfig['appearance'] {
  return value === 'light' || value === 'dark' || value === 'auto' ? value : undefined;
}

/** Reads the config endpoint's answer (`GET /v1/widget/:flow/config`), keeping only well-formed fields. */
export function readRemoteConfig(value: unknown, server: string): Partial<WidgetConfig> {
  const source = typeof value === 'object' && value !== null ? (value as Bag) : {};
  const questions = Array.isArray(source.suggestedQuestions) ? source.suggestedQuestions : [];
  const config: Partial<WidgetConfig> = {
    suggestions: questions.flatMap((q) => str(q, 200) ?? []).slice(0, 6),
    theme: theme(source.theme),
  };
  const title = str(source.title, 100);
  const greeting = str(source.greeting, 2000);
  const placeholder = str(source.placeholder, 100);
  const avatar = safeImageUrl(str(source.avatar, 100_000), server);
  const lang = str(source.lang, 20);
  if (title) config.title = title;
  if (greeting) config.greeting = greeting;
  if (placeholder) config.placeholder = placeholder;
  if (avatar) config.avatar = avatar;
  if (lang) config.lang = lang;
  if (source.position === 'bottom-left' || source.position === 'bottom-right') config.position = source.position;
  if (source.identityRequired === true) config.identityRequired = true;
  const appearance = readAppearance(source.appearance);
  if (appearance) config.appearance = appearance;
  return config;
}

/** Reads the element's attributes; `suggestions` are separated by `|`. */
export function readAttributes(element: Element): Partial<WidgetConfig> {
  const get = (name: string) => str(element.getAttribute(name), 2000);
  const config: Partial<WidgetConfig> = {
    theme: theme({
      ...Object.fromEntries(THEME_KEYS.map((k) => [k, get(`theme-${kebab(k)}`)])),
      primary: get('theme-primary') ?? get('color'),
    }),
  };
  const suggestions = get('suggestions');
  if (suggestions)
    config.suggestions = suggestions
      .split('|')
      .flatMap((q) => str(q, 200) ?? [])
      .slice(0, 6);
  // `title` would give the whole widget a browser tooltip, hence `chat-title`.
  for (const [name, attribute] of [['title', 'chat-title'], ['greeting'], ['placeholder'], ['lang']] as const) {
    const value = get(attribute ?? name);
    if (value) config[name] = value;
  }
  const avatar = safeImageUrl(get('avatar'), document.baseURI);
  if (avatar) config.avatar = avatar;
  const position = get('position');
  if (position === 'bottom-left' || position === 'bottom-right') config.position = position;
  const appearance = readAppearance(get('appearance'));
  if (appearance) config.appearance = appearance;
  return config;
}

/** Attributes win over the flow's settings, field by field (theme colour by colour). */
export function mergeConfig(remote: Partial<WidgetConfig>, local: Partial<WidgetConfig>): WidgetConfig {
  const suggestions = local.suggestions ?? remote.suggestions ?? [];
  return {
    ...remote,
    ...local,
    suggestions,
    position: local.position ?? remote.position ?? 'bottom-right',
    theme: { ...remote.theme, ...local.theme },
  };
}

/** The theme as a `:host` rule; the page's own `tailor-chat { --tailor-…: … }` rules still win over it. */
export function themeRule(theme: Theme): string {
  const declarations = Object.entries(theme).map(([key, value]) => `--tailor-${kebab(key)}:${value}`);
  return declarations.length ? `:host{${declarations.join(';')}}` : '';
}
