import { z } from 'zod';
import { TokenUsageSchema } from './usage.js';

export const RunErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

export const RunStatusSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type RunStatus = z.output<typeof RunStatusSchema>;

/**
 * Where a node sits: absent for the flow's own nodes; for nodes of a nested body (a loop item, an
 * agent's tool call) the chain of parents, e.g. `["summarise", "3"]` = item 3 of loop `summarise`.
 */
const ScopeSchema = z.array(z.string()).optional();

const base = {
  runId: z.string(),
  /** Position in the run's event sequence, from 1, without gaps: clients resume from it. */
  seq: z.number().int().min(1),
  /** Epoch milliseconds. */
  at: z.number(),
};

export const RunEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('run.start'),
    flowId: z.string(),
    inputs: z.record(z.string(), z.unknown()),
  }),
  z.object({
    ...base,
    type: z.literal('node.start'),
    nodeId: z.string(),
    nodeType: z.string(),
    scope: ScopeSchema,
    attempt: z.number().int().min(1),
  }),
  z.object({
    ...base,
    type: z.literal('node.delta'),
    nodeId: z.string(),
    scope: ScopeSchema,
    text: z.string().optional(),
    data: z.unknown().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('node.end'),
    nodeId: z.string(),
    scope: ScopeSchema,
    output: z.unknown(),
    ports: z.array(z.string()),
    durationMs: z.number(),
    attempts: z.number().int().min(1),
    usage: TokenUsageSchema.optional(),
    /** True when the output came from the record of an earlier run (re-run from a node). */
    pinned: z.boolean().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('node.skip'),
    nodeId: z.string(),
    scope: ScopeSchema,
    reason: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('node.error'),
    nodeId: z.string(),
    scope: ScopeSchema,
    error: RunErrorSchema,
    attempts: z.number().int().min(1),
    durationMs: z.number(),
    /** What the error policy did: failed the run, fired the `error` port, or used the fallback. */
    handled: z.enum(['fail', 'port', 'fallback']),
  }),
  z.object({
    ...base,
    type: z.literal('run.end'),
    status: RunStatusSchema.exclude(['running']),
    output: z.unknown().optional(),
    error: RunErrorSchema.optional(),
    durationMs: z.number(),
    usage: TokenUsageSchema.optional(),
  }),
]);

export type RunEvent = z.output<typeof RunEventSchema>;
export type RunEventType = RunEvent['type'];
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;
