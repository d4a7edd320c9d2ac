import { applyTexts, buildPanel, type PanelParts, showBusy, showOpen } from './chat-panel.js';
import { ChatSession, type Connection, type LiveMessage } from './chat-session.js';
import { ConversationStore } from './conversation-store.js';
import { pickLanguage, type Strings, stringsFor } from './i18n.js';
import { renderMessage } from './message-view.js';
import { loadRemoteConfig } from './remote-config.js';
import { kebab, mergeConfig, readAttributes, THEME_KEYS, themeRule, type WidgetConfig } from './widget-config.js';

/** The server the widget script came from: the default for `server`. */
const SCRIPT_ORIGIN = (() => {
  try {
    const script = document.currentScript as HTMLScriptElement | null;
    return script?.src ? new URL(script.src).origin : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * `<tailor-chat flow="…" key="…" server="…">`: a chat with one published flow, inline (the
 * default, sized by the page) or as a floating bubble (`mode="bubble"`, what the script tag adds).
 */
export class TailorChatElement extends HTMLElement {
  static observedAttributes = [
    'chat-title',
    'greeting',
    'placeholder',
    'suggestions',
    'avatar',
    'position',
    'appearance',
    'lang',
    'color',
    'user-token',
    ...THEME_KEYS.map((key) => `theme-${kebab(key)}`),
  ];

  #parts: PanelParts | undefined;
  #session: ChatSession | undefined;
  #remote: Partial<WidgetConfig> = {};
  #config: WidgetConfig = mergeConfig({}, {});
  #strings: Strings = stringsFor('en');
  #views = new Map<number, HTMLElement>();
  #dirty = new Set<LiveMessage>();
  #announced = new Set<number>();
  /** Messages already on screen once: only new ones slide in, not restored or re-rendered ones. */
  #shown = new Set<number>();
  #connection: Connection = { kind: 'ready' };
  /** The server answered this page once (config or an answer): only then does it say "online". */
  #reachable = false;
  #frame = 0;

  get server(): string {
    return (this.getAttribute('server') ?? SCRIPT_ORIGIN ?? location.origin).replace(/\/+$/, '');
  }

  get bubble(): boolean {
    return this.getAttribute('mode') === 'bubble';
  }

  connectedCallback(): void {
    if (this.#parts) return;
    this.#parts = buildPanel(this.shadowRoot ?? this.attachShadow({ mode: 'open' }));
    const flow = this.getAttribute('flow') ?? '';
    const key = this.getAttribute('key') ?? '';
    if (!flow || !key)
      console.warn('<tailor-chat> needs the attributes flow and key (the widget key of a published flow).');
    this.#session = new ChatSession({
      server: this.server,
      flow,
      key,
      store: new ConversationStore(this.server, flow),
      userToken: () => this.getAttribute('user-token') ?? undefined,
      onMessage: (message) => this.#queue(message),
      onConnection: (connection) => this.#showConnection(connection),
    });
    for (const message of this.#session.messages) this.#shown.add(message.id);
    this.#wire(this.#parts);
    this.#applyConfig();
    this.#queue();
    if (this.bubble && (this.#session.open || this.hasAttribute('open'))) this.open(false);
    if (flow && key) {
      void loadRemoteConfig(this.server, flow, key).then((remote) => {
        this.#remote = remote ?? {};
        this.#reachable ||= remote !== undefined;
        this.#applyConfig();
      });
    }
  }

  attributeChangedCallback(): void {
    if (this.#parts) this.#applyConfig();
  }

  /** Opens the bubble and puts the cursor in the question box. */
  open(focus = true): void {
    this.toggleAttribute('data-open', true);
    this.#setOpen(true);
    if (focus) this.#parts?.input.focus();
  }

  close(): void {
    const hadFocus = this.shadowRoot?.activeElement !== null;
    this.toggleAttribute('data-open', false);
    this.#setOpen(false);
    if (hadFocus && this.bubble) this.#parts?.launcher.focus();
  }

  toggle(): void {
    if (this.hasAttribute('data-open')) this.close();
    else this.open();
  }

  /** Asks a question as if the visitor had typed it. */
  ask(question: string): Promise<void> {
    return this.#session?.ask(question) ?? Promise.resolve();
  }

  /** Forgets the conversation and starts a new session. */
  reset(): void {
    this.#session?.reset();
    this.#parts?.input.focus();
  }

  #setOpen(open: boolean): void {
    if (!this.#parts || !this.#session) return;
    showOpen(this.#parts, this.#strings, open);
    this.#session.open = open;
    this.#session.save();
    if (open) this.#scrollToEnd();
  }

  #applyConfig(): void {
    const parts = this.#parts;
    if (!parts) return;
    this.#config = mergeConfig(this.#remote, readAttributes(this));
    const language = pickLanguage(
      this.getAttribute('lang'),
      this.#config.lang,
      document.documentElement.lang,
      navigator.language,
    );
    this.#strings = stringsFor(language);
    parts.panel.lang = language === 'zh' ? 'zh-CN' : 'en';
    parts.theme.set(themeRule(this.#config.theme));
    this.dataset.position = this.#config.position;
    this.dataset.appearance = this.#config.appearance ?? 'light';
    parts.launcher.hidden = !this.bubble;
    parts.close.hidden = !this.bubble;
    parts.panel.setAttribute('aria-modal', 'false');
    applyTexts(parts, this.#strings, this.#config, {
      open: this.hasAttribute('data-open'),
      signedIn: this.hasAttribute('user-token'),
    });
    showBusy(parts, this.#strings, this.#session?.busy ?? false);
    this.#showConnection(this.#connection);
    this.#queue();
  }

  #wire(parts: PanelParts): void {
    parts.launcher.addEventListener('click', () => this.toggle());
    parts.close.addEventListener('click', () => this.close());
    parts.reset.addEventListener('click', () => this.reset());
    parts.retryNow.addEventListener('click', () => this.#session?.retryNow());
    parts.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.bubble) {
        event.stopPropagation();
        this.close();
      }
    });
    parts.suggestions.addEventListener('click', (event) => {
      const button = (event.target as Element).closest('button');
      if (!button?.textContent) return;
      // The suggestions hide once asked: keep the focus in the chat, on the question box.
      parts.input.focus();
      void this.ask(button.textContent);
    });
    parts.input.addEventListener('input', () => {
      parts.input.style.height = 'auto';
      parts.input.style.height = `${Math.min(parts.input.scrollHeight, 132)}px`;
      showBusy(parts, this.#strings, this.#session?.busy ?? false);
    });
    parts.input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter breaks the line; Enter that confirms an IME candidate (pinyin) does neither.
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
      event.preventDefault();
      parts.send.click();
    });
    parts.send.type = 'submit';
    parts.send.closest('form')?.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit(parts);
    });
  }

  #submit(parts: PanelParts): void {
    const session = this.#session;
    if (!session) return;
    if (session.busy) {
      session.stop();
      return;
    }
    const question = parts.input.value.trim();
    if (!question) return;
    parts.input.value = '';
    parts.input.style.height = 'auto';
    parts.input.focus();
    void session.ask(question);
  }

  /** Renders changed messages once per frame, however fast deltas arrive. */
  #queue(message?: LiveMessage): void {
    if (message) this.#dirty.add(message);
    else this.#views.clear();
    if (this.#frame) return;
    const schedule =
      typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f: () => void) => setTimeout(f, 16);
    this.#frame = schedule(() => {
      this.#frame = 0;
      this.#render();
    }) as number;
  }

  #render(): void {
    const parts = this.#parts;
    const session = this.#session;
    if (!parts || !session) return;
    const log = parts.log;
    const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    if (this.#views.size === 0) {
      log.replaceChildren(parts.greeting, parts.suggestions);
      for (const message of session.messages) this.#dirty.add(message);
    }
    const actions = { retry: (m: LiveMessage) => void session.retry(m) };
    for (const message of this.#dirty) {
      let view = this.#views.get(message.id);
      if (!view) {
        view = log.ownerDocument.createElement('div');
        if (!this.#shown.has(message.id)) view.classList.add('enter');
        this.#shown.add(message.id);
        this.#views.set(message.id, view);
        log.appendChild(view);
      }
      renderMessage(view, message, this.#strings, actions);
      if (message.role === 'assistant' && message.state === 'done') {
        this.#reachable = true;
        this.#announce(message);
      }
    }
    this.#dirty.clear();
    parts.suggestions.hidden = session.messages.length > 0;
    showBusy(parts, this.#strings, session.busy);
    this.#showConnection(this.#connection);
    if (atEnd || session.busy) this.#scrollToEnd();
  }

  #announce(message: LiveMessage): void {
    // Only answers given on this page (restored ones carry no question), each once: screen
    // readers hear the finished answer, not every streamed piece of it.
    if (!this.#parts || message.question === undefined || this.#announced.has(message.id)) return;
    this.#announced.add(message.id);
    this.#parts.live.textContent = `${this.#strings.assistant}: ${message.text}`;
    this.dispatchEvent(
      new CustomEvent('tailor-answer', {
        detail: { text: message.text, sources: message.sources },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #scrollToEnd(): void {
    const log = this.#parts?.log;
    if (log) log.scrollTop = log.scrollHeight;
  }

  #showConnection(connection: Connection): void {
    const parts = this.#parts;
    if (!parts) return;
    const strings = this.#strings;
    const changed = connection.kind !== this.#connection.kind;
    this.#connection = connection;
    const text =
      connection.kind === 'retrying'
        ? strings.retrying(connection.seconds)
        : connection.kind === 'offline'
          ? strings.offline
          : '';
    const ready = connection.kind === 'ready';
    parts.status.dataset.kind = ready && !this.#reachable ? 'unknown' : connection.kind;
    parts.status.textContent = ready ? (this.#reachable ? strings.online : '') : strings.reconnecting;
    parts.banner.hidden = !text;
    parts.bannerText.textContent = text;
    // The countdown ticks every second; only the change of state is spoken.
    if (changed && text) parts.live.textContent = text;
  }
}
