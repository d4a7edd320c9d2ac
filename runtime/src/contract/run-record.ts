import { z } from 'zod';
import { RunErrorSchema, RunStatusSchema } from './run-events.js';
import { TokenUsageSchema } from './usage.js';

export const RUN_RECORD_SCHEMA = 'tailor.run/v1' as const;

export const LogEntrySchema = z.object({
  at: z.number(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string(),
});
export type LogEntry = z.output<typeof LogEntrySchema>;
export type LogLevel = LogEntry['level'];

export const NodeStatusSchema = z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped']);
export type NodeStatus = z.output<typeof NodeStatusSchema>;

export interface NodeRecord {
  nodeId: string;
  type: string;
  status: NodeStatus;
  /** The config after {{ }} references were resolved, secrets never included. */
  config?: unknown;
  output?: unknown;
  ports?: string[];
  error?: z.output<typeof RunErrorSchema>;
  /** What the error policy did when the node failed. */
  handled?: 'fail' | 'port' | 'fallback';
  skipReason?: string;
  startedAt?: number;
  endedAt?: number;
  durationMs?: number;
  attempts: number;
  logs: LogEntry[];
  usage?: z.output<typeof TokenUsageSchema>;
  pinned?: boolean;
  /** Nested runs started by this node: loop items, agent tool calls. */
  children?: Array<{ label: string; nodes: NodeRecord[] }>;
}

export const NodeRecordSchema: z.ZodType<NodeRecord> = z.lazy(() =>
  z.object({
    nodeId: z.string(),
    type: z.string(),
    status: NodeStatusSchema,
    config: z.unknown().optional(),
    output: z.unknown().optional(),
    ports: z.array(z.string()).optional(),
    error: RunErrorSchema.optional(),
    handled: z.enum(['fail', 'port', 'fallback']).optional(),
    skipReason: z.string().optional(),
    startedAt: z.number().optional(),
    endedAt: z.number().optional(),
    durationMs: z.number().optional(),
    attempts: z.number().int().min(0),
    logs: z.array(LogEntrySchema),
    usage: TokenUsageSchema.optional(),
    pinned: z.boolean().optional(),
    children: z.array(z.object({ label: z.string(), nodes: z.array(NodeRecordSchema) })).optional(),
  }),
);

export const RunRecordSchema = z.object({
  schema: z.literal(RUN_RECORD_SCHEMA),
  id: z.string(),
  flowId: z.string(),
  flowVersion: z.number().int().optional(),
  status: RunStatusSchema,
  inputs: z.record(z.string(), z.unknown()),
  output: z.unknown().optional(),
  error: RunErrorSchema.optional(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  durationMs: z.number().optional(),
  usage: TokenUsageSchema.optional(),
  /** Node records in the order the nodes started (skipped nodes where they were skipped). */
  nodes: z.array(NodeRecordSchema),
});
export type RunRecord = z.output<typeof RunRecordSchema>;
