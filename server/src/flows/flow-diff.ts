import type { FlowDocument } from '@tailor/runtime';
import { z } from 'zod';

export const FlowDiffSchema = z.object({
  nodes: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    /** Node id → the top-level fields that differ (`config.prompt`, `type`, `retry` …). */
    changed: z.record(z.string(), z.array(z.string())),
  }),
  edges: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  /** Document fields that differ besides nodes and edges (`name`, `settings` …); `ui` is ignored. */
  fields: z.array(z.string()),
});
export type FlowDiff = z.output<typeof FlowDiffSchema>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>, prefix = ''): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((key) => !same(a[key], b[key]))
    .map((key) => `${prefix}${key}`)
    .sort();
}

function nodeChanges(a: FlowDocument['nodes'][number], b: FlowDocument['nodes'][number]): string[] {
  const { config: configA, ...restA } = a;
  const { config: configB, ...restB } = b;
  return [...changedFields(restA, restB), ...changedFields(configA, configB, 'config.')];
}

const edgeKey = (edge: FlowDocument['edges'][number]) => `${edge.from}${edge.port ? `.${edge.port}` : ''}->${edge.to}`;

/** What changed from one version of a flow to another, node by node, for the versions panel. */
export function diffFlows(from: FlowDocument, to: FlowDocument): FlowDiff {
  const before = new Map(from.nodes.map((node) => [node.id, node]));
  const after = new Map(to.nodes.map((node) => [node.id, node]));
  const changed: Record<string, string[]> = {};
  for (const [id, node] of after) {
    const old = before.get(id);
    if (!old) continue;
    const fields = nodeChanges(old, node);
    if (fields.length > 0) changed[id] = fields;
  }
  const edgesBefore = new Set(from.edges.map(edgeKey));
  const edgesAfter = new Set(to.edges.map(edgeKey));
  const { nodes: _a, edges: _b, ui: _c, ...topFrom } = from;
  const { nodes: _d, edges: _e, ui: _f, ...topTo } = to;
  return {
    nodes: {
      added: [...after.keys()].filter((id) => !before.has(id)),
      removed: [...before.keys()].filter((id) => !after.has(id)),
      changed,
    },
    edges: {
      added: [...edgesAfter].filter((key) => !edgesBefore.has(key)),
      removed: [...edgesBefore].filter((key) => !edgesAfter.has(key)),
    },
    fields: changedFields(topFrom, topTo),
  };
}
