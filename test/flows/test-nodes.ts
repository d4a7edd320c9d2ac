import { defineNode, TailorError } from '@tailor/runtime';
import { z } from 'zod';

/**
 * Node types that exist only for the engine's golden flows: they make time, failure and retries
 * observable without depending on a provider. They are never part of the product catalogue.
 */
export const flakyNode = defineNode({
  type: 'test.flaky',
  version: 1,
  title: { en: 'Flaky (test)', zh: '不稳定（测试）' },
  description: { en: 'Fails until the given attempt, then succeeds.', zh: '在指定次数之前失败，之后成功。' },
  category: 'logic',
  config: z.object({ succeedOnAttempt: z.number().int().min(1), message: z.string().default('flaky failure') }),
  output: z.object({ attempt: z.number() }),
  run: async ({ config, attempt }) => {
    await Promise.resolve();
    if (attempt < config.succeedOnAttempt)
      throw new TailorError('NODE_FAILED', `${config.message} (attempt ${attempt})`);
    return { output: { attempt } };
  },
});

export const sleepNode = defineNode({
  type: 'test.sleep',
  version: 1,
  title: { en: 'Sleep (test)', zh: '等待（测试）' },
  description: { en: 'Waits, honouring cancellation, then echoes a value.', zh: '等待一段时间后返回一个值。' },
  category: 'logic',
  config: z.object({
    ms: z.number().int().min(0),
    value: z.unknown().optional(),
    ignoreSignal: z.boolean().default(false),
  }),
  output: z.object({ value: z.unknown() }),
  run: ({ config, signal }) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve({ output: { value: config.value ?? null } }), config.ms);
      timer.unref();
      if (config.ignoreSignal) return;
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    }),
});
