import type { z } from 'zod';
import type {
  GraphRunResult,
  NodeContext,
  NodeDefinition,
  NodeDelta,
  NodeResult,
} from '../contract/node-definition.js';
import type { LogEntry } from '../contract/run-record.js';
import { ServiceRegistry } from '../contract/services.js';

export interface NodeHarnessOptions {
  services?: ServiceRegistry;
  signal?: AbortSignal;
  inputs?: Record<string, unknown>;
  sessionId?: string;
  timeoutMs?: number;
  runGraph?: NodeContext<unknown>['runGraph'];
}

export interface NodeHarnessResult<Output> extends NodeResult<Output> {
  deltas: NodeDelta[];
  logs: LogEntry[];
}

/**
 * Runs one node definition outside a flow, for unit tests beside the node: parses the config with
 * the node's schema (defaults applied, no {{ }} resolution) and collects deltas and logs.
 */
export async function runNodeForTest<Config, Output>(
  definition: NodeDefinition<Config, Output>,
  config: z.input<z.ZodType<Config>> | Record<string, unknown>,
  options: NodeHarnessOptions = {},
): Promise<NodeHarnessResult<Output>> {
  const parsed = definition.config.parse(config);
  const deltas: NodeDelta[] = [];
  const logs: LogEntry[] = [];
  const context: NodeContext<Config> = {
    config: parsed,
    rawConfig: config as Record<string, unknown>,
    node: { id: 'node', type: definition.type },
    run: { id: 'test-run', flowId: 'test-flow', inputs: options.inputs ?? {}, sessionId: options.sessionId },
    attempt: 1,
    signal: options.signal ?? new AbortController().signal,
    services: options.services ?? new ServiceRegistry(),
    timeoutMs: options.timeoutMs ?? definition.defaultTimeoutMs ?? 30_000,
    emit: (delta) => deltas.push(delta),
    log: (level, message) => logs.push({ at: Date.now(), level, message }),
    resolve: (value) => value,
    runGraph:
      options.runGraph ??
      (async (): Promise<GraphRunResult> => {
        throw new Error('runGraph is not available in runNodeForTest; run the node inside a flow instead');
      }),
  };
  const result = await definition.run(context);
  return { ...result, deltas, logs };
}
