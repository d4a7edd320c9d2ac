import { defineNode } from '@tailor/runtime';
import { z } from 'zod';
import { ComparisonOperatorSchema, compare } from './compare.js';

const ELSE_PORT = 'else';

const ClauseSchema = z.object({
  left: z.unknown(),
  op: ComparisonOperatorSchema,
  right: z.unknown().optional(),
});

const CaseSchema = z.object({
  port: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'a port name holds only letters, digits, "_" and "-"')
    .refine((port) => port !== ELSE_PORT && port !== 'error', 'the names "else" and "error" are reserved'),
  when: z.array(ClauseSchema).min(1, 'a case needs at least one comparison'),
  match: z.enum(['all', 'any']).default('all'),
});

/** If / else-if / else: the first case whose comparisons hold fires its port; none fires `else`. */
export const conditionNode = defineNode({
  type: 'condition',
  version: 1,
  title: { en: 'Condition', zh: '条件分支' },
  description: {
    en: 'Sends the flow down the first case whose comparisons hold, or down "else".',
    zh: '按顺序判断各个分支条件，走第一个成立的分支，都不成立时走“否则”。',
  },
  category: 'logic',
  config: z.object({
    cases: z
      .array(CaseSchema)
      .min(1, 'add at least one case')
      .refine((cases) => new Set(cases.map((c) => c.port)).size === cases.length, 'each case needs its own port name'),
  }),
  output: z.object({ port: z.string() }),
  portsFor: (config) => [...config.cases.map((c) => c.port), ELSE_PORT],
  run: ({ config }) => {
    const chosen = config.cases.find((c) => {
      const test = (clause: z.output<typeof ClauseSchema>): boolean => compare(clause.left, clause.op, clause.right);
      return c.match === 'any' ? c.when.some(test) : c.when.every(test);
    });
    const port = chosen?.port ?? ELSE_PORT;
    return { output: { port }, ports: [port] };
  },
});
