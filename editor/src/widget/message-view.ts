import type { Source } from './answer.js';
import type { LiveMessage } from './chat-session.js';
import { el } from './dom.js';
import type { Strings } from './i18n.js';
import { renderMarkdown } from './markdown.js';

export interface MessageActions {
  retry(message: LiveMessage): void;
}

function sourcesView(doc: Document, sources: Source[], strings: Strings): HTMLElement {
  const list = el(
    doc,
    'div',
    { class: 'sources', role: 'group', 'aria-label': strings.sources },
    el(doc, 'span', {}, strings.sourcesLabel),
  );
  for (const source of sources) {
    list.appendChild(
      source.url
        ? el(
            doc,
            'a',
            {
              class: 'chip',
              href: source.url,
              target: '_blank',
              rel: 'noopener noreferrer nofollow',
              title: source.title,
            },
            source.title,
          )
        : el(doc, 'span', { class: 'chip', title: source.title }, source.title),
    );
  }
  return list;
}

function problemText(code: string | undefined, strings: Strings): string {
  if (code === 'NETWORK') return strings.unreachable;
  if (code === 'FORBIDDEN') return strings.refused;
  if (code === 'RATE_LIMITED') return strings.busy;
  if (code === 'AUTH_REQUIRED') return strings.signIn;
  if (code === 'FLOW_NOT_PUBLISHED' || code === 'NOT_FOUND') return strings.unavailable;
  return strings.failed;
}

function noteView(doc: Document, message: LiveMessage, strings: Strings, actions: MessageActions): HTMLElement {
  const stopped = message.state === 'stopped';
  const again = el(doc, 'button', { type: 'button', class: 'link' }, strings.retry);
  again.addEventListener('click', () => actions.retry(message));
  return el(
    doc,
    'div',
    { class: 'note', 'data-kind': message.state },
    stopped ? strings.stopped : problemText(message.errorCode, strings),
    message.question !== undefined && again,
  );
}

/** Fills a message's element from its current state; called again as the answer streams in. */
export function renderMessage(
  element: HTMLElement,
  message: LiveMessage,
  strings: Strings,
  actions: MessageActions,
): void {
  const doc = element.ownerDocument;
  const assistant = message.role === 'assistant';
  element.classList.add('msg');
  element.dataset.role = message.role;
  element.dataset.state = message.state;
  element.dataset.testid = 'widget-message';
  element.setAttribute('aria-busy', String(message.state === 'waiting' || message.state === 'streaming'));
  const body = el(doc, 'div', { class: 'body' });
  if (message.state === 'waiting') {
    body.append(
      el(
        doc,
        'span',
        { class: 'dots', role: 'img', 'aria-label': strings.thinking },
        el(doc, 'i'),
        el(doc, 'i'),
        el(doc, 'i'),
      ),
    );
  } else if (assistant) {
    body.appendChild(renderMarkdown(message.text, doc));
  } else {
    body.textContent = message.text;
  }
  element.replaceChildren(el(doc, 'span', { class: 'sr' }, `${assistant ? strings.assistant : strings.you}: `), body);
  if (message.state === 'done' && message.sources?.length)
    element.appendChild(sourcesView(doc, message.sources, strings));
  if (message.state === 'failed' || message.state === 'stopped')
    element.appendChild(noteView(doc, message, strings, actions));
  if (message.state === 'failed' && !message.text) body.hidden = true;
}
