import { TailorError } from '../contract/error-codes.js';
import type { CodeSandbox, SandboxRunOptions } from '../contract/sandbox.js';
import { FastPathMemory } from './fast-path.js';
import { GuestAnswers } from './guest-result.js';
import { IsolatePool } from './isolate-pool.js';
import { RunGuard } from './run-guard.js';
import { type CallLimits, cancellationOf, runInIsolate, StoppedWithLogs, stoppedRunError } from './run-in-isolate.js';
import { type CodeSandboxOptions, CodeSandboxOptionsSchema, type CodeSandboxSettings } from './sandbox-options.js';

/** The sandbox a host creates once and shares: runs, plus control of its pooled isolates. */
export interface CodeSandboxHost extends CodeSandbox {
  /** Resolves once the warm isolates and their prepared contexts exist (await before serving). */
  ready(): Promise<void>;
  /** Isolates alive now (running or warm). */
  isolates(): number;
  /** Disposes every isolate; runs in progress fail, later runs are refused. */
  dispose(): void;
}

/** What one sandbox's runs share. */
interface SandboxParts {
  pool: IsolatePool;
  settings: CodeSandboxSettings;
  fastPath: FastPathMemory;
  answers: GuestAnswers;
}

/**
 * Creates the isolated-vm code sandbox. Each run borrows a pooled isolate of its memory limit, gets
 * a context prepared ahead of time (fresh per run), and hands back JSON made inside the isolate.
 */
export function createCodeSandbox(options: CodeSandboxOptions = {}): CodeSandboxHost {
  const settings = CodeSandboxOptionsSchema.parse(options);
  const { maxLogLines, maxLogLineChars, maxResultBytes, maxResultDepth } = settings;
  const parts: SandboxParts = {
    pool: new IsolatePool(settings),
    settings,
    fastPath: new FastPathMemory(settings.syncBudgetMs, 1_000),
    answers: new GuestAnswers({ maxLogLines, maxLogLineChars, maxResultBytes, maxResultDepth }),
  };
  parts.pool.warm().catch(() => undefined);
  return {
    async run(code, inputs, runOptions) {
      const answer = await runCode(parts, code, inputs, runOptions);
      return parts.answers.valueOf(answer, callLimits(settings, runOptions).memoryMb, runOptions.onLog);
    },
    ready: () => parts.pool.ready(),
    isolates: () => parts.pool.size,
    dispose: () => parts.pool.close(),
  };
}

/** The limits of one call: what was asked, within the server's maxima. */
export function callLimits(settings: CodeSandboxSettings, options: SandboxRunOptions): CallLimits {
  const memory = Number.isFinite(options.memoryMb) ? options.memoryMb : settings.defaultMemoryMb;
  const timeout = Number.isFinite(options.timeoutMs) ? options.timeoutMs : settings.defaultTimeoutMs;
  return {
    // Rounded up to 8 MB steps so that close limits share warm isolates; 8 MB is V8's floor here.
    memoryMb: Math.min(settings.maxMemoryMb, Math.max(8, Math.ceil(memory / 8) * 8)),
    timeoutMs: Math.min(settings.maxTimeoutMs, Math.max(1, Math.round(timeout))),
    graceMs: settings.graceMs,
  };
}

async function runCode(
  { pool, settings, fastPath, answers }: SandboxParts,
  code: string,
  inputs: unknown,
  options: SandboxRunOptions,
): Promise<unknown> {
  if (typeof code !== 'string') throw invalid('The code must be text.');
  if (code.length > settings.maxCodeChars) {
    throw invalid(`The code is ${code.length} characters long; the limit is ${settings.maxCodeChars}.`);
  }
  const inputsJson = jsonOfInputs(inputs);
  const { signal } = options;
  if (signal?.aborted) throw cancellationOf(signal);
  const limits = callLimits(settings, options);
  const slot =
    pool.acquireNow(limits.memoryMb) ??
    (await pool.acquire(limits.memoryMb, signal).catch((error: unknown) => {
      throw signal?.aborted ? cancellationOf(signal) : error;
    }));
  const guard = new RunGuard(slot, limits.graceMs, signal);
  try {
    if (signal?.aborted) throw cancellationOf(signal);
    return await runInIsolate(slot, code, inputsJson, limits, fastPath, guard).catch((error: unknown) => {
      if (error instanceof StoppedWithLogs) answers.deliverLogs(error.logsText, options.onLog);
      throw stoppedRunError(error, slot, limits, signal);
    });
  } finally {
    guard.disarm();
    pool.release(slot);
  }
}

function jsonOfInputs(inputs: unknown): string {
  try {
    return JSON.stringify(inputs ?? null) ?? 'null';
  } catch (error) {
    throw invalid(`The code's inputs are not JSON data (${error instanceof Error ? error.message : String(error)}).`);
  }
}

function invalid(message: string): TailorError {
  return new TailorError('CONFIG_INVALID', message);
}
