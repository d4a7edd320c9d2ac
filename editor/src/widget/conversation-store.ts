import type { Source } from './answer.js';

/** A finished message as kept across page loads (streaming state is never stored). */
export interface StoredMessage {
  role: 'user' | 'assistant';
  text: string;
  sources?: Source[];
}

export interface Conversation {
  sessionId: string;
  messages: StoredMessage[];
  /** The bubble was open when the visitor left the page: keep it open on the next one. */
  open: boolean;
}

/** Older turns are dropped beyond this: localStorage is small and shared with the host page. */
const KEEP_MESSAGES = 60;
const VERSION = 1;

/**
 * A random session id. `crypto.randomUUID` exists only in secure contexts, and host pages may be
 * plain http, so the id is built from `getRandomValues`, which exists everywhere.
 */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `ws_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function isSource(value: unknown): value is Source {
  const v = value as Source;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.title === 'string' &&
    (v.url === undefined || (typeof v.url === 'string' && /^https?:\/\//i.test(v.url)))
  );
}

function isMessage(value: unknown): value is StoredMessage {
  const v = value as StoredMessage;
  return (
    typeof v === 'object' &&
    v !== null &&
    (v.role === 'user' || v.role === 'assistant') &&
    typeof v.text === 'string' &&
    (v.sources === undefined || (Array.isArray(v.sources) && v.sources.every(isSource)))
  );
}

/** The conversation of one flow on one server, in this browser; storage errors never break the chat. */
export class ConversationStore {
  readonly #key: string;
  readonly #storage: Storage | undefined;

  constructor(server: string, flow: string, storage?: Storage) {
    this.#key = `tailor-chat:${server}:${flow}`;
    try {
      // Reading `localStorage` itself throws in sandboxed frames and with storage blocked.
      this.#storage = storage ?? window.localStorage;
    } catch {
      this.#storage = undefined;
    }
  }

  load(): Conversation {
    try {
      const value = JSON.parse(this.#storage?.getItem(this.#key) ?? 'null') as Record<string, unknown> | null;
      if (value?.v === VERSION && typeof value.sessionId === 'string' && Array.isArray(value.messages)) {
        return { sessionId: value.sessionId, messages: value.messages.filter(isMessage), open: value.open === true };
      }
    } catch {
      // unreadable: start afresh
    }
    return { sessionId: newSessionId(), messages: [], open: false };
  }

  save(conversation: Conversation): void {
    const messages = conversation.messages.slice(-KEEP_MESSAGES);
    try {
      this.#storage?.setItem(this.#key, JSON.stringify({ v: VERSION, ...conversation, messages }));
    } catch {
      // quota exceeded or storage blocked: the conversation lives for this page only
    }
  }
}
