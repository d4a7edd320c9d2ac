import { MAX_ATTEMPTS, type RetryWait, retryDelay, waitForRetry } from './backoff.js';
import { type ConversationStore, newSessionId, type StoredMessage } from './conversation-store.js';
import { type RunOutcome, streamRun } from './run-stream.js';

export type MessageState = 'waiting' | 'streaming' | 'done' | 'failed' | 'stopped';

/** A message on screen: a stored one, or the answer being streamed right now. */
export interface LiveMessage extends StoredMessage {
  id: number;
  state: MessageState;
  /** Why an answer failed: `NETWORK`, `FORBIDDEN`, `RATE_LIMITED`, or a run's error code. */
  errorCode?: string;
  /** The question an answer belongs to, to ask again. */
  question?: string;
}

export type Connection = { kind: 'ready' } | { kind: 'retrying'; seconds: number } | { kind: 'offline' };

export interface ChatSessionOptions {
  server: string;
  flow: string;
  key: string;
  store: ConversationStore;
  userToken(): string | undefined;
  /** A message was added or changed (undefined: the whole list changed). */
  onMessage(message?: LiveMessage): void;
  onConnection(connection: Connection): void;
}

/**
 * The conversation with one published flow: asks, streams, retries on network loss with backoff,
 * and keeps finished turns (and the session id the flow's memory is keyed by) across page loads.
 * It knows nothing of the DOM; the element renders what it reports.
 */
export class ChatSession {
  messages: LiveMessage[];
  sessionId: string;
  open: boolean;
  readonly #options: ChatSessionOptions;
  #nextId = 1;
  #abort: AbortController | undefined;
  #wait: RetryWait | undefined;

  constructor(options: ChatSessionOptions) {
    this.#options = options;
    const saved = options.store.load();
    this.sessionId = saved.sessionId;
    this.open = saved.open;
    this.messages = saved.messages.map((message) => ({ ...message, id: this.#nextId++, state: 'done' }));
  }

  get busy(): boolean {
    return this.#abort !== undefined;
  }

  async ask(question: string): Promise<void> {
    const text = question.trim();
    if (!text || this.busy) return;
    this.#add({ role: 'user', text, state: 'done' });
    await this.#answer(this.#add({ role: 'assistant', text: '', state: 'waiting', question: text }));
  }

  /** Asks the question of a failed answer again, in place. */
  async retry(answer: LiveMessage): Promise<void> {
    if (this.busy || !answer.question) return;
    Object.assign(answer, { text: '', state: 'waiting', errorCode: undefined, sources: undefined });
    this.#options.onMessage(answer);
    await this.#answer(answer);
  }

  retryNow(): void {
    this.#wait?.wake();
  }

  stop(): void {
    this.#abort?.abort();
  }

  reset(): void {
    this.stop();
    this.messages = [];
    // A new session id: the flow's memory starts afresh too.
    this.sessionId = newSessionId();
    this.#options.onMessage();
    this.save();
  }

  save(): void {
    // Only finished exchanges are kept: a question whose answer failed or was stopped would
    // otherwise come back on the next page without one.
    const messages = this.messages
      .filter(
        (m, i) => m.state === 'done' && m.text && (m.role === 'assistant' || this.messages[i + 1]?.state === 'done'),
      )
      .map(({ role, text, sources }) => ({ role, text, ...(sources?.length ? { sources } : {}) }));
    this.#options.store.save({ sessionId: this.sessionId, messages, open: this.open });
  }

  #add(message: Omit<LiveMessage, 'id'>): LiveMessage {
    const live = { ...message, id: this.#nextId++ };
    this.messages.push(live);
    this.#options.onMessage(live);
    return live;
  }

  async #answer(answer: LiveMessage): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    let outcome: RunOutcome = { ok: false, code: 'NETWORK', retryable: true };
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !abort.signal.aborted; attempt++) {
      if (attempt > 0) {
        await this.#pause(outcome, attempt - 1, abort.signal);
        if (abort.signal.aborted) break;
        // The run starts over: a half-streamed answer from the broken try would mislead.
        Object.assign(answer, { text: '', state: 'waiting' });
        this.#options.onMessage(answer);
      }
      outcome = await this.#attempt(answer, abort.signal);
      if (outcome.ok || !outcome.retryable) break;
    }
    this.#abort = undefined;
    this.#options.onConnection({ kind: 'ready' });
    if (outcome.ok) {
      Object.assign(answer, { state: 'done', text: outcome.answer.text, sources: outcome.answer.sources });
    } else {
      answer.state = abort.signal.aborted ? 'stopped' : 'failed';
      answer.errorCode = outcome.code;
    }
    this.#options.onMessage(answer);
    this.save();
  }

  #attempt(answer: LiveMessage, signal: AbortSignal): Promise<RunOutcome> {
    return streamRun({
      server: this.#options.server,
      flow: this.#options.flow,
      key: this.#options.key,
      message: answer.question ?? '',
      sessionId: this.sessionId,
      userToken: this.#options.userToken(),
      signal,
      onText: (text) => {
        Object.assign(answer, { text, state: 'streaming' });
        this.#options.onMessage(answer);
      },
    });
  }

  /** Shows the retry state, counting down each second, until the next try is due. */
  async #pause(outcome: RunOutcome, attempt: number, signal: AbortSignal): Promise<void> {
    const ms = (!outcome.ok && outcome.retryAfterMs) || retryDelay(attempt);
    const due = Date.now() + ms;
    const report = (): void =>
      this.#options.onConnection(
        navigator.onLine === false
          ? { kind: 'offline' }
          : { kind: 'retrying', seconds: Math.max(1, Math.ceil((due - Date.now()) / 1000)) },
      );
    const wait = waitForRetry(ms, signal);
    this.#wait = wait;
    report();
    const ticker = setInterval(report, 1000);
    await wait.done;
    clearInterval(ticker);
    this.#wait = undefined;
  }
}
