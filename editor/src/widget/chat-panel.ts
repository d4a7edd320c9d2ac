import { el } from './dom.js';
import type { Strings } from './i18n.js';
import { icon } from './icons.js';
import { renderMarkdown } from './markdown.js';
import { addStyles, type StyleSlot } from './shadow-styles.js';
import { STYLES } from './styles.js';
import type { WidgetConfig } from './widget-config.js';

/** The widget's DOM, built once per element; the element wires behaviour to these parts. */
export interface PanelParts {
  theme: StyleSlot;
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  avatar: HTMLElement;
  title: HTMLElement;
  status: HTMLElement;
  reset: HTMLButtonElement;
  close: HTMLButtonElement;
  log: HTMLElement;
  greeting: HTMLElement;
  suggestions: HTMLElement;
  banner: HTMLElement;
  bannerText: HTMLElement;
  retryNow: HTMLButtonElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  live: HTMLElement;
  foot: HTMLElement;
}

const PANEL_ID = 'tailor-chat-panel';

export function buildPanel(shadow: ShadowRoot): PanelParts {
  const doc = shadow.ownerDocument;
  const button = (cls: string, testid?: string) =>
    el(doc, 'button', { type: 'button', class: cls, 'data-testid': testid });
  addStyles(shadow, STYLES);
  const parts: PanelParts = {
    theme: addStyles(shadow, ''),
    launcher: button('launcher', 'widget-launcher'),
    panel: el(doc, 'section', { class: 'panel', id: PANEL_ID, role: 'dialog' }),
    avatar: el(doc, 'div', { class: 'avatar', 'aria-hidden': 'true' }),
    title: el(doc, 'h2', { class: 'title', id: 'tailor-chat-title' }),
    status: el(doc, 'div', { class: 'status', 'data-kind': 'ready' }),
    reset: button('icon', 'widget-reset'),
    close: button('icon', 'widget-close'),
    // A log is polite by default, which would read every streamed piece; the live region below
    // speaks the finished answer instead.
    log: el(doc, 'div', {
      class: 'log',
      role: 'log',
      'aria-live': 'off',
      'aria-labelledby': 'tailor-chat-title',
      tabindex: '-1',
    }),
    greeting: el(doc, 'div', { class: 'msg', 'data-role': 'assistant', 'data-testid': 'widget-greeting' }),
    suggestions: el(doc, 'div', { class: 'suggest', role: 'group' }),
    banner: el(doc, 'div', { class: 'banner', hidden: '' }),
    bannerText: el(doc, 'span'),
    retryNow: button('link', 'widget-retry-now'),
    input: el(doc, 'textarea', { rows: '1', maxlength: '4000', 'data-testid': 'widget-input', enterkeyhint: 'send' }),
    send: button('send', 'widget-send'),
    live: el(doc, 'div', { class: 'sr', 'aria-live': 'polite', 'aria-atomic': 'true' }),
    foot: el(doc, 'div', { class: 'foot' }),
  };
  parts.launcher.setAttribute('aria-controls', PANEL_ID);
  parts.panel.setAttribute('aria-labelledby', 'tailor-chat-title');
  parts.reset.appendChild(icon(doc, 'reset', 18));
  parts.close.appendChild(icon(doc, 'close'));
  parts.banner.append(parts.bannerText, parts.retryNow);
  parts.log.append(parts.greeting, parts.suggestions);
  parts.panel.append(
    el(
      doc,
      'header',
      { class: 'head' },
      parts.avatar,
      el(doc, 'div', { class: 'who' }, parts.title, parts.status),
      parts.reset,
      parts.close,
    ),
    parts.log,
    parts.banner,
    el(doc, 'form', { class: 'composer' }, el(doc, 'div', { class: 'field' }, parts.input), parts.send),
    parts.foot,
    parts.live,
  );
  shadow.append(parts.panel, parts.launcher);
  return parts;
}

function setLabel(element: HTMLElement, label: string): void {
  element.setAttribute('aria-label', label);
  element.title = label;
}

/** Writes every visible word: called on start, when the flow's settings arrive and when `lang` changes. */
export function applyTexts(
  parts: PanelParts,
  strings: Strings,
  config: WidgetConfig,
  state: { open: boolean; signedIn: boolean },
): void {
  const { open, signedIn } = state;
  const doc = parts.panel.ownerDocument;
  const title = config.title ?? strings.title;
  parts.title.textContent = title;
  parts.avatar.replaceChildren(
    config.avatar
      ? el(doc, 'img', { src: config.avatar, alt: '', referrerpolicy: 'no-referrer' })
      : title.slice(0, 1).toUpperCase(),
  );
  const greeting = el(doc, 'div', { class: 'body' });
  greeting.appendChild(renderMarkdown(config.greeting ?? strings.greeting, doc));
  parts.greeting.replaceChildren(greeting);
  parts.suggestions.setAttribute('aria-label', strings.suggestions);
  parts.suggestions.replaceChildren(
    ...config.suggestions.map((question) =>
      el(doc, 'button', { type: 'button', 'data-testid': 'widget-suggestion' }, question),
    ),
  );
  // A flow for signed-in visitors only, on a page that passed no identity: say so up front.
  const locked = config.identityRequired === true && !signedIn;
  parts.input.disabled = locked;
  parts.input.placeholder = locked ? strings.signIn : (config.placeholder ?? strings.placeholder);
  setLabel(parts.input, parts.input.placeholder);
  setLabel(parts.reset, strings.reset);
  setLabel(parts.close, strings.close);
  parts.retryNow.textContent = strings.retryNow;
  parts.foot.textContent = strings.poweredBy;
  showOpen(parts, strings, open);
}

/** The launcher's icon, label and state follow whether the bubble is open. */
export function showOpen(parts: PanelParts, strings: Strings, open: boolean): void {
  setLabel(parts.launcher, open ? strings.close : strings.open);
  parts.launcher.setAttribute('aria-expanded', String(open));
  parts.launcher.replaceChildren(icon(parts.launcher.ownerDocument, open ? 'down' : 'chat', 26));
}

/** The send button doubles as the stop button while an answer streams. */
export function showBusy(parts: PanelParts, strings: Strings, busy: boolean): void {
  setLabel(parts.send, busy ? strings.stop : strings.send);
  parts.send.replaceChildren(icon(parts.send.ownerDocument, busy ? 'stop' : 'send', busy ? 16 : 20));
  parts.send.dataset.busy = String(busy);
  parts.send.disabled = !busy && !parts.input.value.trim();
}
