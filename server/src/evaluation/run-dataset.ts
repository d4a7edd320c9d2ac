import { type Catalogue, type FlowDocument, runFlow, type ServiceRegistry } from '@tailor/runtime';
import type { DatasetItem } from './dataset.js';
import { evidenceOf } from './evidence.js';
import type { ItemResult } from './report.js';
import { type Scorer, scoreItem } from './scorers.js';

export interface RunDatasetOptions {
  readonly catalogue: Catalogue;
  readonly services: ServiceRegistry;
  readonly scorers: readonly Scorer[];
  /** Score this field of the output (dotted path) instead of all of it. */
  readonly field?: string;
  /** Items running at once (each is one flow run). */
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Called as each item ends, in the order they end (for progress). */
  readonly onItem?: (result: ItemResult, done: number) => void;
}

async function runItem(document: FlowDocument, item: DatasetItem, options: RunDatasetOptions): Promise<ItemResult> {
  const started = performance.now();
  const handle = runFlow(document, item.inputs, {
    catalogue: options.catalogue,
    services: options.services,
    // Each item is its own conversation, so memory nodes do not leak between items.
    sessionId: `eval-line-${item.line}`,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const result = await handle.result;
  const base = {
    line: item.line,
    ...(item.id ? { id: item.id } : {}),
    status: result.status,
    output: result.output,
    durationMs: result.record.durationMs ?? performance.now() - started,
    ...(result.record.usage ? { usage: result.record.usage } : {}),
  };
  if (result.status !== 'succeeded') return { ...base, error: result.error?.message ?? result.status, scores: [] };
  const evidence = evidenceOf(result.record.nodes);
  return { ...base, scores: await scoreItem(options.scorers, result.output, item, { field: options.field, evidence }) };
}

/** Runs the flow once per item, at most `concurrency` at a time; results in the dataset's order. */
export async function runDataset(
  document: FlowDocument,
  items: readonly DatasetItem[],
  options: RunDatasetOptions,
): Promise<ItemResult[]> {
  const results: ItemResult[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length && !options.signal?.aborted) {
      const index = next++;
      const item = items[index] as DatasetItem;
      const result = await runItem(document, item, options);
      results[index] = result;
      options.onItem?.(result, ++done);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results.filter(Boolean);
}
