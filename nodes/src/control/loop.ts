import { defineNode, FlowGraphSchema, type GraphRunResult, type NodeContext, TailorError } from '@tailor/runtime';
import { z } from 'zod';

const LoopConfigSchema = z.object({
  items: z.array(z.unknown(), { error: 'items must be a list; reference an array, e.g. {{ split.parts }}' }),
  body: FlowGraphSchema,
  concurrency: z.number().int().min(1).max(32).default(4),
});
type LoopConfig = z.output<typeof LoopConfigSchema>;

/** Runs the nested body once per item (`{{ item }}`, `{{ index }}`) and collects the results in order. */
export const loopNode = defineNode({
  type: 'loop',
  version: 1,
  title: { en: 'Loop', zh: '循环' },
  description: {
    en: 'Runs a nested flow for every item of a list, several at a time, and collects the results in order.',
    zh: '对列表中的每一项运行一个子流程（可并行），按原顺序收集结果。',
  },
  category: 'logic',
  config: LoopConfigSchema,
  output: z.object({ results: z.array(z.unknown()) }),
  rawFields: ['body'],
  subgraphs: (raw) => [{ field: 'body', graph: raw.body, scope: ['item', 'index'] }],
  run: async (context) => ({ output: { results: await runItems(context) } }),
});

async function runItems(context: NodeContext<LoopConfig>): Promise<unknown[]> {
  const { items, body, concurrency } = context.config;
  const results = new Array<unknown>(items.length);
  const stop = new AbortController();
  const signal = AbortSignal.any([context.signal, stop.signal]);
  let next = 0;
  let failure: TailorError | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure && !signal.aborted) {
      const index = next++;
      const result: GraphRunResult = await context.runGraph(body, {
        scope: { item: items[index], index },
        label: String(index),
        signal,
      });
      if (result.status === 'succeeded') {
        results[index] = result.output ?? null;
      } else if (!failure) {
        failure = new TailorError('NODE_FAILED', `Item ${index} failed: ${result.error?.message ?? result.status}`, {
          index,
          error: result.error,
        });
        stop.abort(failure);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure;
  if (context.signal.aborted) throw context.signal.reason;
  return results;
}
