import { defineNode } from '@tailor/runtime';
import { z } from 'zod';

/** The flow's result: any JSON value with references, resolved. */
export const outputNode = defineNode({
  type: 'output',
  version: 1,
  title: { en: 'Output', zh: '输出' },
  description: {
    en: 'The result of the flow: a value or an object built from references to earlier nodes.',
    zh: '流程的结果：由前面节点的引用组成的值或对象。',
  },
  category: 'io',
  config: z.object({ value: z.unknown() }),
  output: z.unknown(),
  ports: [],
  producesResult: true,
  run: ({ config }) => ({ output: config.value ?? null, ports: [] }),
});
