import { z } from 'zod';
import { type RunError, TailorError, toRunError } from '../contract/error-codes.js';
import { DEFAULT_PORT, ERROR_PORT } from '../contract/flow-document.js';
import type { NodeResult } from '../contract/node-definition.js';
import type { NodeRecord } from '../contract/run-record.js';
import type { TemplateScope } from '../template/resolve.js';
import { type NestedGraphRunner, NodeAttemptContext } from './node-context.js';
import type { PlannedNode } from './plan.js';
import type { RunState } from './run-state.js';

/** How a node settled, as the scheduler needs it. */
export type NodeOutcome =
  | { kind: 'done'; output: unknown; ports: readonly string[] }
  | { kind: 'fatal'; error: RunError }
  | { kind: 'cancelled' };

/** What a node runs inside: its graph's scope, signal and record list. */
export interface NodeEnvironment {
  readonly state: RunState;
  readonly scope: TemplateScope;
  readonly scopePath: string[] | undefined;
  readonly signal: AbortSignal;
  /** True once the graph was told to stop; cheaper than creating its signal to ask. */
  readonly stopped: boolean;
  readonly nested: NestedGraphRunner;
}

const DEFAULT_PORTS: readonly string[] = [DEFAULT_PORT];
const ERROR_PORTS: readonly string[] = [ERROR_PORT];

/**
 * Runs one node: resolves its config, tries it as often as its retry policy allows within its time
 * limit, then applies its error policy. Stays synchronous for a node whose `run` is synchronous.
 */
export function executeNode(
  env: NodeEnvironment,
  planned: PlannedNode,
  record: NodeRecord,
): NodeOutcome | Promise<NodeOutcome> {
  const { node, definition } = planned;
  record.startedAt = Date.now();
  const pinned = env.scopePath ? undefined : env.state.pinned.get(node.id);
  if (pinned) return finishPinned(env, planned, record, pinned.output, pinned.ports ?? DEFAULT_PORTS);
  let config: unknown;
  try {
    config = planned.staticConfig ? parseStaticConfig(planned) : parseConfig(planned, planned.resolveConfig(env.scope));
  } catch (error) {
    return applyPolicy(env, planned, record, toRunError(error, 'CONFIG_INVALID'), 0);
  }
  record.config = config;
  const timeoutMs = node.timeoutMs ?? definition.defaultTimeoutMs ?? env.state.defaultTimeoutMs;
  return attempt(env, planned, record, config, timeoutMs, 1);
}

/**
 * A config without references parses the same every run: parse it once per plan. It is frozen so
 * a node that changed it could not leak the change into the next run.
 */
const staticConfigs = new WeakMap<PlannedNode, unknown>();

function parseStaticConfig(planned: PlannedNode): unknown {
  if (staticConfigs.has(planned)) return staticConfigs.get(planned);
  const config = deepFreeze(parseConfig(planned, planned.resolveConfig(Object.create(null))));
  staticConfigs.set(planned, config);
  return config;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function parseConfig(planned: PlannedNode, resolved: unknown): unknown {
  const parsed = planned.definition.config.safeParse(resolved);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`);
  throw new TailorError(
    'CONFIG_INVALID',
    `Node "${planned.node.id}": ${where.join('; ')}`,
    z.treeifyError(parsed.error),
  );
}

function attempt(
  env: NodeEnvironment,
  planned: PlannedNode,
  record: NodeRecord,
  config: unknown,
  timeoutMs: number,
  number: number,
): NodeOutcome | Promise<NodeOutcome> {
  if (env.stopped) return cancelled(env, record);
  const { node, definition } = planned;
  record.attempts = number;
  const state = env.state;
  state.publish({
    runId: state.runId,
    seq: state.nextSeq(),
    at: Date.now(),
    type: 'node.start',
    nodeId: node.id,
    nodeType: node.type,
    scope: env.scopePath,
    attempt: number,
  });
  const context = new NodeAttemptContext(
    env.state,
    config,
    node.config,
    { id: node.id, type: node.type, name: node.name },
    number,
    timeoutMs,
    env,
    env.scope,
    env.scopePath,
    record,
    env.nested,
  );
  let returned: NodeResult<unknown> | Promise<NodeResult<unknown>>;
  try {
    returned = definition.run(context);
  } catch (error) {
    return retryOrFail(env, planned, record, config, timeoutMs, number, error);
  }
  if (!isPromise(returned)) return succeed(env, planned, record, returned);
  return withTimeLimit(context, returned, timeoutMs).then(
    (result) => succeed(env, planned, record, result),
    (error: unknown) => retryOrFail(env, planned, record, config, timeoutMs, number, error),
  );
}

function withTimeLimit<T>(context: NodeAttemptContext, work: Promise<T>, timeoutMs: number): Promise<T> {
  work.catch(() => {});
  const timer = setTimeout(
    () => context.abort(new TailorError('NODE_TIMEOUT', `Node "${context.node.id}" exceeded ${timeoutMs} ms.`)),
    timeoutMs,
  );
  return Promise.race([work, context.aborted]).finally(() => clearTimeout(timer));
}

function succeed(
  env: NodeEnvironment,
  planned: PlannedNode,
  record: NodeRecord,
  result: NodeResult<unknown>,
): NodeOutcome {
  if (env.stopped) return cancelled(env, record);
  const ports = result.ports ?? DEFAULT_PORTS;
  const endedAt = Date.now();
  const durationMs = endedAt - (record.startedAt ?? endedAt);
  // Assigned one by one (same key order as before) rather than through a throwaway object: this
  // runs for every node of every run.
  record.status = 'succeeded';
  record.output = result.output;
  record.ports = [...ports];
  record.endedAt = endedAt;
  record.durationMs = durationMs;
  if (result.usage) {
    record.usage = result.usage;
    env.state.addUsage(result.usage);
  }
  const state = env.state;
  state.publish({
    runId: state.runId,
    seq: state.nextSeq(),
    at: Date.now(),
    type: 'node.end',
    nodeId: planned.node.id,
    scope: env.scopePath,
    output: result.output,
    ports: record.ports as string[],
    durationMs,
    attempts: record.attempts,
    usage: result.usage,
  });
  return { kind: 'done', output: result.output, ports };
}

function finishPinned(
  env: NodeEnvironment,
  planned: PlannedNode,
  record: NodeRecord,
  output: unknown,
  ports: readonly string[],
): NodeOutcome {
  Object.assign(record, {
    status: 'succeeded',
    output,
    ports: [...ports],
    pinned: true,
    endedAt: record.startedAt,
    durationMs: 0,
  });
  env.state.emit({
    type: 'node.end',
    nodeId: planned.node.id,
    scope: env.scopePath,
    output,
    ports: [...ports],
    durationMs: 0,
    attempts: 1,
    pinned: true,
  });
  return { kind: 'done', output, ports };
}

async function retryOrFail(
  env: NodeEnvironment,
  planned: PlannedNode,
  record: NodeRecord,
  config: unknown,
  timeoutMs: number,
  number: number,
  thrown: unknown,
): Promise<NodeOutcome> {
  if (env.stopped) return cancelled(env, record);
  const error = toRunError(thrown);
  const retry = planned.node.retry;
  if (retry && number < retry.attempts) {
    const backoff = (retry.backoffMs ?? 0) * 2 ** (number - 1);
    record.logs.push({
      at: Date.now(),
      level: 'warn',
      message: `Attempt ${number} failed (${error.message}); retrying in ${backoff} ms.`,
    });
    if (!(await sleep(backoff, env.signal))) return cancelled(env, record);
    return attempt(env, planned, record, config, timeoutMs, number + 1);
  }
  return applyPolicy(env, planned, record, error, number);
}

function applyPolicy(
  env: NodeEnvironment,
  planned: PlannedNode,
  record: NodeRecord,
  error: RunError,
  attempts: number,
): NodeOutcome {
  const { node } = planned;
  const handled = node.onError ?? 'fail';
  const endedAt = Date.now();
  const durationMs = endedAt - (record.startedAt ?? endedAt);
  Object.assign(record, { status: 'failed', error, handled, endedAt, durationMs, attempts: Math.max(attempts, 1) });
  env.state.emit({
    type: 'node.error',
    nodeId: node.id,
    scope: env.scopePath,
    error,
    attempts: record.attempts,
    durationMs,
    handled,
  });
  if (handled === 'port') {
    record.output = { error };
    record.ports = [ERROR_PORT];
    return { kind: 'done', output: record.output, ports: ERROR_PORTS };
  }
  if (handled === 'fallback') {
    record.output = node.fallback ?? null;
    record.ports = [DEFAULT_PORT];
    return { kind: 'done', output: record.output, ports: DEFAULT_PORTS };
  }
  return { kind: 'fatal', error };
}

/** The graph was stopped (run cancelled, or a sibling failed the run) while this node was due or running. */
function cancelled(env: NodeEnvironment, record: NodeRecord): NodeOutcome {
  const endedAt = Date.now();
  const reason: unknown = env.signal.reason ?? undefined;
  const error = reason instanceof TailorError ? reason.toValue() : toRunError(new TailorError('RUN_CANCELLED'));
  Object.assign(record, { status: 'failed', error, endedAt, durationMs: endedAt - (record.startedAt ?? endedAt) });
  return { kind: 'cancelled' };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Waits, unless the signal aborts first; says whether the wait completed. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!signal.aborted);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
