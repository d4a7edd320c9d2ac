import { useEffect, useMemo, useRef, useState } from 'react';
import { runsApi } from '../../api/runs.js';
import { type SessionSummary, sessionsApi } from '../../api/sessions.js';
import { useT } from '../../i18n/i18n.js';
import { canvasStore } from '../../state/canvas-store.js';
import { answerText, type ChatTurn, chatStore, useChat } from '../../state/chat-store.js';
import { useFlow } from '../../state/flow-store.js';
import { runStore, useRun } from '../../state/run-store.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Icon } from '../../ui/icon.js';
import { answerNodes } from './answer-nodes.js';
import { inputFieldsOf } from './inputs-form.js';
import { onRunEnd, startRun } from './run-actions.js';

/** Earlier conversations with this flow (stored by the server), to read or continue. */
function SessionPicker() {
  const t = useT();
  const flowId = useFlow((s) => s.doc?.id ?? '');
  const current = useChat((s) => s.sessionId);
  const turns = useChat((s) => s.turns.length);
  const [sessions, setSessions] = useState<SessionSummary[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh the list when a turn was added.
  useEffect(() => {
    if (flowId)
      sessionsApi
        .list(flowId)
        .then(setSessions)
        .catch(() => setSessions([]));
  }, [flowId, turns]);
  const open = async (id: string) => {
    const session = await sessionsApi.get(id);
    const loaded: ChatTurn[] = session.turns.map((turn) => ({
      role: turn.role === 'user' ? 'user' : 'assistant',
      text: turn.content,
      ...(turn.runId ? { runId: turn.runId } : {}),
    }));
    chatStore.getState().openSession(id, loaded);
  };
  return (
    <select
      className="input session-picker"
      aria-label={t('chat.sessions')}
      value={sessions.some((s) => s.id === current) ? current : ''}
      onChange={(event) => event.target.value && void open(event.target.value)}
    >
      <option value="">{t('chat.title')}</option>
      {sessions.map((session) => (
        <option key={session.id} value={session.id}>
          {t('chat.sessionItem', {
            turns: session.turnCount,
            when: session.updatedAt ? new Date(session.updatedAt).toLocaleString() : '',
          })}
        </option>
      ))}
    </select>
  );
}

/** The answer streaming right now: the text of the flow's answer nodes in the pending run. */
function useStreamingText(runId: string | null): string {
  const nodes = useFlow((s) => s.doc?.nodes);
  const edges = useFlow((s) => s.doc?.edges);
  const settings = useFlow((s) => s.doc?.settings);
  const answers = useMemo(
    () => answerNodes({ nodes: nodes ?? [], edges: edges ?? [], settings }),
    [nodes, edges, settings],
  );
  return useRun((s) => {
    if (!runId || s.view.runId !== runId) return '';
    let text = '';
    for (const [id, node] of Object.entries(s.view.nodes)) if (answers.has(id) && node.text !== '') text = node.text;
    return text;
  });
}

async function openTrace(runId: string): Promise<void> {
  if (runStore.getState().view.runId !== runId) runStore.getState().loadRecord(await runsApi.get(runId));
  canvasStore.getState().setPanel('run');
}

/** A conversation with the draft flow, streaming answers, each with its node trace one click away. */
export function ChatPreview() {
  const t = useT();
  const turns = useChat((s) => s.turns);
  const pending = useChat((s) => s.pendingRunId);
  const streaming = useStreamingText(pending);
  const inputNode = useFlow((s) => s.doc?.nodes.find((n) => n.type === 'input'));
  const fields = useMemo(() => inputFieldsOf(inputNode?.config), [inputNode]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const messageField = fields.find((f) => f.name === 'message') ?? fields.find((f) => f.type === 'string');

  useEffect(
    () =>
      onRunEnd((event) => {
        if (event.type !== 'run.end') return;
        const failed = event.status !== 'succeeded';
        chatStore
          .getState()
          .settle(event.runId, failed ? (event.error?.message ?? event.status) : answerText(event.output), failed);
      }),
    [],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the end whenever new text arrives.
  useEffect(() => {
    // Braces matter: scrollIntoView returns a promise in recent Chromium, and an effect may only return a cleanup.
    void bottom.current?.scrollIntoView({ block: 'end' });
  }, [turns, streaming]);

  if (!messageField) return <p className="panel-empty">{t('chat.notChat')}</p>;

  const send = async () => {
    const question = text.trim();
    if (question === '' || pending) return;
    setText('');
    setError(null);
    chatStore.getState().ask(question);
    try {
      const runId = await startRun({ [messageField.name]: question }, chatStore.getState().sessionId);
      chatStore.getState().attach(runId);
    } catch (caught) {
      setError(caught);
      chatStore.setState((state) => ({ turns: state.turns.slice(0, -1) }));
    }
  };

  return (
    <div className="chat">
      <div className="chat-head">
        <SessionPicker />
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => chatStore.getState().newSession()}
        >
          <Icon name="plus" size={13} /> {t('chat.newSession')}
        </button>
      </div>
      <div className="chat-log" aria-live="polite">
        {turns.length === 0 && <p className="panel-empty">{t('chat.empty')}</p>}
        {turns.map((turn, index) => {
          const live = turn.role === 'assistant' && turn.runId !== undefined && turn.runId === pending;
          const shown = live ? streaming : turn.text;
          return (
            <div
              key={String(index)}
              className={`bubble bubble-${turn.role}${turn.failed ? ' is-failed' : ''}`}
              data-testid={`chat-${turn.role}`}
            >
              {shown === '' && turn.role === 'assistant' ? (
                <span className="typing" role="img" aria-label={t('run.running')} />
              ) : (
                shown
              )}
              {turn.role === 'assistant' && turn.runId && !live && (
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => void openTrace(turn.runId as string)}
                >
                  {t('chat.trace')}
                </button>
              )}
            </div>
          );
        })}
        <div ref={bottom} />
      </div>
      <ErrorNote error={error} />
      <form
        className="chat-input"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <textarea
          value={text}
          rows={2}
          placeholder={t('chat.placeholder')}
          aria-label={t('chat.placeholder')}
          data-testid="chat-input"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              void send();
            }
          }}
        />
        <button type="submit" className="button button-primary" disabled={pending !== null} aria-label={t('chat.send')}>
          <Icon name="send" size={15} />
        </button>
      </form>
    </div>
  );
}
