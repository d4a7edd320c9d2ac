import type { FlowDocument } from '@tailor/runtime/contract';

const REFERENCE_ROOT = /\{\{-?\s*([A-Za-z_][\w-]*)/g;

/**
 * The nodes whose streamed text is the chat answer (docs/api.md, "the chat convention"): those in
 * `settings.answerNodes`, else every node the final nodes (no edge leaves them) reference.
 */
export function answerNodes(doc: Pick<FlowDocument, 'nodes' | 'edges' | 'settings'>): Set<string> {
  const listed = doc.settings?.answerNodes;
  if (Array.isArray(listed) && listed.every((id) => typeof id === 'string')) return new Set(listed as string[]);
  const leaving = new Set(doc.edges.map((edge) => edge.from));
  const ids = new Set(doc.nodes.map((node) => node.id));
  const answers = new Set<string>();
  for (const node of doc.nodes) {
    if (leaving.has(node.id)) continue;
    for (const match of JSON.stringify(node.config).matchAll(REFERENCE_ROOT)) {
      const root = match[1];
      if (root && ids.has(root)) answers.add(root);
    }
  }
  return answers;
}
