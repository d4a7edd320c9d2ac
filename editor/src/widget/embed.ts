import { TailorChatElement } from './chat-element.js';

/**
 * The entry of `widget.js`. It defines `<tailor-chat>`; when loaded by a script tag with
 * `data-flow`, it also adds the floating chat bubble, copying the tag's `data-*` settings.
 */

/** `data-*` names of the script tag and the attributes they become. */
const FORWARDED: ReadonlyArray<[string, string]> = [
  ['flow', 'flow'],
  ['key', 'key'],
  ['server', 'server'],
  ['title', 'chat-title'],
  ['greeting', 'greeting'],
  ['placeholder', 'placeholder'],
  ['suggestions', 'suggestions'],
  ['avatar', 'avatar'],
  ['position', 'position'],
  ['appearance', 'appearance'],
  ['lang', 'lang'],
  ['color', 'color'],
  ['userToken', 'user-token'],
  ['open', 'open'],
];

function mountBubble(script: HTMLScriptElement): void {
  const chat = document.createElement('tailor-chat');
  chat.setAttribute('mode', 'bubble');
  chat.setAttribute('server', new URL(script.src, document.baseURI).origin);
  for (const [data, attribute] of FORWARDED) {
    const value = script.dataset[data];
    if (value !== undefined) chat.setAttribute(attribute, value);
  }
  document.body.appendChild(chat);
}

if (!customElements.get('tailor-chat')) customElements.define('tailor-chat', TailorChatElement);

const script = document.currentScript as HTMLScriptElement | null;
if (script?.dataset.flow) {
  if (document.body) mountBubble(script);
  else document.addEventListener('DOMContentLoaded', () => mountBubble(script), { once: true });
}
