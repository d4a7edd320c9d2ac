import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalogue, createSafeFetch, importOpenApi, SafeFetchService } from '@tailor/nodes';
import { type FlowDocumentInput, FlowDocumentSchema, type RunEvent, runFlow, ServiceRegistry } from '@tailor/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The API tool inside real flows: an operation imported from OpenAPI, and the guard's refusal taking the error port. */
let server: Server;
let base: string;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { url: req.url, price: 80, currency: 'CNY' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const SPEC = `
openapi: 3.0.3
servers: [{ url: https://tickets.example/v1 }]
paths:
  /spots/{spotId}/prices:
    get:
      operationId: getPrices
      parameters:
        - { name: spotId, in: path, required: true, schema: { type: string } }
        - { name: date, in: query, required: true, schema: { type: string } }
`;

async function run(flow: FlowDocumentInput, inputs: Record<string, unknown>, services: ServiceRegistry) {
  const events: RunEvent[] = [];
  const handle = runFlow(FlowDocumentSchema.parse(flow), inputs, {
    catalogue,
    services,
    onEvent: (e) => events.push(e),
  });
  return { result: await handle.result, events };
}

describe('http node in a flow', () => {
  it('runs an operation imported from OpenAPI, arguments filled in by references', async () => {
    const [tool] = importOpenApi(SPEC, { baseUrl: `${base}/v1` });
    const flow: FlowDocumentInput = {
      schema: 'tailor.flow/v1',
      id: 'prices',
      name: 'Prices',
      nodes: [
        {
          id: 'args',
          type: 'input',
          config: {
            fields: [
              { name: 'spotId', type: 'string' },
              { name: 'date', type: 'string' },
            ],
          },
        },
        { id: 'prices', type: 'http', config: { ...tool?.http, responsePath: '$.data' } },
        { id: 'end', type: 'output', config: { value: '{{ prices.body }}' } },
      ],
      edges: [
        { from: 'args', to: 'prices' },
        { from: 'prices', to: 'end' },
      ],
    };
    const services = new ServiceRegistry().provide(SafeFetchService, createSafeFetch({ allow: ['127.0.0.1'] }));
    const { result } = await run(flow, { spotId: '西湖 1/2', date: '2026-06-22' }, services);
    expect(result.status).toBe('succeeded');
    expect(result.output).toEqual({
      url: '/v1/spots/%E8%A5%BF%E6%B9%96%201%2F2/prices?date=2026-06-22',
      price: 80,
      currency: 'CNY',
    });
  });

  it('takes the error port with the guard reason when the address is internal', async () => {
    const port = new URL(base).port;
    const flow: FlowDocumentInput = {
      schema: 'tailor.flow/v1',
      id: 'ssrf',
      name: 'SSRF attempt',
      nodes: [
        { id: 'start', type: 'input', config: { fields: [{ name: 'host', type: 'string' }] } },
        {
          id: 'call',
          type: 'http',
          onError: 'port',
          config: { url: `http://{{ start.host }}:${port}/admin`, retries: 0 },
        },
        { id: 'sorry', type: 'template', config: { template: 'That address cannot be reached.' } },
        { id: 'end', type: 'output', config: { value: '{{ sorry.text }}' } },
      ],
      edges: [
        { from: 'start', to: 'call' },
        { from: 'call', port: 'error', to: 'sorry' },
        { from: 'sorry', to: 'end' },
      ],
    };
    const before = seen.length;
    const { result, events } = await run(
      flow,
      { host: '2130706433' },
      new ServiceRegistry().provide(SafeFetchService, createSafeFetch()),
    );
    expect(result.output).toBe('That address cannot be reached.');
    const error = events.find((e) => e.type === 'node.error');
    expect(error).toMatchObject({ nodeId: 'call', handled: 'port', error: { code: 'HTTP_ADDRESS_REFUSED' } });
    expect(error?.type === 'node.error' && error.error.message).toContain('loopback');
    expect(seen.length).toBe(before);
  });
});
