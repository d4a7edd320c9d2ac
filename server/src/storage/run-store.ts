import { type NodeRecord, RunErrorSchema, RunRecordSchema, RunStatusSchema, TokenUsageSchema } from '@tailor/runtime';
import { z } from 'zod';
import type { RunMetrics, RunMetricsRange } from './run-metrics.js';

/** Where a run came from, for the ops dashboard's filters. */
export const RunSourceSchema = z.enum(['editor', 'api', 'chat', 'cli', 'replay', 'rerun', 'subflow', 'evaluation']);

/** The visitor a host page vouched for (the widget's signed identity). */
export const RunEndUserSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
});

const RunLinksSchema = z.object({
  source: RunSourceSchema,
  endUser: RunEndUserSchema.optional(),
  sessionId: z.string().optional(),
  /** Set on a run started by another run (a subflow node, a replay). */
  parentRunId: z.string().optional(),
  parentNodeId: z.string().optional(),
});

export const RunSummarySchema = RunLinksSchema.extend({
  id: z.string(),
  flowId: z.string(),
  flowVersion: z.number().int().optional(),
  status: RunStatusSchema,
  startedAt: z.number(),
  endedAt: z.number().optional(),
  durationMs: z.number().optional(),
  error: RunErrorSchema.optional(),
  usage: TokenUsageSchema.optional(),
});
export type RunSummary = z.output<typeof RunSummarySchema>;

/** The `tailor.run/v1` record with how the run was started. */
export const StoredRunSchema = RunRecordSchema.extend(RunLinksSchema.shape);
export type StoredRun = z.output<typeof StoredRunSchema>;

export type RunStart = Omit<StoredRun, 'status' | 'nodes' | 'output' | 'error' | 'endedAt' | 'durationMs' | 'usage'>;

export interface RunFinish {
  runId: string;
  status: Exclude<StoredRun['status'], 'running'>;
  output?: unknown;
  error?: StoredRun['error'];
  endedAt: number;
  durationMs: number;
  usage?: StoredRun['usage'];
  nodes: NodeRecord[];
}

/** One write of a run's life; the recorder groups many into one transaction. */
export type RunWrite =
  | { kind: 'start'; run: RunStart }
  /** A run that started and ended between two writes, stored at once. */
  | { kind: 'whole'; run: StoredRun }
  | { kind: 'nodes'; runId: string; nodes: NodeRecord[] }
  | { kind: 'finish'; finish: RunFinish };

export const RunFilterSchema = z.object({
  flowId: z.string().optional(),
  status: RunStatusSchema.optional(),
  /** Started at or after (epoch ms). */
  from: z.coerce.number().optional(),
  /** Started before (epoch ms). */
  to: z.coerce.number().optional(),
  minDurationMs: z.coerce.number().min(0).optional(),
  maxDurationMs: z.coerce.number().min(0).optional(),
  sessionId: z.string().optional(),
  /** Runs of one end user (the `id` of their signed identity). */
  endUserId: z.string().optional(),
  /** Words found in the run's id, inputs, output or error. */
  q: z.string().min(1).max(200).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type RunFilter = z.output<typeof RunFilterSchema>;

export interface RunPage {
  runs: RunSummary[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Runs with their node records: newest first, filtered, paged by a cursor that stays fast. */
export interface RunStore {
  /** Applies the writes in order, all or nothing. */
  write(batch: readonly RunWrite[]): Promise<void>;
  get(id: string): Promise<StoredRun | undefined>;
  list(filter: RunFilter): Promise<RunPage>;
  /** Marks every run still `running` as `interrupted` (after a crash); returns their ids. */
  markInterrupted(now: number): Promise<string[]>;
  /**
   * Deletes at most `limit` ended runs that started before `before` (epoch ms), oldest first, with
   * their node records and search text; returns how many. Retention calls it in small batches so
   * that no write holds the database for long.
   */
  deleteStartedBefore(before: number, limit: number): Promise<number>;
  /** Runs, errors, latency percentiles, tokens and cost per time bucket; slowest nodes; frequent errors. */
  metrics(range: RunMetricsRange): Promise<RunMetrics>;
}

/** Opaque keyset cursor: the last row's start time and id. */
export function encodeRunCursor(startedAt: number, id: string): string {
  return Buffer.from(JSON.stringify([startedAt, id])).toString('base64url');
}

export function decodeRunCursor(cursor: string): { startedAt: number; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { startedAt: value[0], id: value[1] };
    }
  } catch {
    // an unreadable cursor starts from the first page
  }
  return undefined;
}

const clip = (value: unknown, max: number) => (value === undefined ? '' : JSON.stringify(value).slice(0, max));

/**
 * The text the `q` filter searches: the start of the inputs, output and error. Bounded, because
 * every character costs index entries on each recorded run.
 */
export function runSearchText(run: { inputs: unknown; output?: unknown; error?: unknown }): string {
  return `${clip(run.inputs, 300)} ${clip(run.output, 300)} ${clip(run.error, 200)}`;
}

/** A finished run in one piece: its start and its end. */
export function wholeRun(start: RunStart, end: RunFinish): StoredRun {
  const { runId: _runId, ...rest } = end;
  return { ...start, ...rest };
}
