import { catalogue } from '@tailor/nodes';
import { type FlowDocument, FlowDocumentSchema, runFlow } from '@tailor/runtime';
import { Liquid } from 'liquidjs';
import { type BenchArea, type BenchRow, percentile } from './bench-row.js';

/**
 * Engine overhead per node: a linear flow of `template` nodes through `runFlow` (events and the run
 * record included), next to a plain chain of async calls doing the same rendering.
 */
const TEMPLATE = '{{ prev.text | size }} chars so far';

function linearFlow(length: number): FlowDocument {
  const nodes = Array.from({ length }, (_, index) => ({
    id: `t${index}`,
    type: 'template',
    config: { template: TEMPLATE.replace('prev', index === 0 ? 't0' : `t${index - 1}`) },
  }));
  nodes[0] = { id: 't0', type: 'template', config: { template: 'start' } };
  const edges = nodes.slice(1).map((node, index) => ({ from: `t${index}`, to: node.id }));
  return FlowDocumentSchema.parse({ schema: 'tailor.flow/v1', id: `linear-${length}`, name: 'bench', nodes, edges });
}

function fanOutFlow(width: number): FlowDocument {
  const branches = Array.from({ length: width }, (_, index) => ({
    id: `b${index}`,
    type: 'template',
    config: { template: '{{ root.text | size }} chars so far' },
  }));
  const nodes = [{ id: 'root', type: 'template', config: { template: 'start' } }, ...branches];
  const edges = branches.map((branch) => ({ from: 'root', to: branch.id }));
  return FlowDocumentSchema.parse({ schema: 'tailor.flow/v1', id: `fan-${width}`, name: 'bench', nodes, edges });
}

/** The floor: the same renders in a chain of async function calls, templates parsed once. */
function plainChain(length: number): () => Promise<void> {
  const liquid = new Liquid({ ownPropertyOnly: true });
  const parsed = liquid.parse(TEMPLATE);
  const step = async (previous: { text: string }): Promise<{ text: string }> => ({
    text: liquid.renderSync(parsed, { prev: previous }) as string,
  });
  return async () => {
    let value = { text: 'start' };
    for (let index = 1; index < length; index++) value = await step(value);
  };
}

async function medianMicros(work: () => Promise<unknown>, runs: number): Promise<number> {
  for (let warm = 0; warm < Math.min(200, runs); warm++) await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

function engineRun(flow: FlowDocument): () => Promise<unknown> {
  let events = 0;
  return async () => {
    const result = await runFlow(flow, {}, { catalogue, onEvent: () => events++, concurrency: 16 }).result;
    if (result.status !== 'succeeded') throw new Error(`bench flow failed: ${result.error?.message}`);
  };
}

async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [length, runs] of [
    [10, 3000],
    [100, 400],
  ] as const) {
    const engine = await medianMicros(engineRun(linearFlow(length)), runs);
    const floor = await medianMicros(plainChain(length), runs);
    rows.push({
      area: 'engine',
      metric: `linear ${length} template nodes: time per node`,
      value: engine / length,
      unit: 'µs',
      floor: floor / length,
    });
    rows.push({
      area: 'engine',
      metric: `linear ${length}: overhead per node (engine − floor)`,
      value: (engine - floor) / length,
      unit: 'µs',
      goal: '< 5 µs',
    });
  }
  const fan = await medianMicros(engineRun(fanOutFlow(100)), 400);
  rows.push({ area: 'engine', metric: 'fan-out 100 parallel template nodes: whole run', value: fan, unit: 'µs' });
  rows.push({ area: 'engine', metric: 'fan-out 100: time per node', value: fan / 101, unit: 'µs' });
  return rows;
}

const area: BenchArea = { name: 'engine', run };
export default area;
