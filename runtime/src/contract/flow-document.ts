import { z } from 'zod';

/** The only document version this runtime writes; older versions are migrated forward on load. */
export const FLOW_SCHEMA = 'tailor.flow/v1' as const;

export const NodeIdSchema = z
  .string()
  .min(1, 'a node id cannot be empty')
  .max(64, 'a node id is at most 64 characters')
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$/,
    'a node id starts with a letter or "_" and holds only letters, digits, "_" and single "-"',
  );

export const RetryPolicySchema = z.object({
  attempts: z.number().int().min(1).max(10).default(1),
  backoffMs: z.number().int().min(0).max(60_000).default(500),
});

export const ErrorPolicySchema = z.enum(['fail', 'port', 'fallback']);

export const FlowNodeSchema = z.object({
  id: NodeIdSchema,
  type: z.string().min(1, 'every node needs a type'),
  /** Version of the node type's config this node was written for; older configs are migrated. */
  version: z.number().int().min(1).optional(),
  /** Label shown on the canvas; the id stays the stable reference name. */
  name: z.string().max(200).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  timeoutMs: z.number().int().positive().max(3_600_000).optional(),
  retry: RetryPolicySchema.optional(),
  onError: ErrorPolicySchema.default('fail'),
  fallback: z.unknown().optional(),
});

export const FlowEdgeSchema = z.object({
  from: NodeIdSchema,
  to: NodeIdSchema,
  /** The output port of `from` this edge leaves by; absent means the default port `out`. */
  port: z.string().min(1).optional(),
});

/** Nodes and edges: the part shared by a flow and a nested body (the loop node's sub-flow). */
export const FlowGraphSchema = z.object({
  nodes: z.array(FlowNodeSchema),
  edges: z.array(FlowEdgeSchema).default([]),
});

export const FlowSettingsSchema = z
  .object({
    /** Upper bound of nodes running at once in one run. */
    concurrency: z.number().int().min(1).max(64).optional(),
    /** A chat flow takes `message` and a session, and streams its answer. */
    chat: z.boolean().optional(),
  })
  .catchall(z.unknown());

export const FlowDocumentSchema = FlowGraphSchema.extend({
  schema: z.literal(FLOW_SCHEMA),
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a flow id holds only letters, digits, ".", "_" and "-"'),
  name: z.string().min(1).max(200),
  description: z.string().max(5_000).optional(),
  settings: FlowSettingsSchema.optional(),
  /** Editor-only data (node positions, viewport); the engine ignores it. */
  ui: z
    .object({ positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() })).optional() })
    .catchall(z.unknown())
    .optional(),
});

export type FlowNode = z.output<typeof FlowNodeSchema>;
export type FlowNodeInput = z.input<typeof FlowNodeSchema>;
export type FlowEdge = z.output<typeof FlowEdgeSchema>;
export type FlowGraph = z.output<typeof FlowGraphSchema>;
export type FlowDocument = z.output<typeof FlowDocumentSchema>;
export type FlowDocumentInput = z.input<typeof FlowDocumentSchema>;
export type RetryPolicy = z.output<typeof RetryPolicySchema>;
export type ErrorPolicy = z.output<typeof ErrorPolicySchema>;

/** The port every node fires when it succeeds, unless its run says otherwise. */
export const DEFAULT_PORT = 'out';
/** The port a node with `onError: "port"` fires when it fails. */
export const ERROR_PORT = 'error';
