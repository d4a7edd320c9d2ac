import { type RunError, TailorError } from '../contract/error-codes.js';
import type { FlowGraph } from '../contract/flow-document.js';
import type { GraphRunOptions, GraphRunResult } from '../contract/node-definition.js';
import type { NodeRecord } from '../contract/run-record.js';
import type { TemplateScope } from '../template/resolve.js';
import { executeNode, type NodeEnvironment, type NodeOutcome } from './execute-node.js';
import { type GraphPlan, type PlannedNode, planGraph } from './plan.js';
import type { RunState } from './run-state.js';

/**
 * Runs one graph (the flow, or a nested body) over a ready queue: a node is ready when all its
 * incoming edges have settled and at least one is active; with none active it is skipped, and the
 * skip travels on. Ready nodes run concurrently up to the bound.
 */
export class GraphRun implements NodeEnvironment {
  readonly records: NodeRecord[] = [];
  #signal: AbortSignal | undefined;
  #controller: AbortController | undefined;
  readonly #pendingEdges: Int32Array;
  readonly #activeEdges: Int32Array;
  readonly #ready: number[] = [];
  #readyHead = 0;
  #running = 0;
  #settled = 0;
  #failure: RunError | undefined;
  #cancelled = false;
  #result: unknown;
  #finish: ((result: GraphRunResult) => void) | undefined;

  constructor(
    readonly state: RunState,
    private readonly plan: GraphPlan,
    readonly scope: TemplateScope,
    readonly scopePath: string[] | undefined,
    private readonly concurrency: number,
    private readonly parent: StopSource,
  ) {
    this.#pendingEdges = Int32Array.from(plan.nodes, (planned) => planned.incoming);
    this.#activeEdges = new Int32Array(plan.nodes.length);
  }

  /** Made on first use: most graphs finish without anyone needing to be told to stop. */
  get signal(): AbortSignal {
    if (!this.#signal) {
      this.#controller = new AbortController();
      this.#signal = AbortSignal.any([this.parent.signal, this.#controller.signal]);
      if (this.#failure) this.#controller.abort(this.#stopReason);
    }
    return this.#signal;
  }

  get aborted(): boolean {
    return this.stopped;
  }

  get stopped(): boolean {
    return this.#failure !== undefined || this.#cancelled || this.parent.aborted || this.#signal?.aborted === true;
  }

  #stopReason: TailorError | undefined;

  run(): Promise<GraphRunResult> {
    const done = new Promise<GraphRunResult>((resolve) => {
      this.#finish = resolve;
    });
    if (this.parent.aborted) this.#cancelled = true;
    for (const planned of this.plan.nodes) if (planned.incoming === 0) this.#ready.push(planned.index);
    this.#pump();
    return done;
  }

  readonly nested = (graph: FlowGraph, options: GraphRunOptions, parent: NodeRecord): Promise<GraphRunResult> => {
    const plan = planGraph(graph, this.state.catalogue);
    const scope: TemplateScope = Object.assign(Object.create(null), this.scope, options.scope);
    const path = [...(this.scopePath ?? []), parent.nodeId, options.label];
    const child = new GraphRun(
      this.state,
      plan,
      scope,
      path,
      options.concurrency ?? 4,
      signalSource(options.signal ?? this.signal),
    );
    parent.children ??= [];
    parent.children.push({ label: options.label, nodes: child.records });
    return child.run();
  };

  #pump(): void {
    while (this.#readyHead < this.#ready.length && this.#running < this.concurrency && !this.stopped) {
      const planned = this.plan.nodes[this.#ready[this.#readyHead++] as number] as PlannedNode;
      const record = this.#newRecord(planned);
      const outcome = executeNode(this, planned, record);
      if (outcome instanceof Promise) {
        this.#running++;
        outcome.then((settled) => {
          this.#running--;
          this.#settle(planned, settled);
          this.#pump();
        });
      } else {
        this.#settle(planned, outcome);
      }
    }
    this.#maybeFinish();
  }

  #newRecord(planned: PlannedNode): NodeRecord {
    const record: NodeRecord = {
      nodeId: planned.node.id,
      type: planned.node.type,
      status: 'running',
      attempts: 0,
      logs: [],
    };
    this.records.push(record);
    return record;
  }

  #settle(planned: PlannedNode, outcome: NodeOutcome): void {
    this.#settled++;
    if (outcome.kind === 'fatal') {
      if (this.#failure) return;
      this.#failure = outcome.error;
      this.#stopReason = new TailorError('RUN_CANCELLED', `Stopped because node "${planned.node.id}" failed.`);
      this.#controller?.abort(this.#stopReason);
      return;
    }
    if (outcome.kind === 'cancelled') {
      this.#cancelled = true;
      return;
    }
    this.scope[planned.node.id] = outcome.output;
    if (planned.definition.producesResult) this.#result = outcome.output;
    this.#release(planned, outcome.ports);
  }

  /** Settles the outgoing edges of a node, and of every node that is skipped as a consequence. */
  #release(planned: PlannedNode, fired: readonly string[]): void {
    // The skip stack is only made when a skip happens: most settles just ready their targets.
    let skipped: PlannedNode[] | undefined;
    let source = planned;
    let ports = fired;
    while (true) {
      for (const { target, port } of source.outgoing) {
        if (ports.includes(port)) this.#activeEdges[target] = (this.#activeEdges[target] ?? 0) + 1;
        const pending = (this.#pendingEdges[target] ?? 0) - 1;
        this.#pendingEdges[target] = pending;
        if (pending > 0) continue;
        if ((this.#activeEdges[target] ?? 0) > 0) {
          this.#ready.push(target);
        } else {
          const skip = this.plan.nodes[target] as PlannedNode;
          this.#skip(skip);
          skipped ??= [];
          skipped.push(skip);
        }
      }
      const next = skipped?.pop();
      if (!next) return;
      source = next;
      ports = NO_PORTS;
    }
  }

  #skip(planned: PlannedNode): void {
    const reason = `No active path reaches "${planned.node.id}": its incoming edges come from skipped nodes or unfired ports.`;
    this.#settled++;
    this.scope[planned.node.id] = null;
    this.records.push({
      nodeId: planned.node.id,
      type: planned.node.type,
      status: 'skipped',
      skipReason: reason,
      attempts: 0,
      logs: [],
    });
    this.state.emit({ type: 'node.skip', nodeId: planned.node.id, scope: this.scopePath, reason });
  }

  #maybeFinish(): void {
    if (!this.#finish || this.#running > 0) return;
    const complete = this.#settled === this.plan.nodes.length && !this.#cancelled;
    if (!complete && !this.stopped) return;
    const finish = this.#finish;
    this.#finish = undefined;
    if (!complete) this.#recordNotRun();
    if (this.#failure) finish({ status: 'failed', output: undefined, error: this.#failure, nodes: this.records });
    else if (!complete)
      finish({
        status: 'cancelled',
        output: undefined,
        error: cancelledError(this.#signal ?? this.parent.signal),
        nodes: this.records,
      });
    else finish({ status: 'succeeded', output: this.#result, nodes: this.records });
  }

  /** Nodes the run never reached, so the record accounts for every node. */
  #recordNotRun(): void {
    const seen = new Set(this.records.map((record) => record.nodeId));
    const reason = this.#failure
      ? 'Not run: the run failed before reaching this node.'
      : 'Not run: the run was cancelled.';
    for (const planned of this.plan.nodes) {
      if (seen.has(planned.node.id)) continue;
      this.records.push({
        nodeId: planned.node.id,
        type: planned.node.type,
        status: 'skipped',
        skipReason: reason,
        attempts: 0,
        logs: [],
      });
    }
  }
}

/** Where a graph learns that it must stop: the run, or the signal of the node that started it. */
export interface StopSource {
  readonly signal: AbortSignal;
  readonly aborted: boolean;
}

function signalSource(signal: AbortSignal): StopSource {
  return {
    signal,
    get aborted() {
      return signal.aborted;
    },
  };
}

const NO_PORTS: readonly string[] = [];

function cancelledError(signal: AbortSignal): RunError {
  const reason: unknown = signal.reason;
  return reason instanceof TailorError ? reason.toValue() : new TailorError('RUN_CANCELLED').toValue();
}
