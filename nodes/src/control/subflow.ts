import { defineNode, TailorError } from '@tailor/runtime';
import { z } from 'zod';
import { SubflowService } from '../services/subflow.js';

/** Runs another flow (by default its published version) as one step; its run is linked to this one. */
export const subflowNode = defineNode({
  type: 'subflow',
  version: 1,
  title: { en: 'Sub-flow', zh: '子流程' },
  description: {
    en: 'Runs another published flow with the inputs you give it and returns its result.',
    zh: '用给定的输入运行另一个已发布的流程，并返回它的结果。',
  },
  category: 'logic',
  config: z.object({
    flow: z.string().min(1, 'name the flow to run (its id)'),
    version: z.union([z.enum(['published', 'draft']), z.number().int().min(1)]).default('published'),
    inputs: z.record(z.string(), z.unknown()).default({}),
  }),
  output: z.unknown(),
  run: async ({ config, services, run, node, signal, log }) => {
    const result = await services.get(SubflowService).run({
      flowId: config.flow,
      version: config.version,
      inputs: config.inputs,
      parentRunId: run.id,
      parentNodeId: node.id,
      ...(run.sessionId ? { sessionId: run.sessionId } : {}),
      signal,
    });
    log('info', `sub-flow "${config.flow}" ran as run ${result.runId} (${result.status})`);
    if (result.status !== 'succeeded') {
      const reason = result.error?.message ?? `it ended ${result.status}`;
      throw new TailorError('NODE_FAILED', `Sub-flow "${config.flow}" (run ${result.runId}) failed: ${reason}`, {
        runId: result.runId,
        error: result.error,
      });
    }
    return { output: result.output ?? null };
  },
});
