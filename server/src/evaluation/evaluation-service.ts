import { randomUUID } from 'node:crypto';
import type { ModelProviders } from '@tailor/nodes';
import { z } from 'zod';
import { HttpError, notFoundError } from '../http/http-error.js';
import type { FlowResolver } from '../runs/flow-resolver.js';
import type { RunService } from '../runs/run-service.js';
import {
  type EvaluationItem,
  type EvaluationSummary,
  EvaluationVersionSchema,
  ScorerSettingsSchema,
  type StoredEvaluation,
  type StoredEvaluationReport,
} from '../storage/evaluation-store.js';
import type { Storage } from '../storage/storage.js';
import { buildScorers, checkItems, ScorerSetupError } from './build-scorers.js';
import type { DatasetItem } from './dataset.js';
import { documentHash } from './document-hash.js';
import { evidenceCollector } from './evidence.js';
import { buildReport, type ItemResult } from './report.js';
import { defaultScorerNames, type Scorer, scoreItem } from './scorers.js';
import { itemsForScoring } from './stored-dataset.js';

export const StartEvaluationSchema = z
  .object({
    flowId: z.string().min(1),
    version: EvaluationVersionSchema,
    datasetId: z.string().min(1),
    /** Names as `tailor eval --scorer` takes them; empty: chosen from what the items have. */
    scorers: z.array(z.string().min(1)).max(20).default([]),
    /** The pass rate the evaluation must reach. */
    threshold: z.number().min(0).max(1).default(0.8),
    concurrency: z.number().int().min(1).max(16).default(4),
  })
  .extend(ScorerSettingsSchema.shape);
export type StartEvaluation = z.output<typeof StartEvaluationSchema>;

export interface EvaluationServiceDeps {
  storage: Storage;
  runs: RunService;
  resolver: FlowResolver;
  providers: () => ModelProviders | undefined;
  log(message: string, error?: unknown): void;
  /**
   * Mark evaluations left `running` by a previous process as failed before starting any: only when
   * this process is the only one running evaluations (no other server shares the storage).
   */
  recoverInterrupted?: boolean;
}

interface Active {
  controller: AbortController;
  runIds: Set<string>;
  done: Promise<void>;
}

interface Plan {
  record: StoredEvaluation;
  version: number | 'draft';
  items: DatasetItem[];
  scorers: Scorer[];
}

/** How often progress is stored (the editor polls it about every second). */
const STORE_EVERY_MS = 100;
/** How often the report of the items so far is stored with it (it grows with the items). */
const REPORT_EVERY_MS = 1_000;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Evaluations on the server: each dataset item runs through the run service (so it is recorded,
 * source `evaluation`), at most `concurrency` at once, in the background; progress and the report
 * are stored as they come. Cancelling stops the runs in flight and keeps the items that ended.
 */
export class EvaluationService {
  readonly #deps: EvaluationServiceDeps;
  readonly #active = new Map<string, Active>();
  readonly #ready: Promise<void>;
  readonly #listeners = new Set<(summary: EvaluationSummary) => void>();

  constructor(deps: EvaluationServiceDeps) {
    this.#deps = deps;
    this.#ready = deps.recoverInterrupted ? this.#recover() : Promise.resolve();
  }

  async #recover(): Promise<void> {
    try {
      const ids = await this.#deps.storage.evaluations.markInterrupted(Date.now());
      if (ids.length) this.#deps.log(`marked ${ids.length} evaluation(s) left running by the last stop as failed`);
    } catch (error) {
      this.#deps.log('marking interrupted evaluations failed', error);
    }
  }

  /** Checks the request, stores the evaluation as `running` and starts it; resolves before it ends. */
  async start(request: StartEvaluation): Promise<EvaluationSummary> {
    await this.#ready;
    const plan = await this.#plan(request);
    await this.#deps.storage.evaluations.put(plan.record);
    const controller = new AbortController();
    const active: Active = { controller, runIds: new Set(), done: Promise.resolve() };
    active.done = this.#execute(plan, active).finally(() => this.#active.delete(plan.record.id));
    this.#active.set(plan.record.id, active);
    return plan.record;
  }

  async cancel(id: string): Promise<EvaluationSummary> {
    const active = this.#active.get(id);
    if (active) {
      active.controller.abort();
      await Promise.all([...active.runIds].map((runId) => this.#deps.runs.cancel(runId).catch(() => false)));
      // The runs stop at their next step; the record is final once they have.
      await Promise.race([active.done, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    } else {
      const stored = await this.#deps.storage.evaluations.get(id);
      if (!stored) throw notFoundError(`Evaluation "${id}"`);
      // Running on another server: mark it; that server stops at its next item.
      if (stored.status === 'running') {
        await this.#deps.storage.evaluations.put({
          ...stored,
          status: 'cancelled',
          finishedAt: Date.now(),
        });
      }
    }
    const stored = await this.#deps.storage.evaluations.get(id);
    if (!stored) throw notFoundError(`Evaluation "${id}"`);
    const { report: _report, ...summary } = stored;
    return summary;
  }

  /**
   * Live progress of the evaluations running in this process: called as each item ends and once
   * when the evaluation ends (socket.io forwards it to the editor).
   */
  subscribe(listener: (summary: EvaluationSummary) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #publish(summary: EvaluationSummary): void {
    for (const listener of this.#listeners) {
      try {
        listener(summary);
      } catch (error) {
        this.#deps.log('an evaluation progress listener failed', error);
      }
    }
  }

  /** Resolves when the evaluation running here has ended (at once when it is not running here). */
  async settled(id: string): Promise<void> {
    await this.#active.get(id)?.done;
  }

  /** Cancels every evaluation running here (shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.#active.keys()].map((id) => this.cancel(id).catch(() => undefined)));
  }

  async #plan(request: StartEvaluation): Promise<Plan> {
    const { storage, resolver } = this.#deps;
    const flow = await storage.flows.get(request.flowId);
    if (!flow) throw notFoundError(`Flow "${request.flowId}"`);
    const dataset = await storage.datasets.get(request.datasetId);
    if (!dataset) throw notFoundError(`Dataset "${request.datasetId}"`);
    if (!dataset.items.length) {
      throw new HttpError(400, 'REQUEST_INVALID', `Dataset "${dataset.name}" has no items.`, [
        { path: ['datasetId'], message: 'body.datasetId: the dataset has no items' },
      ]);
    }
    const items = itemsForScoring(dataset.items);
    const names = request.scorers.length ? request.scorers : defaultScorerNames(items);
    if (!names.length) {
      throw new HttpError(400, 'REQUEST_INVALID', 'Nothing to score: name the scorers.', [
        { path: ['scorers'], message: 'body.scorers: no item has "expected", "facts" or "sources"; name the scorers' },
      ]);
    }
    const scorers = this.#scorers(names, request);
    const problems = checkItems(scorers, items);
    if (problems.length) {
      throw new HttpError(
        400,
        'REQUEST_INVALID',
        `Dataset "${dataset.name}" does not suit the scorers.`,
        problems.map((message) => ({ path: ['datasetId'], message })),
      );
    }
    // The version is fixed now, so every item runs the same one even if another is published meanwhile.
    const resolved = await resolver.resolve(flow.id, request.version === 'draft' ? 'draft' : request.version);
    const now = Date.now();
    const record: StoredEvaluation = {
      id: randomUUID(),
      flowId: flow.id,
      version: request.version,
      ...(resolved.flowVersion !== undefined ? { flowVersion: resolved.flowVersion } : { revision: flow.revision }),
      documentHash: documentHash(resolved.flowVersion !== undefined ? resolved.document : flow.document),
      datasetId: dataset.id,
      datasetName: dataset.name,
      scorers: scorers.map((scorer) => scorer.name),
      settings: ScorerSettingsSchema.parse(request),
      threshold: request.threshold,
      concurrency: request.concurrency,
      status: 'running',
      progress: { done: 0, total: items.length },
      createdAt: now,
    };
    return { record, version: resolved.flowVersion ?? 'draft', items, scorers };
  }

  #scorers(names: readonly string[], request: StartEvaluation): Scorer[] {
    try {
      return buildScorers(
        names,
        {
          ...(request.jsonFields ? { jsonFields: request.jsonFields } : {}),
          ...(request.judge ? { judge: request.judge } : {}),
          ...(request.rubric ? { rubric: request.rubric } : {}),
          ...(request.embed ? { embed: request.embed } : {}),
          ...(request.similarity !== undefined ? { similarity: request.similarity } : {}),
        },
        this.#deps.providers,
      );
    } catch (error) {
      if (!(error instanceof ScorerSetupError)) throw error;
      throw new HttpError(400, 'REQUEST_INVALID', error.message, [
        { path: ['scorers'], message: `body.scorers: ${error.message}` },
      ]);
    }
  }

  async #execute(plan: Plan, active: Active): Promise<void> {
    const { storage } = this.#deps;
    const { record, items } = plan;
    const results: Array<{ result: ItemResult; runId?: string } | undefined> = new Array(items.length);
    let next = 0;
    let done = 0;
    let cancelledElsewhere = false;
    let lastStored = Number.NEGATIVE_INFINITY;
    let lastReport = performance.now();
    const worker = async () => {
      while (next < items.length && !active.controller.signal.aborted) {
        const index = next++;
        results[index] = await this.#runItem(plan, items[index] as DatasetItem, active);
        done += 1;
        this.#publish({ ...record, progress: { done, total: items.length } });
        // Stored progress and a cancel from another server are checked at most every STORE_EVERY_MS:
        // a write and a read per item would cost more than a quick item itself.
        if (performance.now() - lastStored < STORE_EVERY_MS) continue;
        lastStored = performance.now();
        const withReport = lastStored - lastReport >= REPORT_EVERY_MS;
        if (withReport) lastReport = lastStored;
        await storage.evaluations.progress(record.id, done, withReport ? this.#reportOf(plan, results) : undefined);
        if ((await storage.evaluations.get(record.id))?.status === 'cancelled') {
          cancelledElsewhere = true;
          active.controller.abort();
        }
      }
    };
    let final: StoredEvaluation;
    try {
      const workers = Math.max(1, Math.min(record.concurrency, items.length));
      await Promise.all(Array.from({ length: workers }, worker));
      final = await this.#finish(plan, results, done, active.controller.signal.aborted || cancelledElsewhere);
    } catch (error) {
      this.#deps.log(`evaluation ${record.id} failed`, error);
      final = {
        ...record,
        status: 'failed',
        error: errorText(error),
        progress: { done, total: items.length },
        finishedAt: Date.now(),
      };
    }
    try {
      // Deleted while it ran: writing it now would bring it back.
      if (await storage.evaluations.get(record.id)) await storage.evaluations.put(final);
    } catch (error) {
      this.#deps.log('storing an evaluation failed', error);
    }
    const { report: _report, ...summary } = final;
    this.#publish(summary);
  }

  async #finish(
    plan: Plan,
    results: ReadonlyArray<{ result: ItemResult; runId?: string } | undefined>,
    done: number,
    cancelled: boolean,
  ): Promise<StoredEvaluation> {
    const { record, items } = plan;
    const report = this.#reportOf(plan, results);
    const draftChanged =
      plan.version === 'draft' && (await this.#deps.storage.flows.get(record.flowId))?.revision !== record.revision;
    return {
      ...record,
      status: cancelled ? 'cancelled' : 'succeeded',
      progress: { done, total: items.length },
      ...(cancelled ? {} : { score: report.summary.passRate, passed: report.summary.passedThreshold }),
      ...(draftChanged ? { draftChanged: true } : {}),
      finishedAt: Date.now(),
      report,
    };
  }

  /** The report of the items that have ended, in dataset order. */
  #reportOf(
    plan: Plan,
    results: ReadonlyArray<{ result: ItemResult; runId?: string } | undefined>,
  ): StoredEvaluationReport {
    const { record, items } = plan;
    const ended = results.flatMap((entry, index) => (entry ? [{ ...entry, index }] : []));
    const report = buildReport(
      ended.map((entry) => entry.result),
      record.threshold,
    );
    const reportItems: EvaluationItem[] = report.items.map((scored, position) => {
      const { index, runId } = ended[position] as (typeof ended)[number];
      const item = items[index] as DatasetItem;
      return {
        ...scored,
        index,
        inputs: item.inputs,
        ...(item.expected !== undefined ? { expected: item.expected } : {}),
        ...(item.facts ? { facts: item.facts } : {}),
        ...(item.sources ? { sources: item.sources } : {}),
        ...(runId ? { runId } : {}),
        scores: [...scored.scores],
      };
    });
    return { items: reportItems, summary: report.summary };
  }

  async #runItem(plan: Plan, item: DatasetItem, active: Active): Promise<{ result: ItemResult; runId?: string }> {
    const { record, scorers } = plan;
    const base = { line: item.line, ...(item.id ? { id: item.id } : {}) };
    const collector = evidenceCollector();
    let started: Awaited<ReturnType<RunService['start']>>;
    try {
      started = await this.#deps.runs.start(record.flowId, {
        inputs: item.inputs,
        version: plan.version,
        source: 'evaluation',
        // Each item is its own conversation, so memory nodes do not leak between items.
        sessionId: `eval-${record.id}-${item.line}`,
        onEvent: collector.onEvent,
      });
    } catch (error) {
      const result: ItemResult = {
        ...base,
        status: 'failed',
        error: errorText(error),
        output: undefined,
        scores: [],
        durationMs: 0,
      };
      return { result };
    }
    active.runIds.add(started.runId);
    // Cancelled while this run was being started: it missed the cancel, so it gets one now.
    if (active.controller.signal.aborted) void this.#deps.runs.cancel(started.runId).catch(() => false);
    const end = await started.ended;
    active.runIds.delete(started.runId);
    const status = end.status === 'succeeded' ? 'succeeded' : end.status === 'cancelled' ? 'cancelled' : 'failed';
    const ran = {
      ...base,
      status,
      output: end.output,
      durationMs: end.durationMs,
      ...(end.usage ? { usage: end.usage } : {}),
    } as const;
    if (status !== 'succeeded') {
      return { result: { ...ran, error: end.error?.message ?? status, scores: [] }, runId: started.runId };
    }
    try {
      const scores = await scoreItem(scorers, end.output, item, {
        field: record.settings.field,
        evidence: collector.evidence(),
      });
      return { result: { ...ran, scores }, runId: started.runId };
    } catch (error) {
      return {
        result: { ...ran, status: 'failed', error: `scoring failed: ${errorText(error)}`, scores: [] },
        runId: started.runId,
      };
    }
  }
}
