import type { FlowNode } from '@tailor/runtime/contract';

/** Config keys whose value best says what a node does, in order of preference. */
const TELLING_KEYS = ['model', 'knowledgeBase', 'url', 'template', 'prompt', 'query', 'value', 'code'];

/** One short line under a node's title: its model, knowledge base, URL or the start of its text. */
export function summaryOf(node: FlowNode): string {
  const config = node.config;
  if (Array.isArray(config.fields)) {
    return (config.fields as { name?: unknown }[])
      .map((f) => String(f?.name ?? ''))
      .filter(Boolean)
      .join(', ');
  }
  if (Array.isArray(config.cases)) return `${config.cases.length} case${config.cases.length === 1 ? '' : 's'} + else`;
  for (const key of TELLING_KEYS) {
    const value = config[key];
    const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : undefined;
    if (text?.trim()) {
      const line = text.trim().split('\n')[0] ?? '';
      return line.length > 64 ? `${line.slice(0, 63)}…` : line;
    }
  }
  return '';
}
