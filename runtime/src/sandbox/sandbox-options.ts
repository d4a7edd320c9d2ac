import { z } from 'zod';

/** Server-wide settings of the code sandbox; every field has a default. */
export const CodeSandboxOptionsSchema = z.object({
  /** Ceiling for a call's memory limit (MB); larger requests are lowered to it. */
  maxMemoryMb: z.number().int().min(8).default(256),
  /** Ceiling for a call's time limit (ms); longer requests are lowered to it. */
  maxTimeoutMs: z.number().int().positive().default(60_000),
  /** Time limit of a call that gives none (ms). */
  defaultTimeoutMs: z.number().int().positive().default(5_000),
  /** Memory limit whose isolates are created ahead of time (the code node's default). */
  defaultMemoryMb: z.number().int().min(8).default(64),
  /** Warm isolates kept per memory limit, each with contexts prepared for the next runs. */
  warmIsolates: z.number().int().min(0).max(16).default(2),
  /** Prepared contexts kept per warm isolate. */
  contextsPerIsolate: z.number().int().min(1).max(8).default(2),
  /** Isolates alive at once (running or warm); further runs wait for one to free up. */
  maxIsolates: z.number().int().positive().default(8),
  /** An isolate is replaced after this many runs, so nothing it accumulates outlives it for long. */
  recycleAfterRuns: z.number().int().positive().default(1000),
  maxCodeChars: z.number().int().positive().default(200_000),
  maxResultBytes: z
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  maxResultDepth: z.number().int().positive().default(200),
  maxLogLines: z.number().int().min(0).default(200),
  maxLogLineChars: z.number().int().positive().default(2_000),
  /**
   * Budget (ms) of the synchronous fast path for snippets that ran quickly before; 0 turns it off,
   * so that no user code ever runs on the host's thread (every call then pays a thread hop).
   */
  syncBudgetMs: z.number().min(0).max(50).default(2),
  /**
   * Extra wall time after the limit before the host disposes an isolate that did not stop: enough
   * for isolated-vm's own (late under load) timeout to win, which keeps the run's console lines.
   */
  graceMs: z.number().int().min(0).default(250),
});

export type CodeSandboxOptions = z.input<typeof CodeSandboxOptionsSchema>;
export type CodeSandboxSettings = z.output<typeof CodeSandboxOptionsSchema>;
