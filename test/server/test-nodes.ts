import { catalogue as productCatalogue } from '@tailor/nodes';
import { createCatalogue, defineNode, TailorError } from '@tailor/runtime';
import { z } from 'zod';

/** Streams its text word by word as deltas, like a model answering. */
export const streamNode = defineNode({
  type: 'test-stream',
  version: 1,
  title: { en: 'Stream', zh: '流' },
  description: { en: 'Streams text as deltas.', zh: '流式输出文本。' },
  category: 'model',
  config: z.object({ text: z.string() }),
  output: z.object({ text: z.string() }),
  run: async ({ config, emit }) => {
    for (const word of config.text.split(/(?<= )/)) emit({ text: word });
    return { output: { text: config.text } };
  },
});

/** Waits until released through `gate` or cancelled: lets tests hold a run in the middle. */
export const gates = new Map<string, () => void>();
export const waitNode = defineNode({
  type: 'test-wait',
  version: 1,
  title: { en: 'Wait', zh: '等待' },
  description: { en: 'Waits for a gate or a time.', zh: '等待。' },
  category: 'logic',
  config: z.object({ gate: z.string().optional(), ms: z.number().optional() }),
  output: z.object({ waited: z.boolean() }),
  defaultTimeoutMs: 60_000,
  run: ({ config, signal }) =>
    new Promise((resolve, reject) => {
      const done = () => resolve({ output: { waited: true } });
      if (config.gate) gates.set(config.gate, done);
      if (config.ms !== undefined) setTimeout(done, config.ms);
      signal.addEventListener('abort', () => reject(new TailorError('RUN_CANCELLED')), { once: true });
    }),
});

export const testCatalogue = createCatalogue([...productCatalogue.values(), streamNode, waitNode]);
