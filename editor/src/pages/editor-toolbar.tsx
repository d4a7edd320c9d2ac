import { useReactFlow } from '@xyflow/react';
import { tidyLayout } from '../canvas/editor-actions.js';
import { type Translate, useT } from '../i18n/i18n.js';
import { href } from '../router.js';
import { overwriteAfterConflict, reloadAfterConflict } from '../state/autosave.js';
import { canvasStore } from '../state/canvas-store.js';
import { flowStore, type SaveState, useFlow } from '../state/flow-store.js';
import { Icon } from '../ui/icon.js';

function saveLabel(t: Translate, state: SaveState, error: string | null): string {
  if (state === 'saved') return t('editor.saved');
  if (state === 'saving') return t('editor.saving');
  if (state === 'dirty') return t('editor.unsaved');
  if (state === 'conflict') return t('editor.conflict');
  return t('editor.saveError', { message: error ?? '' });
}

function ConflictBar() {
  const t = useT();
  return (
    <div className="conflict-bar" role="alert" data-testid="conflict">
      <Icon name="alert" size={15} />
      <span>{t('editor.conflict')}</span>
      <button type="button" className="button button-small" onClick={() => void reloadAfterConflict()}>
        {t('editor.conflictReload')}
      </button>
      <button
        type="button"
        className="button button-small button-primary"
        onClick={() => void overwriteAfterConflict()}
      >
        {t('editor.conflictOverwrite')}
      </button>
    </div>
  );
}

/** Flow name, save state, undo/redo, layout, problems, and the Run / Chat / Publish actions. */
export function EditorToolbar({ onPublish }: { onPublish(): void }) {
  const t = useT();
  const name = useFlow((s) => s.doc?.name ?? '');
  const saveState = useFlow((s) => s.saveState);
  const saveError = useFlow((s) => s.saveError);
  const canUndo = useFlow((s) => s.history.past.length > 0);
  const canRedo = useFlow((s) => s.history.future.length > 0);
  const errors = useFlow((s) => s.problems.filter((p) => p.severity === 'error').length);
  const flow = useReactFlow();
  return (
    <>
      <header className="toolbar">
        <h1 className="visually-hidden">{name}</h1>
        <a
          className="icon-button"
          href={href({ page: 'flows' })}
          aria-label={t('editor.back')}
          title={t('editor.back')}
        >
          <Icon name="back" />
        </a>
        <input
          className="flow-name"
          value={name}
          aria-label={t('common.name')}
          onChange={(event) =>
            flowStore.getState().apply({ kind: 'flow.meta', name: event.target.value || ' ' }, 'flow.name')
          }
        />
        <span className={`save-state save-${saveState}`} role="status" data-testid="save-state" data-state={saveState}>
          {saveState !== 'conflict' && saveLabel(t, saveState, saveError)}
        </span>
        <div className="toolbar-group">
          <button
            type="button"
            className="icon-button"
            disabled={!canUndo}
            onClick={() => flowStore.getState().undo()}
            aria-label={t('editor.undo')}
            title={`${t('editor.undo')} (Ctrl+Z)`}
          >
            <Icon name="undo" />
          </button>
          <button
            type="button"
            className="icon-button"
            disabled={!canRedo}
            onClick={() => flowStore.getState().redo()}
            aria-label={t('editor.redo')}
            title={`${t('editor.redo')} (Ctrl+Shift+Z)`}
          >
            <Icon name="redo" />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() =>
              void tidyLayout().then(() =>
                requestAnimationFrame(() => void flow.fitView({ padding: 0.2, duration: 200 })),
              )
            }
            aria-label={t('editor.layout')}
            title={`${t('editor.layout')} (Ctrl+L)`}
          >
            <Icon name="layout" />
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={() => void flow.fitView({ padding: 0.2, duration: 200 })}
            aria-label={t('editor.fit')}
            title={t('editor.fit')}
          >
            <Icon name="fit" />
          </button>
        </div>
        <span className={errors > 0 ? 'problems-count has-errors' : 'problems-count'} data-testid="problems-count">
          {errors > 0 ? <Icon name="alert" size={14} /> : <Icon name="check" size={14} />}
          {errors > 0 ? t('editor.problems', { count: errors }) : t('editor.noProblems')}
        </span>
        <div className="toolbar-actions">
          <button
            type="button"
            className="button"
            onClick={() => canvasStore.getState().setPanel('run')}
            data-testid="open-run"
          >
            <Icon name="play" size={14} /> {t('editor.run')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => canvasStore.getState().setPanel('chat')}
            data-testid="open-chat"
          >
            <Icon name="chat" size={14} /> {t('editor.chat')}
          </button>
          <button type="button" className="button button-primary" onClick={onPublish} data-testid="publish-button">
            <Icon name="globe" size={14} /> {t('editor.publish')}
          </button>
        </div>
      </header>
      {saveState === 'conflict' && <ConflictBar />}
    </>
  );
}
