import { TailorError } from '../contract/error-codes.js';
import type { CodeSandbox, SandboxRunOptions } from '../contract/sandbox.js';
import { FastPathMemory } from './fast-path.js';
import { errorOf, guestEnvelopeSchema, logsOf } from './guest-result.js';
import type { GuestLimits } from './guest-source.js';
import { IsolatePool } from './isolate-pool.js';
import { RunGuard } from './run-guard.js';
import { type CallLimits, cancellationOf, runInIsolate, stoppedRunError } from './run-in-isolate.js';
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

/**
 * Creates the isolated-vm code sandbox. Each run borrows a pooled isolate of its memory limit, gets
 * a context prepared ahead of time (fresh per run), and hands back JSON made inside the isolate.
 */
export function createCodeSandbox(options: CodeSandboxOptions = {}): CodeSandboxHost {
  const settings = CodeSandboxOptionsSchema.parse(options);
  const pool = new IsolatePool(settings);
  const limits: GuestLimits = {
    maxLogLines: settings.maxLogLines,
    maxLogLineChars: settings.maxLogLineChars,
    maxResultBytes: settings.maxResultBytes,
    maxResultDepth: settings.maxResultDepth,
  };
  const envelopeSchema = guestEnvelopeSchema(limits);
  const fastPath = new FastPathMemory(settings.syncBudgetMs, 1_000);
  pool.warm().catch(() => undefined);
  return {
    async run(code, inputs, runOptions) {
      const text = textOf(await runCode(pool, settings, fastPath, code, inputs, runOptions), settings, limits);
      const quick = plainValueOf(text, settings.maxResultBytes);
      if (quick) return quick.value;
      const envelope = envelopeSchema.safeParse(parseJson(text));
      if (!envelope.success) throw new TailorError('SANDBOX_RESULT', 'The sandbox returned something unreadable.');
      for (const entry of logsOf(envelope.data)) runOptions.onLog?.(entry);
      if ('error' in envelope.data) throw errorOf(envelope.data.error, callLimits(settings, runOptions).memoryMb);
      checkResultSize(text, envelope.data.value, settings.maxResultBytes);
      return envelope.data.value;
    },
    ready: () => pool.ready(),
    isolates: () => pool.size,
    dispose: () => pool.close(),
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
  pool: IsolatePool,
  settings: CodeSandboxSettings,
  fastPath: FastPathMemory,
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
  const slot = pool.acquireNow(limits.memoryMb) ?? (await pool.acquire(limits.memoryMb, signal));
  const guard = new RunGuard(slot, limits.graceMs, signal);
  try {
    if (signal?.aborted) throw cancellationOf(signal);
    return await runInIsolate(slot, code, inputsJson, limits, fastPath, guard).catch((error: unknown) => {
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

/** The guest's answer is untrusted: a string within what an honest envelope can weigh. */
function textOf(text: unknown, settings: CodeSandboxSettings, limits: GuestLimits): string {
  // The result plus every console line escaped at worst.
  const bound = settings.maxResultBytes + limits.maxLogLines * (limits.maxLogLineChars * 6 + 100) + 1_000;
  if (typeof text !== 'string' || text.length > bound) {
    throw new TailorError('SANDBOX_RESULT', 'The sandbox returned something unreadable.');
  }
  return text;
}

const PLAIN_VALUE_PREFIX = '{"logs":[],"dropped":0,"value":';

/**
 * The common answer (no console lines, a value) checked by its exact shape instead of the schema:
 * the prefix is fixed and the rest must parse as JSON, which is all the schema would check.
 */
function plainValueOf(text: string, maxResultBytes: number): { value: unknown } | undefined {
  // Short enough that even three bytes per character stay within the result limit.
  if (text.length * 3 > maxResultBytes || !text.startsWith(PLAIN_VALUE_PREFIX) || !text.endsWith('}')) return undefined;
  try {
    return { value: JSON.parse(text.slice(PLAIN_VALUE_PREFIX.length, -1)) };
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new TailorError('SANDBOX_RESULT', 'The sandbox returned something unreadable.');
  }
}

/** The guest counts characters; bytes can only be more, so only a long text needs the exact count. */
function checkResultSize(text: string, value: unknown, maxResultBytes: number): void {
  if (text.length * 3 <= maxResultBytes) return;
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
  if (bytes > maxResultBytes) {
    throw new TailorError('SANDBOX_RESULT', `The result is ${bytes} bytes of JSON; the limit is ${maxResultBytes}.`);
  }
}

function invalid(message: string): TailorError {
  return new TailorError('CONFIG_INVALID', message);
}
