import type { FlowGraph } from '../contract/flow-document.js';
import type { GraphRunOptions, GraphRunResult, NodeContext, NodeDelta } from '../contract/node-definition.js';
import type { LogLevel, NodeRecord } from '../contract/run-record.js';
import type { ServiceRegistry } from '../contract/services.js';
import { compileValue, type TemplateScope } from '../template/resolve.js';
import type { RunState } from './run-state.js';

const MAX_LOG_ENTRIES = 1_000;
const MAX_LOG_CHARS = 10_000;

/** Starts a nested graph for a node; provided by the graph that runs the node. */
export type NestedGraphRunner = (
  graph: FlowGraph,
  options: GraphRunOptions,
  record: NodeRecord,
) => Promise<GraphRunResult>;

/** One attempt of one node: what `run(ctx)` sees. */
export class NodeAttemptContext implements NodeContext<unknown> {
  #controller: AbortController | undefined;
  #signal: AbortSignal | undefined;
  #aborted: Promise<never> | undefined;

  constructor(
    private readonly state: RunState,
    readonly config: unknown,
    readonly rawConfig: Readonly<Record<string, unknown>>,
    readonly node: { readonly id: string; readonly type: string; readonly name?: string },
    readonly attempt: number,
    readonly timeoutMs: number,
    private readonly graph: { readonly signal: AbortSignal },
    private readonly scope: TemplateScope,
    private readonly scopePath: string[] | undefined,
    private readonly record: NodeRecord,
    private readonly nested: NestedGraphRunner,
  ) {}

  get run(): NodeContext<unknown>['run'] {
    const { runId, flowId, inputs, sessionId } = this.state;
    return { id: runId, flowId, inputs, sessionId };
  }

  get services(): ServiceRegistry {
    return this.state.services;
  }

  /** Created on first use: most nodes never look at it, and a sync node cannot be interrupted. */
  get signal(): AbortSignal {
    if (!this.#signal) {
      this.#controller = new AbortController();
      this.#signal = AbortSignal.any([this.graph.signal, this.#controller.signal]);
    }
    return this.#signal;
  }

  /** Stops this attempt (time limit): aborts its signal and settles `aborted`. */
  abort(reason: unknown): void {
    void this.signal;
    this.#controller?.abort(reason);
  }

  /** Rejects when this attempt is aborted, by the run or by its time limit. */
  get aborted(): Promise<never> {
    if (!this.#aborted) {
      const signal = this.signal;
      this.#aborted = new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
      this.#aborted.catch(() => {});
    }
    return this.#aborted;
  }

  // Node authors destructure the context (`run: ({ emit, log }) => …`): methods are handed out
  // bound, and only made when a node asks for them.
  #emit: ((delta: NodeDelta) => void) | undefined;
  #log: ((level: LogLevel, message: string) => void) | undefined;
  #resolve: NodeContext<unknown>['resolve'] | undefined;
  #runGraph: NodeContext<unknown>['runGraph'] | undefined;

  get emit(): (delta: NodeDelta) => void {
    this.#emit ??= this.#emitDelta.bind(this);
    return this.#emit;
  }

  get log(): (level: LogLevel, message: string) => void {
    this.#log ??= this.#appendLog.bind(this);
    return this.#log;
  }

  get resolve(): NodeContext<unknown>['resolve'] {
    this.#resolve ??= this.#resolveValue.bind(this);
    return this.#resolve;
  }

  get runGraph(): NodeContext<unknown>['runGraph'] {
    this.#runGraph ??= this.#runNested.bind(this);
    return this.#runGraph;
  }

  #emitDelta(delta: NodeDelta): void {
    this.state.emit({ type: 'node.delta', nodeId: this.node.id, scope: this.scopePath, ...delta });
  }

  #appendLog(level: LogLevel, message: string): void {
    const logs = this.record.logs;
    if (logs.length >= MAX_LOG_ENTRIES) return;
    const text = message.length > MAX_LOG_CHARS ? `${message.slice(0, MAX_LOG_CHARS)}… (truncated)` : message;
    logs.push({
      at: Date.now(),
      level,
      message: logs.length === MAX_LOG_ENTRIES - 1 ? 'further log lines dropped' : text,
    });
  }

  #resolveValue(value: unknown, scope?: Record<string, unknown>): unknown {
    const merged = scope ? Object.assign(Object.create(null), this.scope, scope) : this.scope;
    return compileValue(value, `node "${this.node.id}"`)(merged);
  }

  #runNested(graph: FlowGraph, options: GraphRunOptions): Promise<GraphRunResult> {
    return this.nested(graph, { ...options, signal: options.signal ?? this.signal }, this.record);
  }
}
