import { catalogue } from '@tailor/nodes';
import {
  type CodeSandboxHost,
  CodeSandboxService,
  createCodeSandbox,
  type FlowDocument,
  FlowDocumentSchema,
  runFlow,
  ServiceRegistry,
} from '@tailor/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Code nodes inside real flows: the engine, the node catalogue and one shared sandbox. */
let sandbox: CodeSandboxHost;
let services: ServiceRegistry;
beforeAll(async () => {
  sandbox = createCodeSandbox();
  services = new ServiceRegistry().provide(CodeSandboxService, sandbox);
  await sandbox.ready();
});
afterAll(() => sandbox.dispose());

function flow(nodes: unknown[], edges: unknown[]): FlowDocument {
  return FlowDocumentSchema.parse({ schema: 'tailor.flow/v1', id: 'code-flow', name: 'code flow', nodes, edges });
}

const input = { id: 'start', type: 'input', config: { fields: [{ name: 'orders', type: 'array' }] } };

describe('code nodes in a flow', () => {
  it('compute from references and leave their console lines in the run record', async () => {
    const doc = flow(
      [
        input,
        {
          id: 'total',
          type: 'code',
          config: {
            inputs: { orders: '{{ start.orders }}' },
            code: 'console.log("orders:", inputs.orders.length);\nreturn { sum: inputs.orders.reduce((s, o) => s + o.amount, 0) };',
          },
        },
        { id: 'end', type: 'output', config: { value: 'Total {{ total.sum }}' } },
      ],
      [
        { from: 'start', to: 'total' },
        { from: 'total', to: 'end' },
      ],
    );
    const result = await runFlow(doc, { orders: [{ amount: 5 }, { amount: 7 }] }, { catalogue, services }).result;
    expect(result.status).toBe('succeeded');
    expect(result.output).toBe('Total 12');
    const record = result.record.nodes.find((node) => node.nodeId === 'total');
    expect(record?.logs.map((entry) => entry.message)).toEqual(['orders: 2']);
    expect(record?.output).toEqual({ sum: 12 });
  });

  it('fail only the hostile node: a parallel branch finishes and the fallback is used', async () => {
    const doc = flow(
      [
        input,
        {
          id: 'spin',
          type: 'code',
          config: { code: 'for (;;) {}' },
          timeoutMs: 300,
          onError: 'fallback',
          fallback: 'stopped',
        },
        {
          id: 'count',
          type: 'code',
          config: { inputs: { orders: '{{ start.orders }}' }, code: 'return inputs.orders.length;' },
        },
        { id: 'end', type: 'output', config: { value: { spin: '{{ spin }}', count: '{{ count }}' } } },
      ],
      [
        { from: 'start', to: 'spin' },
        { from: 'start', to: 'count' },
        { from: 'spin', to: 'end' },
        { from: 'count', to: 'end' },
      ],
    );
    const result = await runFlow(doc, { orders: [1, 2, 3] }, { catalogue, services }).result;
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({ spin: 'stopped', count: 3 });
    const spin = result.record.nodes.find((node) => node.nodeId === 'spin');
    expect(spin?.handled).toBe('fallback');
    expect(['SANDBOX_TIMEOUT', 'NODE_TIMEOUT']).toContain(spin?.error?.code);
  });

  it('route a memory bomb to the error port with a clear error', async () => {
    const doc = flow(
      [
        input,
        {
          id: 'bomb',
          type: 'code',
          config: { memoryMb: 16, code: 'const keep = [];\nfor (;;) keep.push(new Array(4096).fill(keep.length));' },
          timeoutMs: 20_000,
          onError: 'port',
        },
        { id: 'ok', type: 'output', config: { value: 'fine' } },
        { id: 'sorry', type: 'output', config: { value: '{{ bomb.error.code }}' } },
      ],
      [
        { from: 'start', to: 'bomb' },
        { from: 'bomb', to: 'ok' },
        { from: 'bomb', port: 'error', to: 'sorry' },
      ],
    );
    const result = await runFlow(doc, { orders: [] }, { catalogue, services }).result;
    expect(result.status).toBe('succeeded');
    const bomb = result.record.nodes.find((node) => node.nodeId === 'bomb');
    expect(bomb?.error?.code).toBe('SANDBOX_MEMORY');
    expect(bomb?.handled).toBe('port');
  });

  it('stop a spinning node when the run is cancelled, while another run completes', async () => {
    const spinning = flow(
      [
        input,
        { id: 'spin', type: 'code', config: { code: 'while (true) {}' }, timeoutMs: 60_000 },
        { id: 'end', type: 'output', config: { value: '{{ spin }}' } },
      ],
      [
        { from: 'start', to: 'spin' },
        { from: 'spin', to: 'end' },
      ],
    );
    const quick = flow(
      [
        input,
        {
          id: 'double',
          type: 'code',
          config: { inputs: { n: '{{ start.orders }}' }, code: 'return inputs.n.map((x) => x * 2);' },
        },
        { id: 'end', type: 'output', config: { value: '{{ double }}' } },
      ],
      [
        { from: 'start', to: 'double' },
        { from: 'double', to: 'end' },
      ],
    );
    const handle = runFlow(
      spinning,
      { orders: [] },
      {
        catalogue,
        services,
        onEvent: (event) => {
          if (event.type === 'node.start' && event.nodeId === 'spin') started();
        },
      },
    );
    let started = () => {};
    await new Promise<void>((resolve) => {
      started = resolve;
    });
    const other = await runFlow(quick, { orders: [1, 2] }, { catalogue, services }).result;
    expect(other.output).toEqual([2, 4]);
    handle.cancel('the user stopped it');
    const cancelled = await handle.result;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.record.nodes.find((node) => node.nodeId === 'spin')?.error?.code).toBe('RUN_CANCELLED');
  });
});
