import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  asAgentTool,
  CredentialsService,
  catalogue,
  createModelProviders,
  createSafeFetch,
  importOpenApi,
  ModelProvidersService,
  SafeFetchService,
  staticCredentials,
} from '@tailor/nodes';
import { type FlowDocumentInput, FlowDocumentSchema, runFlow, ServiceRegistry } from '@tailor/runtime';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The seed's demo: the model answers with live ticket prices from the company's API. An OpenAPI
 * operation is imported as an agent tool; the local OpenAI-compatible server scripts the tool call.
 */
const MODEL_KEY = 'sk-agent-0123456789abcdefghij';
const API_TOKEN = 'tickets-token-secret-42';
let models: ProviderServer;
let api: Server;
let apiBase: string;
const apiSeen: IncomingMessage[] = [];

beforeAll(async () => {
  models = await startProviderServer({ apiKey: MODEL_KEY, models: ['gpt-4o-mini'] });
  api = createServer((req, res) => {
    apiSeen.push(req);
    if (req.headers.authorization !== `Bearer ${API_TOKEN}`) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ spot: decodeURIComponent(req.url?.split('/')[3] ?? ''), adult: 80, child: 40, currency: 'CNY' }),
    );
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(async () => {
  api.close();
  await models.close();
});

const SPEC = {
  openapi: '3.0.3',
  paths: {
    '/v1/spots/{spotId}/prices': {
      get: {
        operationId: 'getPrices',
        summary: 'Live ticket prices of a scenic spot for one day',
        parameters: [
          { name: 'spotId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'date', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
        ],
      },
    },
  },
};

describe('agent with an imported OpenAPI tool', () => {
  it('calls the API with the stored credential and answers from its result', async () => {
    const [tool] = importOpenApi(SPEC, { baseUrl: apiBase, credential: 'tickets' });
    if (!tool) throw new Error('no tool imported');
    const credentials = staticCredentials([
      { id: 'openai', kind: 'bearer', provider: 'openai', apiKey: MODEL_KEY, baseUrl: models.openaiBaseUrl },
      { id: 'tickets', kind: 'bearer', apiKey: API_TOKEN },
    ]);
    const services = new ServiceRegistry()
      .provide(CredentialsService, credentials)
      .provide(ModelProvidersService, createModelProviders(credentials))
      .provide(SafeFetchService, createSafeFetch({ allow: ['127.0.0.1'] }));
    const flow: FlowDocumentInput = {
      schema: 'tailor.flow/v1',
      id: 'tickets-agent',
      name: 'Tickets agent',
      nodes: [
        { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } },
        {
          id: 'agent',
          type: 'agent',
          config: {
            provider: 'openai',
            model: 'gpt-4o-mini',
            prompt: '{{ start.question }}',
            tools: [asAgentTool(tool)],
          },
        },
        { id: 'end', type: 'output', config: { value: '{{ agent.text }}' } },
      ],
      edges: [
        { from: 'start', to: 'agent' },
        { from: 'agent', to: 'end' },
      ],
    };
    models.enqueue({ toolCalls: [{ name: 'getPrices', arguments: { spotId: '西湖', date: '2026-06-22' } }] });
    models.enqueue({ text: '西湖 adult tickets cost 80 CNY on 22 June.' });
    const before = models.requests.length;
    const result = await runFlow(
      FlowDocumentSchema.parse(flow),
      { question: '端午西湖门票多少钱？' },
      { catalogue, services },
    ).result;

    expect(result.status).toBe('succeeded');
    expect(result.output).toBe('西湖 adult tickets cost 80 CNY on 22 June.');
    expect(apiSeen.at(-1)?.url).toBe('/v1/spots/%E8%A5%BF%E6%B9%96/prices?date=2026-06-22');
    const second = models.requests.slice(before).at(-1)?.body as { messages: Array<{ role: string; content: string }> };
    const toolMessage = second.messages.find((message) => message.role === 'tool');
    expect(JSON.parse(toolMessage?.content ?? 'null')).toEqual({ spot: '西湖', adult: 80, child: 40, currency: 'CNY' });
    expect(JSON.stringify(second)).not.toContain(API_TOKEN);
    expect(JSON.stringify(result.record)).not.toContain(API_TOKEN);
  });
});
