import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue, DiskKnowledgeStore, KnowledgeService, StoredKnowledgeBases } from '@tailor/nodes';
import { FlowDocumentSchema, runFlow, ServiceRegistry, validateFlow } from '@tailor/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/knowledge/${name}`, import.meta.url)));

/** The FAQ-bot shape of the design: input → retrieval → template (the prompt) → output. */
const flow = FlowDocumentSchema.parse({
  schema: 'tailor.flow/v1',
  id: 'faq-retrieval',
  name: 'FAQ retrieval',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string', required: true }] } },
    { id: 'kb', type: 'retrieval', config: { knowledgeBase: 'faq', query: '{{ start.question }}', topK: 2 } },
    { id: 'prompt', type: 'template', config: { template: 'Answer from:\n{{ kb.text }}\n\nQ: {{ start.question }}' } },
    { id: 'end', type: 'output', config: { value: { prompt: '{{ prompt.text }}', sources: '{{ kb.chunks }}' } } },
  ],
  edges: [
    { from: 'start', to: 'kb' },
    { from: 'kb', to: 'prompt' },
    { from: 'prompt', to: 'end' },
  ],
});

let dir: string;
let services: ServiceRegistry;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-kb-flow-'));
  const bases = new StoredKnowledgeBases(new DiskKnowledgeStore(dir));
  const { base } = await bases.ensure('faq');
  await base.add('refund-policy.md', fixture('refund-policy.md'));
  await base.add('shipping.txt', fixture('shipping.txt'));
  services = new ServiceRegistry().provide(KnowledgeService, bases);
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the retrieval node in a flow', { timeout: 30_000 }, () => {
  it('validates, and its output fields can be referenced downstream', () => {
    const result = validateFlow(flow, catalogue);
    expect(result.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
  });

  it('grounds the prompt in the retrieved chunks, typed chunks kept as a list', async () => {
    const run = runFlow(flow, { question: '七天无理由退货的条件是什么？' }, { catalogue, services });
    const { status, output, record } = await run.result;
    expect(status).toBe('succeeded');
    const { prompt, sources } = output as { prompt: string; sources: Array<{ document: string; scores: unknown }> };
    expect(prompt).toMatch(/^Answer from:\n\[1\] refund-policy\.md › 退款与退货政策 › 退货条件\n自签收之日起七天内/);
    expect(Array.isArray(sources)).toBe(true);
    expect(sources[0]?.document).toBe('refund-policy.md');
    const node = record.nodes.find((n) => n.nodeId === 'kb');
    expect(node?.logs.some((l) => l.message.includes('faq: keyword'))).toBe(true);
  });

  it('fails the run with KNOWLEDGE_NOT_FOUND when the knowledge base is missing', async () => {
    const missing = FlowDocumentSchema.parse({
      ...flow,
      nodes: flow.nodes.map((n) => (n.id === 'kb' ? { ...n, config: { ...n.config, knowledgeBase: 'nope' } } : n)),
    });
    const { status, error } = await runFlow(missing, { question: 'x' }, { catalogue, services }).result;
    expect(status).toBe('failed');
    expect(error?.code).toBe('KNOWLEDGE_NOT_FOUND');
  });
});
