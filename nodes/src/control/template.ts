import { defineNode } from '@tailor/runtime';
import { z } from 'zod';

/** Renders text with the template language; the engine has already rendered it when `run` is called. */
export const templateNode = defineNode({
  type: 'template',
  version: 1,
  title: { en: 'Template', zh: '模板' },
  description: {
    en: 'Builds text from earlier outputs with {{ }} references, filters, conditions and loops.',
    zh: '用 {{ }} 引用、过滤器、条件和循环，把前面节点的输出拼成文本。',
  },
  category: 'logic',
  // A template that is one whole reference resolves to the referenced value: print it as text.
  config: z.object({ template: z.preprocess(asText, z.string()) }),
  output: z.object({ text: z.string() }),
  run: ({ config }) => ({ output: { text: config.template } }),
});

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
