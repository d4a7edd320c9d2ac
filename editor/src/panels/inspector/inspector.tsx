import type { FlowNode } from '@tailor/runtime/contract';
import { useMemo } from 'react';
import { deleteSelection, duplicateSelection } from '../../canvas/editor-actions.js';
import { type Translate, useLocalized, useT } from '../../i18n/i18n.js';
import { useCanvas } from '../../state/canvas-store.js';
import { catalogueStore, useEntry } from '../../state/catalogue-store.js';
import { flowStore, useFlow } from '../../state/flow-store.js';
import { useNodeRun } from '../../state/run-store.js';
import { categoryIcon, Icon } from '../../ui/icon.js';
import { NodeRunAlone } from '../run/node-run-alone.js';
import { rerunFrom } from '../run/run-actions.js';
import { NodeConnections } from './node-connections.js';
import { NodeIdentity } from './node-identity.js';
import { NodePolicy } from './node-policy.js';
import { NodeRunDetails } from './node-run-details.js';
import { outputPaths, referenceSuggestions } from './reference-suggestions.js';
import { type FormContext, ObjectFields } from './schema-form.js';

function useSelectedNode(): FlowNode | undefined {
  const selected = useCanvas((s) => s.selectedNodes);
  const only = selected.size === 1 ? [...selected][0] : undefined;
  return useFlow((s) => (only ? s.doc?.nodes.find((n) => n.id === only) : undefined));
}

function NodeForm({ node }: { node: FlowNode }) {
  const t = useT();
  const localized = useLocalized();
  const entry = useEntry(node.type);
  // Nodes and edges, not the document: a drag changes only positions and must not re-render the form.
  const nodes = useFlow((s) => s.doc?.nodes);
  const edges = useFlow((s) => s.doc?.edges);
  const allProblems = useFlow((s) => s.problems);
  const run = useNodeRun(node.id);
  const problems = useMemo(() => allProblems.filter((p) => p.nodeId === node.id), [allProblems, node.id]);
  const suggestions = useMemo(
    () =>
      nodes && edges
        ? referenceSuggestions({ nodes, edges }, node.id, (type) => catalogueStore.getState().byType.get(type))
        : [],
    [nodes, edges, node.id],
  );
  const ctx: FormContext = { nodeId: node.id, suggestions, rawFields: entry?.rawFields ?? [], problems };
  const general = problems.filter((p) => !p.field);
  const outputs = useMemo(() => outputPaths(entry, node).slice(0, 12), [entry, node]);

  return (
    <>
      <header className="inspector-head">
        <span className={`tnode-icon cat-${entry?.category ?? 'other'}`}>
          <Icon name={categoryIcon(entry?.category ?? 'other')} size={16} />
        </span>
        <div>
          <h2>{localized(entry?.title) || node.type}</h2>
          <p className="muted small">
            {entry ? localized(entry.description) : t('inspector.unknownType', { type: node.type })}
          </p>
        </div>
      </header>
      {general.map((problem) => (
        <p key={problem.message} className="field-problem" role="alert" data-testid="field-problem">
          <Icon name="alert" size={13} /> {problem.message}
        </p>
      ))}
      <NodeIdentity id={node.id} name={node.name} />
      {entry && (
        <section className="section">
          <h3>{t('inspector.settings')}</h3>
          <ObjectFields
            schema={entry.configSchema}
            value={node.config}
            path=""
            ctx={ctx}
            onChange={(config) =>
              flowStore.getState().apply({ kind: 'node.update', id: node.id, patch: { config } }, `${node.id}.config`)
            }
          />
        </section>
      )}
      {outputs.length > 0 && (
        <section className="section">
          <h3>{t('inspector.outputs')}</h3>
          <ul className="output-paths">
            {outputs.map((output) => (
              <li key={output.path}>
                <code>{`{{ ${node.id}${output.path.startsWith('[') ? '' : '.'}${output.path} }}`}</code>
                {output.type && <span className="muted small">{valueTypeLabel(output.type, t)}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <NodeConnections node={node} />
      <NodePolicy node={node} />
      {run && (
        <NodeRunDetails view={run} onRerun={run.status !== 'running' ? () => void rerunFrom(node.id) : undefined} />
      )}
      {node.type !== 'input' && <NodeRunAlone node={node} />}
      <footer className="inspector-actions">
        <button type="button" className="button button-small" onClick={duplicateSelection}>
          <Icon name="dup" size={14} /> {t('inspector.duplicate')}
        </button>
        <button type="button" className="button button-small button-danger" onClick={deleteSelection}>
          <Icon name="trash" size={14} /> {t('inspector.delete')}
        </button>
      </footer>
    </>
  );
}

/** The selected node's settings, generated from its config schema, with its problems and last run. */
export function Inspector() {
  const t = useT();
  const node = useSelectedNode();
  const count = useCanvas((s) => s.selectedNodes.size);
  return (
    <div className="inspector" data-testid="inspector">
      {node ? (
        <NodeForm key={node.id} node={node} />
      ) : (
        <p className="panel-empty">{count > 1 ? t('inspector.multi', { count }) : t('inspector.empty')}</p>
      )}
    </div>
  );
}

const VALUE_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;

/** A JSON Schema type as the analyst reads it ("list", "列表"); other types as written. */
function valueTypeLabel(type: string, t: Translate): string {
  const known = VALUE_TYPES.find((candidate) => candidate === type);
  return known ? t(`valueType.${known}`) : type;
}
