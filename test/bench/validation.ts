import { catalogue } from '@tailor/nodes';
import { FlowDocumentSchema, validateFlow } from '@tailor/runtime';
import type { BenchArea, BenchRow } from './bench-row.js';

/**
 * A flow of `size` nodes shaped like real ones, only bigger: an input, then template nodes in a
 * chain with fan-outs and joins (every node also hangs below the node at half its position), each
 * referencing the input and two ancestors, and a condition every 50 nodes whose two ports both
 * lead on. Every node is valid, so validation does all its work.
 */
export function syntheticFlow(size: number): unknown {
  const nodes: unknown[] = [{ id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } }];
  const edges: unknown[] = [];
  const id = (index: number) => (index === 0 ? 'start' : `n${index}`);
  const isCondition = (index: number) => index > 0 && index % 50 === 0;
  // What each node outputs: the input's question, a condition's port, a template's text.
  const ref = (index: number) => `${id(index)}.${index === 0 ? 'question' : isCondition(index) ? 'port' : 'text'}`;
  // An edge below a condition leaves by its "else" port (taken when the case is false).
  const edge = (from: number, to: number) =>
    isCondition(from) ? { from: id(from), port: 'else', to: id(to) } : { from: id(from), to: id(to) };
  for (let index = 1; index < size; index++) {
    const parent = index - 1;
    const join = Math.floor(index / 2);
    nodes.push(
      isCondition(index)
        ? {
            id: id(index),
            type: 'condition',
            config: { cases: [{ port: 'long', when: [{ left: `{{ ${ref(join)} }}`, op: 'notEmpty' }] }] },
          }
        : {
            id: id(index),
            type: 'template',
            config: { template: `Q: {{ start.question }} / {{ ${ref(parent)} | upcase }} / {{ ${ref(join)} }}` },
          },
    );
    edges.push(edge(parent, index));
    if (isCondition(parent)) edges.push({ from: id(parent), port: 'long', to: id(index) });
    if (join !== parent) edges.push(edge(join, index));
  }
  return { schema: 'tailor.flow/v1', id: `synthetic-${size}`, name: `Synthetic ${size}`, nodes, edges };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median and best of `runs` timed calls, after warm-up (parse caches, JIT). */
function time(work: () => unknown, runs: number): { median: number; best: number } {
  for (let warm = 0; warm < 3; warm++) work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return { median: median(samples), best: Math.min(...samples) };
}

export const validationBench: BenchArea = {
  name: 'validation',
  async run() {
    const rows: BenchRow[] = [];
    let smallest: { size: number; ms: number } | undefined;
    for (const size of [300, 1_000, 3_000]) {
      const document = syntheticFlow(size);
      const check = validateFlow(document, catalogue);
      if (!check.valid) throw new Error(`The synthetic ${size}-node flow is invalid: ${check.problems[0]?.message}`);
      const runs = size >= 3_000 ? 9 : 21;
      const timing = time(() => validateFlow(document, catalogue), runs);
      const ms = timing.median;
      // The floor: zod parsing the same document's shape, with none of the graph or reference checks.
      const floor = time(() => FlowDocumentSchema.parse(document), runs).median;
      // Growth is judged on the best run: on a busy machine the median carries other processes' load.
      const perNode = (timing.best * 1_000) / size;
      smallest ??= { size, ms: timing.best };
      rows.push({
        area: 'validation',
        metric: `validate ${size}-node flow (median)`,
        value: ms,
        unit: 'ms',
        floor,
        ...(size === 3_000 ? { goal: '< 1000 ms' } : {}),
      });
      rows.push({
        area: 'validation',
        metric: `validate ${size}-node flow, per node (best run)`,
        value: perNode,
        unit: 'µs',
        ...(size === 3_000
          ? { goal: `near ${((smallest.ms * 1_000) / smallest.size).toFixed(0)} µs at ${smallest.size}` }
          : {}),
      });
    }
    return rows;
  },
};

export default validationBench;
