import type { FlowEdge } from '@tailor/runtime/contract';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useLocalized, useT } from '../i18n/i18n.js';
import { useEntry } from '../state/catalogue-store.js';
import { useFlow } from '../state/flow-store.js';
import { useNodeRun } from '../state/run-store.js';
import { categoryIcon, Icon } from '../ui/icon.js';
import type { CanvasNode } from './derive.js';
import { summaryOf } from './node-summary.js';
import { portLabel, portsOfNode } from './ports.js';
import { StatusChip } from './status-chip.js';

/** Problems of one node, counted inside the selector so the node re-renders only when its count changes. */
function useProblemCount(nodeId: string): number {
  return useFlow((s) => {
    let count = 0;
    for (const problem of s.problems) if (problem.nodeId === nodeId && problem.severity === 'error') count += 1;
    return count;
  });
}

/**
 * The ports each node's outgoing edges use, computed once per edge list (not once per node per
 * store change: 300 nodes × 300 edges while dragging) and joined so selectors compare by value.
 */
const wiredCache = new WeakMap<readonly FlowEdge[], Map<string, string>>();
function wiredPorts(edges: readonly FlowEdge[] | undefined, nodeId: string): string {
  if (!edges) return '';
  let byNode = wiredCache.get(edges);
  if (!byNode) {
    const sets = new Map<string, Set<string>>();
    for (const edge of edges) sets.set(edge.from, (sets.get(edge.from) ?? new Set()).add(edge.port ?? 'out'));
    byNode = new Map([...sets].map(([id, ports]) => [id, [...ports].join('\n')]));
    wiredCache.set(edges, byNode);
  }
  return byNode.get(nodeId) ?? '';
}

function PortHandles({ ports }: { ports: string[] }) {
  const t = useT();
  if (ports.length === 1 && ports[0] === 'out') {
    return <Handle type="source" position={Position.Right} id="out" className="handle" />;
  }
  return (
    <ul className="tnode-ports">
      {ports.map((port) => (
        <li key={port} className={port === 'error' ? 'port port-error' : 'port'}>
          <span title={port}>{portLabel(port, t)}</span>
          <Handle type="source" position={Position.Right} id={port} className="handle" />
        </li>
      ))}
    </ul>
  );
}

/**
 * A node on the canvas: title, reference name, live status, problem badge, one handle per port.
 * Level of detail when zoomed out is the canvas's class (one subscription, not one per node).
 */
export const FlowNodeView = memo(function FlowNodeView({ id, data, selected }: NodeProps<CanvasNode>) {
  const node = data.node;
  const entry = useEntry(node.type);
  const run = useNodeRun(id);
  const problems = useProblemCount(id);
  const localized = useLocalized();
  const t = useT();
  const wired = useFlow((s) => wiredPorts(s.doc?.edges, id));
  const ports = useMemo(() => portsOfNode(entry, node, wired === '' ? [] : wired.split('\n')), [entry, node, wired]);
  const summary = useMemo(() => summaryOf(node), [node]);
  const category = entry?.category ?? 'other';
  const status = run?.status ?? 'idle';
  const title = node.name || localized(entry?.title) || node.type;
  const classes = [
    'tnode',
    `cat-${category}`,
    `status-${status}`,
    selected ? 'is-selected' : '',
    entry ? '' : 'is-unknown',
  ];
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} data-status={status}>
      {node.type !== 'input' && <Handle type="target" position={Position.Left} id="in" className="handle" />}
      <header className="tnode-head">
        <span className="tnode-icon">
          <Icon name={categoryIcon(category)} size={15} />
        </span>
        <span className="tnode-title" title={title}>
          {title}
        </span>
        {problems > 0 && (
          <span
            className="tnode-badge"
            title={t('editor.problems', { count: problems })}
            data-testid={`node-problems-${id}`}
          >
            {problems}
          </span>
        )}
      </header>
      <div className="tnode-meta">
        <code>{id}</code>
      </div>
      {summary !== '' && <p className="tnode-summary">{summary}</p>}
      {run && (
        <div className="tnode-status">
          <StatusChip view={run} />
        </div>
      )}
      {run?.status === 'running' && run.text !== '' && <p className="tnode-stream">{run.text.slice(-120)}</p>}
      {ports.length > 0 && <PortHandles ports={ports} />}
    </div>
  );
});
