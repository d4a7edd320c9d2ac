import type { z } from 'zod';
import type { RunError } from './error-codes.js';
import type { FlowGraph } from './flow-document.js';
import type { LocalizedText } from './localized.js';
import type { LogLevel, NodeRecord } from './run-record.js';
import type { ServiceRegistry } from './services.js';
import type { TokenUsage } from './usage.js';

export type NodeCategory = 'io' | 'model' | 'knowledge' | 'tool' | 'safety' | 'logic' | 'code';

/** What a node's run returns: its output and, for a branching node, the ports it fires. */
export interface NodeResult<Output> {
  output: Output;
  /** Ports to fire; absent means the default port `out`. An empty list fires nothing. */
  ports?: readonly string[];
  usage?: TokenUsage;
}

export interface NodeDelta {
  /** Streamed text (tokens of an answer). */
  text?: string;
  /** Any other streamed value (a tool call started, progress). */
  data?: unknown;
}

/** A nested graph run by a node (a loop item, an agent's tool): its result and record. */
export interface GraphRunResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  output: unknown;
  error?: RunError;
  nodes: NodeRecord[];
}

export interface GraphRunOptions {
  /** Extra names visible to {{ }} references inside the graph, e.g. `item` and `index`. */
  scope: Record<string, unknown>;
  /** Shown in events' `scope` and in the record, e.g. the item index. */
  label: string;
  /** Bound of nodes running at once inside this graph. */
  concurrency?: number;
  signal?: AbortSignal;
}

export interface NodeContext<Config> {
  /** The config with every {{ }} reference resolved and validated against the node's schema. */
  readonly config: Config;
  /** The config exactly as written in the flow, for fields the engine leaves unresolved. */
  readonly rawConfig: Readonly<Record<string, unknown>>;
  readonly node: { readonly id: string; readonly type: string; readonly name?: string };
  readonly run: {
    readonly id: string;
    readonly flowId: string;
    readonly inputs: Readonly<Record<string, unknown>>;
    readonly sessionId?: string;
  };
  /** 1 on the first try, 2 on the first retry, … */
  readonly attempt: number;
  /** Aborted when the run is cancelled or the node's time limit passes. */
  readonly signal: AbortSignal;
  readonly services: ServiceRegistry;
  /** The node's time limit in ms, so a node can hand it on (the sandbox, a provider call). */
  readonly timeoutMs: number;
  emit(delta: NodeDelta): void;
  log(level: LogLevel, message: string): void;
  /** Resolves {{ }} references in a value with extra names in scope (for unresolved fields). */
  resolve(value: unknown, scope?: Record<string, unknown>): unknown;
  /** Runs a nested graph (loop body, agent tool) as a child of this node. */
  runGraph(graph: FlowGraph, options: GraphRunOptions): Promise<GraphRunResult>;
}

/**
 * A node type. The engine never branches on `type`: everything a node can do goes through this
 * definition and its context.
 */
export interface NodeDefinition<Config = unknown, Output = unknown> {
  readonly type: string;
  /** Version of the config format; bump it with a `migrate` step when the config changes shape. */
  readonly version: number;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly category: NodeCategory;
  /** Config schema with defaults: the single source of the node's settings form and its checks. */
  readonly config: z.ZodType<Config>;
  /** Schema of the output, so references like {{ kb.chunks }} can be offered and checked. */
  readonly output: z.ZodType<Output>;
  /** Ports the node may fire; default `["out"]`. */
  readonly ports?: readonly string[];
  /** Config keys the engine does not resolve (a loop's body, a code snippet). */
  readonly rawFields?: readonly string[];
  /** This node's output is the result of its graph: the flow's answer, or a loop body's item result. */
  readonly producesResult?: boolean;
  /** Time limit when the flow sets none. */
  readonly defaultTimeoutMs?: number;
  /** When ports depend on the config (one per condition case, one per class). */
  portsFor?(config: Config): readonly string[];
  /** When the output shape depends on the config (the input node's fields). */
  outputFor?(config: Config): z.ZodType;
  /**
   * Nested graphs inside the config as written (a loop's body), with the extra names their {{ }}
   * references may use, so validation and the editor can look inside without knowing the type.
   */
  subgraphs?(
    rawConfig: Readonly<Record<string, unknown>>,
  ): Array<{ field: string; graph: unknown; scope: readonly string[] }>;
  /** Brings a config written for an older version up to this one. */
  migrate?(config: Record<string, unknown>, fromVersion: number): Record<string, unknown>;
  run(context: NodeContext<Config>): Promise<NodeResult<Output>> | NodeResult<Output>;
}

/**
 * A node definition with its types erased, as the catalogue and the engine hold it. `run`, `portsFor`,
 * `outputFor` and `migrate` are methods (checked bivariantly), so every concrete definition fits;
 * the engine validates the config with the schema before calling `run`.
 */
export type AnyNodeDefinition = NodeDefinition<unknown, unknown>;

export function defineNode<Schema extends z.ZodType, OutputSchema extends z.ZodType>(
  definition: Omit<NodeDefinition<z.output<Schema>, z.output<OutputSchema>>, 'config' | 'output'> & {
    config: Schema;
    output: OutputSchema;
  },
): NodeDefinition<z.output<Schema>, z.output<OutputSchema>> {
  return definition as NodeDefinition<z.output<Schema>, z.output<OutputSchema>>;
}
