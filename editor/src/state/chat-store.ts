import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface ChatTurn {
  role: 'user' | 'assistant';
  text: string;
  runId?: string;
  failed?: boolean;
}

interface ChatState {
  sessionId: string;
  turns: ChatTurn[];
  /** The run whose answer is being streamed into the last assistant turn. */
  pendingRunId: string | null;
  ask(text: string): void;
  attach(runId: string): void;
  settle(runId: string, text: string, failed: boolean): void;
  newSession(): void;
  /** Continues a stored conversation: its turns are shown and new questions join it. */
  openSession(sessionId: string, turns: ChatTurn[]): void;
}

function newSessionId(): string {
  return `preview-${crypto.randomUUID()}`;
}

/** The chat preview's conversation: one session at a time, as the widget will hold it. */
export const chatStore = createStore<ChatState>()((set, get) => ({
  sessionId: newSessionId(),
  turns: [],
  pendingRunId: null,
  ask: (text) => set({ turns: [...get().turns, { role: 'user', text }, { role: 'assistant', text: '' }] }),
  attach: (runId) => {
    const turns = [...get().turns];
    const last = turns.at(-1);
    if (last?.role === 'assistant') turns[turns.length - 1] = { ...last, runId };
    set({ turns, pendingRunId: runId });
  },
  settle: (runId, text, failed) =>
    set({
      turns: get().turns.map((turn) => (turn.runId === runId ? { ...turn, text, failed } : turn)),
      pendingRunId: get().pendingRunId === runId ? null : get().pendingRunId,
    }),
  newSession: () => set({ sessionId: newSessionId(), turns: [], pendingRunId: null }),
  openSession: (sessionId, turns) => set({ sessionId, turns, pendingRunId: null }),
}));

export function useChat<T>(selector: (state: ChatState) => T): T {
  return useStore(chatStore, selector);
}

/** The answer text of a run's output: a string as is, else a common text field, else JSON. */
export function answerText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output && typeof output === 'object') {
    for (const key of ['answer', 'text', 'content', 'message', 'reply']) {
      const value = (output as Record<string, unknown>)[key];
      if (typeof value === 'string') return value;
    }
  }
  return output === undefined ? '' : JSON.stringify(output, null, 2);
}
