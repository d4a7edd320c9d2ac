import type { FlowNode } from '@tailor/runtime/contract';
import { useMemo, useState } from 'react';
import { portLabel, portsOfNode } from '../../canvas/ports.js';
import { useT } from '../../i18n/i18n.js';
import { useEntry } from '../../state/catalogue-store.js';
import { flowStore, useFlow } from '../../state/flow-store.js';
import { Icon } from '../../ui/icon.js';
import { connectionEdge, connectionTargets, outgoingEdges } from './connection-targets.js';

/**
 * The node's outgoing connections as a form: what the canvas does by dragging between handles,
 * done with the keyboard or a screen reader (list, remove, connect a port to a node).
 */
export function NodeConnections({ node }: { node: FlowNode }) {
  const t = useT();
  const entry = useEntry(node.type);
  const nodes = useFlow((s) => s.doc?.nodes);
  const edges = useFlow((s) => s.doc?.edges);
  const graph = useMemo(() => ({ nodes: nodes ?? [], edges: edges ?? [] }), [nodes, edges]);
  const outgoing = useMemo(() => outgoingEdges(graph, node.id), [graph, node.id]);
  const ports = portsOfNode(
    entry,
    node,
    outgoing.map((e) => e.port ?? 'out'),
  );
  const [chosenPort, setPort] = useState<string | undefined>(undefined);
  const port = chosenPort && ports.includes(chosenPort) ? chosenPort : (ports[0] ?? 'out');
  const targets = useMemo(() => connectionTargets(graph, node.id, port), [graph, node.id, port]);
  const [chosenTarget, setTarget] = useState('');
  const target = targets.includes(chosenTarget) ? chosenTarget : (targets[0] ?? '');
  const portId = `connect-port-${node.id}`;
  const targetId = `connect-target-${node.id}`;

  return (
    <section className="section" aria-labelledby={`connections-${node.id}`}>
      <h3 id={`connections-${node.id}`}>{t('connections.title')}</h3>
      {outgoing.length === 0 ? (
        <p className="muted small">{t('connections.none')}</p>
      ) : (
        <ul className="connection-list" data-testid="connection-list">
          {outgoing.map((edge) => (
            <li key={`${edge.port ?? 'out'}>${edge.to}`}>
              <span>
                {ports.length > 1 && <span className="muted small">{portLabel(edge.port ?? 'out', t)} → </span>}
                <code>{edge.to}</code>
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('connections.remove', { target: edge.to })}
                onClick={() => flowStore.getState().apply({ kind: 'edges.remove', edges: [edge] })}
              >
                <Icon name="trash" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {targets.length > 0 && (
        <form
          className="connection-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (target)
              flowStore.getState().apply({ kind: 'edges.add', edges: [connectionEdge(node.id, port, target)] });
          }}
        >
          {ports.length > 1 && (
            <>
              <label className="visually-hidden" htmlFor={portId}>
                {t('connections.port')}
              </label>
              <select id={portId} className="input" value={port} onChange={(e) => setPort(e.target.value)}>
                {ports.map((p) => (
                  <option key={p} value={p}>
                    {portLabel(p, t)}
                  </option>
                ))}
              </select>
            </>
          )}
          <label className="visually-hidden" htmlFor={targetId}>
            {t('connections.target')}
          </label>
          <select id={targetId} className="input" value={target} onChange={(e) => setTarget(e.target.value)}>
            {targets.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small" data-testid="connect-button">
            {t('connections.connect')}
          </button>
        </form>
      )}
    </section>
  );
}
