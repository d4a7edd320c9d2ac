import { NodeIdSchema } from '@tailor/runtime/contract';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n.js';
import { canvasStore } from '../../state/canvas-store.js';
import { flowStore } from '../../state/flow-store.js';

/** The reference name (renaming rewrites every `{{ old.… }}`) and the display label of a node. */
export function NodeIdentity({ id, name }: { id: string; name?: string }) {
  const t = useT();
  const [draft, setDraft] = useState(id);
  useEffect(() => setDraft(id), [id]);
  const taken = draft !== id && !!flowStore.getState().doc?.nodes.some((n) => n.id === draft);
  const invalid = !NodeIdSchema.safeParse(draft).success;
  const commit = () => {
    if (draft === id) return;
    if (taken || invalid) {
      setDraft(id);
      return;
    }
    flowStore.getState().apply({ kind: 'node.rename', id, to: draft });
    canvasStore.getState().select([draft]);
  };
  return (
    <div className="identity">
      <div className="field">
        <label className="field-label" htmlFor="node-id">
          {t('inspector.id')}
        </label>
        <input
          id="node-id"
          className={taken || invalid ? 'input mono is-invalid' : 'input mono'}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
            if (event.key === 'Escape') setDraft(id);
          }}
        />
        <p className="field-hint">
          {taken ? t('inspector.idTaken') : invalid ? t('inspector.idInvalid') : t('inspector.idHint', { id: draft })}
        </p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="node-name">
          {t('inspector.label')}
        </label>
        <input
          id="node-name"
          className="input"
          value={name ?? ''}
          onChange={(event) =>
            flowStore
              .getState()
              .apply({ kind: 'node.update', id, patch: { name: event.target.value || undefined } }, `${id}.name`)
          }
        />
      </div>
    </div>
  );
}
