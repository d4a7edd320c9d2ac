import { TailorError } from '../contract/error-codes.js';
import type { FastPathMemory } from './fast-path.js';
import {
  type Bound,
  discardContext,
  type IsolateSlot,
  type PreparedContext,
  readLogsAfterStop,
} from './isolate-slot.js';
import type { RunGuard } from './run-guard.js';

export interface CallLimits {
  timeoutMs: number;
  memoryMb: number;
  graceMs: number;
}

const IVM_TIMEOUT = 'Script execution timed out.';
/** The guest's answer when a snippet returned a thenable: its value is fetched by a second call. */
const PENDING = '\u0000pending';

/** The synchronous attempt ran past its budget; the run goes on asynchronously. */
class OverBudget extends Error {}

/** A run stopped at its time limit, with the console lines it wrote before (guest JSON text). */
export class StoppedWithLogs extends Error {
  readonly stopped: unknown;
  readonly logsText: unknown;

  constructor(stopped: unknown, logsText: unknown) {
    super('stopped');
    this.stopped = stopped;
    this.logsText = logsText;
  }
}

/**
 * Runs the snippet once in a fresh context of the slot and returns the guest's JSON text:
 * synchronously first when the snippet earned it (see FastPathMemory) and a context bound to it is
 * ready, else (or after an overrun) asynchronously on isolated-vm's threads, with the guard armed.
 */
export async function runInIsolate(
  slot: IsolateSlot,
  code: string,
  inputsJson: string,
  limits: CallLimits,
  fastPath: FastPathMemory,
  guard: RunGuard,
): Promise<unknown> {
  const started = performance.now();
  const prepared = fastPath.allows(code) ? slot.readyContextNow(code) : undefined;
  if (prepared?.bound?.code === code) {
    try {
      const answer = await runPrepared(slot, prepared, prepared.bound, inputsJson, limits, guard, fastPath.budgetMs);
      fastPath.succeeded(code);
      return answer;
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      fastPath.demote(code);
    }
  }
  const elapsed = performance.now() - started;
  const remaining = { ...limits, timeoutMs: Math.max(1, Math.round(limits.timeoutMs - elapsed)) };
  guard.arm(remaining.timeoutMs);
  const context = prepared && prepared.bound?.code !== code ? prepared : await slot.takeContext(code);
  const bound = await slot.boundTo(context, code).catch((error: unknown) => {
    setImmediate(discardContext, context);
    throw error;
  });
  const text = await runPrepared(slot, context, bound, inputsJson, remaining, guard);
  fastPath.record(code, performance.now() - started - elapsed);
  return text;
}

/**
 * One run in one prepared context. isolated-vm's own timeout stops synchronous code and microtask
 * loops; the guard (armed before any wait) stops whatever resumes later or never settles, and the
 * slot's `deathReason` says what stopped it. With `syncBudgetMs` the call enters the isolate on
 * this thread, stopped after that budget.
 */
async function runPrepared(
  slot: IsolateSlot,
  prepared: PreparedContext,
  { enter, plain }: Bound,
  inputsJson: string,
  limits: CallLimits,
  guard: RunGuard,
  syncBudgetMs?: number,
): Promise<unknown> {
  slot.runs += 1;
  const timeout = syncBudgetMs === undefined ? limits.timeoutMs : Math.min(syncBudgetMs, limits.timeoutMs);
  try {
    const answer =
      syncBudgetMs !== undefined && plain
        ? enter.applySync(undefined, [inputsJson], { timeout })
        : await pendingAnswer(enter, inputsJson, timeout, syncBudgetMs !== undefined, () =>
            guard.arm(limits.timeoutMs),
          );
    if (answer !== PENDING) return answer;
    guard.arm(limits.timeoutMs);
    return await enter.apply(undefined, [null], { result: { promise: true }, timeout: limits.timeoutMs });
  } catch (error) {
    if (isIvmTimeout(error) && syncBudgetMs !== undefined && syncBudgetMs < limits.timeoutMs) throw new OverBudget();
    if (!isIvmTimeout(error)) throw error;
    // isolated-vm ended the code and the isolate is idle: read its console lines, then dispose it.
    const logsText = readLogsAfterStop(prepared);
    slot.kill('timeout');
    throw new StoppedWithLogs(error, logsText);
  } finally {
    // Freed after the caller has its answer: releasing handles is not on the hot path.
    setImmediate(discardContext, prepared);
  }
}

/**
 * The answer of an async snippet, or any asynchronous call: a promise. The guard is armed before
 * waiting on it, since an async snippet that earned the synchronous path can still await forever.
 */
function pendingAnswer(
  enter: Bound['enter'],
  inputsJson: string,
  timeout: number,
  synchronous: boolean,
  arm: () => void,
): Promise<unknown> {
  const options = { result: { promise: true }, timeout } as const;
  const answer = synchronous
    ? enter.applySync(undefined, [inputsJson], options)
    : enter.apply(undefined, [inputsJson], options);
  arm();
  return answer;
}

function isIvmTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === IVM_TIMEOUT;
}

/** The error a run fails with when its isolate stopped it or died under it. */
export function stoppedRunError(thrown: unknown, slot: IsolateSlot, limits: CallLimits, signal?: AbortSignal): Error {
  if (thrown instanceof TailorError) return thrown;
  if (thrown instanceof StoppedWithLogs) return stoppedRunError(thrown.stopped, slot, limits, signal);
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  if (slot.deathReason === 'cancelled') return cancellationOf(signal);
  if (slot.deathReason === 'closed') {
    return new TailorError('SANDBOX_ERROR', 'The code sandbox was shut down before the code finished.');
  }
  if (slot.deathReason === 'timeout' || message === IVM_TIMEOUT) {
    return new TailorError('SANDBOX_TIMEOUT', `Limit: ${limits.timeoutMs} ms.`, { timeoutMs: limits.timeoutMs });
  }
  if (message.includes('memory limit')) {
    return new TailorError('SANDBOX_MEMORY', `Limit: ${limits.memoryMb} MB.`, { memoryMb: limits.memoryMb });
  }
  if (slot.alive) slot.kill('recycled');
  return new TailorError('SANDBOX_ERROR', `The sandbox stopped unexpectedly (${message}).`);
}

/** The abort reason when it is already a Tailor error (the engine's timeout), else RUN_CANCELLED. */
export function cancellationOf(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof TailorError) return reason;
  return new TailorError('RUN_CANCELLED', 'The code was stopped.');
}
