import { extractConfigReferences, type FlowDocument } from '@tailor/runtime';

/**
 * The nodes whose streamed text is the chat answer. A flow may name them in
 * `settings.answerNodes`; otherwise they are the nodes referenced by the flow's final nodes (those
 * no edge leaves), i.e. whatever feeds the result — found without knowing any node type.
 */
export function answerNodes(document: Pick<FlowDocument, 'nodes' | 'edges' | 'settings'>): Set<string> {
  const named = document.settings?.answerNodes;
  if (Array.isArray(named) && named.every((id) => typeof id === 'string')) return new Set(named);
  const sources = new Set(document.edges.map((edge) => edge.from));
  const ids = new Set(document.nodes.map((node) => node.id));
  const answer = new Set<string>();
  for (const node of document.nodes) {
    if (sources.has(node.id)) continue;
    for (const { reference } of safeReferences(node.config)) {
      if (ids.has(reference.root)) answer.add(reference.root);
    }
  }
  return answer;
}

function safeReferences(config: unknown) {
  try {
    return extractConfigReferences(config);
  } catch {
    // a malformed template has no references to stream from; validation reports it
    return [];
  }
}

/** The chat answer inside a flow's output: the output itself when text, else its `text` field. */
export function answerText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output !== null && typeof output === 'object' && 'text' in output) {
    const text = (output as { text: unknown }).text;
    return typeof text === 'string' ? text : JSON.stringify(text);
  }
  return output === undefined || output === null ? '' : JSON.stringify(output);
}
