import type { FlowNode } from '@tailor/runtime/contract';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { flowStore } from '../../state/flow-store.js';
import { runStore, useRun } from '../../state/run-store.js';
import { Icon } from '../../ui/icon.js';
import { parsePins, prefillPins } from './node-run-pins.js';
import { runNodeAlone } from './run-actions.js';

const PINS_STYLE = { fontFamily: 'var(--mono)', fontSize: 12 };

/** The sentences of a 400's problems, else the error's own message. */
function reasons(error: unknown): string[] {
  if (error instanceof ApiError && Array.isArray(error.problems)) {
    const messages = error.problems
      .map((problem: unknown) =>
        problem && typeof problem === 'object' && 'message' in problem ? String(problem.message) : '',
      )
      .filter((message) => message !== '');
    if (messages.length > 0) return messages;
  }
  return [error instanceof Error ? error.message : String(error)];
}

function prefilled(nodeId: string): string {
  const doc = flowStore.getState().doc;
  return JSON.stringify(doc ? prefillPins(doc, nodeId, runStore.getState().view) : {}, null, 2);
}

/**
 * "Run this node": the node alone, with the outputs of the nodes it refers to pinned. The JSON is
 * prefilled from the last run (or `null` where it has nothing) and can be edited before running.
 */
export function NodeRunAlone({ node }: { node: FlowNode }) {
  const t = useT();
  const running = useRun((s) => s.view.status === 'running');
  const [text, setText] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  if (text === null) {
    return (
      <section className="section">
        <button
          type="button"
          className="button button-small"
          onClick={() => setText(prefilled(node.id))}
          data-testid="node-run-alone"
        >
          <Icon name="play" size={14} /> {t('nodeRun.open')}
        </button>
      </section>
    );
  }

  const run = async () => {
    const parsed = parsePins(text);
    if ('error' in parsed) {
      setProblems([t('nodeRun.invalidJson', { message: parsed.error })]);
      return;
    }
    setProblems([]);
    try {
      await runNodeAlone(node.id, parsed.pins);
    } catch (error) {
      setProblems(reasons(error));
    }
  };

  return (
    <section className="section" data-testid="node-run-alone-form">
      <div className="section-head">
        <h3>{t('nodeRun.title')}</h3>
        <button type="button" className="button button-small" onClick={() => setText(prefilled(node.id))}>
          {t('nodeRun.refill')}
        </button>
      </div>
      <label className="muted small" htmlFor={`pins-${node.id}`}>
        {t('nodeRun.pinsHint')}
      </label>
      <textarea
        id={`pins-${node.id}`}
        className="input"
        style={PINS_STYLE}
        spellCheck={false}
        rows={Math.min(14, Math.max(4, text.split('\n').length + 1))}
        value={text}
        onChange={(event) => setText(event.target.value)}
        data-testid="node-run-pins"
      />
      {problems.map((problem) => (
        <p key={problem} className="field-problem" role="alert" data-testid="node-run-problem">
          <Icon name="alert" size={13} /> {problem}
        </p>
      ))}
      <div className="row">
        <button
          type="button"
          className="button button-small button-primary"
          disabled={running}
          onClick={() => void run()}
          data-testid="node-run-start"
        >
          <Icon name="play" size={14} /> {t('nodeRun.start')}
        </button>
        <button type="button" className="button button-small" onClick={() => setText(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
