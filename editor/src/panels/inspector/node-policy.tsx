import type { FlowNode } from '@tailor/runtime/contract';
import { type MessageKey, useT } from '../../i18n/i18n.js';
import type { NodePatch } from '../../state/flow-changes.js';
import { flowStore } from '../../state/flow-store.js';
import { AnyInput, NumberInput } from './field-widgets.js';

const POLICIES = ['fail', 'port', 'fallback'] as const;

/** Time limit, retries and what happens on failure: common to every node. */
export function NodePolicy({ node }: { node: FlowNode }) {
  const t = useT();
  const update = (patch: NodePatch, key: string) =>
    flowStore.getState().apply({ kind: 'node.update', id: node.id, patch }, `${node.id}.${key}`);
  const retry = node.retry ?? { attempts: 1, backoffMs: 500 };
  return (
    <details className="section">
      <summary>{t('inspector.advanced')}</summary>
      <div className="grid-2">
        <div className="field">
          <label className="field-label" htmlFor="policy-timeout">
            {t('inspector.timeout')}
          </label>
          <NumberInput
            id="policy-timeout"
            value={node.timeoutMs}
            min={1}
            onChange={(v) => update({ timeoutMs: v }, 'timeout')}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="policy-attempts">
            {t('inspector.retries')}
          </label>
          <NumberInput
            id="policy-attempts"
            value={retry.attempts}
            min={1}
            max={10}
            onChange={(v) =>
              update({ retry: v === undefined || v <= 1 ? undefined : { ...retry, attempts: v } }, 'retry')
            }
          />
        </div>
      </div>
      {retry.attempts > 1 && (
        <div className="field">
          <label className="field-label" htmlFor="policy-backoff">
            {t('inspector.backoff')}
          </label>
          <NumberInput
            id="policy-backoff"
            value={retry.backoffMs}
            min={0}
            onChange={(v) => update({ retry: { ...retry, backoffMs: v ?? 0 } }, 'backoff')}
          />
        </div>
      )}
      <div className="field">
        <label className="field-label" htmlFor="policy-on-error">
          {t('inspector.onError')}
        </label>
        <select
          id="policy-on-error"
          className="input"
          value={node.onError}
          onChange={(event) => update({ onError: event.target.value as FlowNode['onError'] }, 'onError')}
        >
          {POLICIES.map((policy) => (
            <option key={policy} value={policy}>
              {t(`inspector.onError.${policy}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      {node.onError === 'fallback' && (
        <div className="field">
          <label className="field-label" htmlFor="policy-fallback">
            {t('inspector.fallback')}
          </label>
          <AnyInput
            id="policy-fallback"
            value={node.fallback}
            suggestions={[]}
            onChange={(v) => update({ fallback: v }, 'fallback')}
          />
        </div>
      )}
    </details>
  );
}
