import {
  createCatalogue,
  defineNode,
  FlowGraphSchema,
  type FlowNodeInput,
  runFlow,
  ServiceRegistry,
} from '@tailor/runtime';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputNode } from '../control/input.js';
import { outputNode } from '../control/output.js';
import { templateNode } from '../control/template.js';
import { ModelProvidersService } from '../providers/interfaces.js';
import { createModelProviders } from '../providers/model-registry.js';
import { staticCredentials } from '../services/credentials.js';
import { agentNode } from './agent.js';

// A tiny computing node, standing in for the code node in this test's own catalogue.
const addNode = defineNode({
  type: 'add',
  version: 1,
  title: { en: 'Add', zh: '加' },
  description: { en: 'Adds two numbers.', zh: '两数相加。' },
  category: 'logic',
  config: z.object({ a: z.number(), b: z.number() }),
  output: z.object({ sum: z.number() }),
  run: ({ config }) => ({ output: { sum: config.a + config.b } }),
});
const catalogue = createCatalogue([inputNode, outputNode, templateNode, addNode, agentNode]);

let server: ProviderServer;
let services: ServiceRegistry;
beforeAll(async () => {
  server = await startProviderServer({ models: ['agent-model'] });
  const credentials = staticCredentials([
    { id: 'local', kind: 'api-key', provider: 'vllm', baseUrl: server.openaiBaseUrl },
  ]);
  services = new ServiceRegistry().provide(ModelProvidersService, createModelProviders(credentials));
});
afterAll(() => server.close());

const tools = [
  {
    name: 'add',
    description: 'Adds two numbers',
    parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
    node: { type: 'add', config: { a: '{{ args.a }}', b: '{{ args.b }}' } },
  },
  {
    name: 'weather',
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    graph: {
      nodes: [
        { id: 'say', type: 'template', config: { template: 'Weather in {{ args.city }}: 12°C' } },
        { id: 'out', type: 'output', config: { value: '{{ say.text }}' } },
      ],
      edges: [{ from: 'say', to: 'out' }],
    },
  },
];

function agentFlow(agent: Record<string, unknown>) {
  const nodes: FlowNodeInput[] = [
    { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } },
    {
      id: 'agent',
      type: 'agent',
      config: {
        provider: 'vllm',
        credential: 'local',
        model: 'agent-model',
        prompt: '{{ start.question }}',
        tools,
        ...agent,
      },
    },
    { id: 'end', type: 'output', config: { value: '{{ agent.text }}' } },
  ];
  const edges = [
    { from: 'start', to: 'agent' },
    { from: 'agent', to: 'end' },
  ];
  return { id: 'agent-test', ...FlowGraphSchema.parse({ nodes, edges }) };
}

describe('agent node', () => {
  it('calls two tools as child graphs, feeds their results back, and answers', async () => {
    server.enqueue({
      toolCalls: [
        { name: 'add', arguments: { a: 2, b: 3 } },
        { name: 'weather', arguments: { city: 'Paris' } },
      ],
    });
    server.enqueue({ text: '2 + 3 = 5, and it is 12°C in Paris.', usage: { input: 40, output: 12 } });
    const before = server.requests.length;
    const run = runFlow(
      agentFlow({}),
      { question: 'Add 2 and 3, and tell me the weather in Paris.' },
      { catalogue, services },
    );
    const { status, output, record } = await run.result;
    expect(status).toBe('succeeded');
    expect(output).toBe('2 + 3 = 5, and it is 12°C in Paris.');
    const agent = record.nodes.find((n) => n.nodeId === 'agent');
    expect(agent?.children?.map((c) => c.label)).toEqual(['step 1.1 add', 'step 1.2 weather']);
    expect(agent?.output).toMatchObject({
      steps: [
        { step: 1, tool: 'add', arguments: { a: 2, b: 3 }, result: { sum: 5 } },
        { step: 1, tool: 'weather', arguments: { city: 'Paris' }, result: 'Weather in Paris: 12°C' },
      ],
    });
    const second = (server.requests[before + 1]?.body ?? {}) as {
      messages: Array<{ role: string; content: string }>;
      tools: unknown[];
    };
    expect(second.tools).toHaveLength(2);
    expect(second.messages.filter((m) => m.role === 'tool').map((m) => m.content)).toEqual([
      '{"sum":5}',
      'Weather in Paris: 12°C',
    ]);
    expect(record.usage?.input).toBeGreaterThanOrEqual(40);
  });

  it('lets the model recover from bad arguments and unknown tools', async () => {
    server.enqueue({
      toolCalls: [
        { name: 'add', arguments: { a: 'two' } },
        { name: 'teleport', arguments: {} },
      ],
    });
    server.enqueue({ text: 'Sorry, I could not add those.' });
    const before = server.requests.length;
    const { status, record } = await runFlow(agentFlow({}), { question: 'x' }, { catalogue, services }).result;
    expect(status).toBe('succeeded');
    const toolMessages = (
      (server.requests[before + 1]?.body ?? { messages: [] }) as { messages: Array<{ role: string; content: string }> }
    ).messages.filter((m) => m.role === 'tool');
    expect(toolMessages[0]?.content).toMatch(/^Error: The arguments do not fit the tool's schema/);
    expect(toolMessages[1]?.content).toMatch(/^Error: There is no tool named "teleport"/);
    expect(record.nodes.find((n) => n.nodeId === 'agent')?.logs.some((l) => l.level === 'warn')).toBe(true);
  });

  it('stops at the step limit with AGENT_STEP_LIMIT', async () => {
    for (let i = 0; i < 2; i += 1) server.enqueue({ toolCalls: [{ name: 'add', arguments: { a: i, b: 1 } }] });
    const { status, error } = await runFlow(agentFlow({ maxSteps: 2 }), { question: 'loop' }, { catalogue, services })
      .result;
    expect(status).toBe('failed');
    expect(error).toMatchObject({ code: 'AGENT_STEP_LIMIT' });
  });

  it('stops when the token budget is spent', async () => {
    server.enqueue({ toolCalls: [{ name: 'add', arguments: { a: 1, b: 1 } }], usage: { input: 500, output: 20 } });
    const { error } = await runFlow(agentFlow({ tokenBudget: 300 }), { question: 'x' }, { catalogue, services }).result;
    expect(error).toMatchObject({ code: 'AGENT_TOKEN_BUDGET' });
    expect(error?.message).toContain('520 of 300');
  });

  it('infers the arguments of a tool that declares none from its {{ args.<name> }} references', async () => {
    const greet = {
      name: 'greet',
      description: 'Greets someone',
      node: { type: 'template', config: { template: 'Hi {{ args.name }} from {{ args.city }}' } },
    };
    server.enqueue({ toolCalls: [{ name: 'greet', arguments: { name: 'Li', city: 'Xi’an' } }] });
    server.enqueue({ text: 'Done.' });
    const before = server.requests.length;
    const { status } = await runFlow(agentFlow({ tools: [greet] }), { question: 'greet Li' }, { catalogue, services })
      .result;
    expect(status).toBe('succeeded');
    const first = (server.requests[before]?.body ?? {}) as { tools?: Array<{ function: { parameters: unknown } }> };
    expect(first.tools?.[0]?.function.parameters).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, city: { type: 'string' } },
      required: ['name', 'city'],
    });
    const second = (server.requests[before + 1]?.body ?? {}) as { messages: Array<{ role: string; content: string }> };
    expect(second.messages.find((m) => m.role === 'tool')?.content).toBe('Hi Li from Xi’an');
  });

  it('refuses a tool with neither graph nor node, and duplicate names', () => {
    const base = { provider: 'vllm', model: 'm', prompt: 'x' };
    const messages = (config: unknown) => agentNode.config.safeParse(config).error?.issues.map((i) => i.message);
    expect(messages({ ...base, tools: [{ name: 't', description: 'd' }] })).toEqual([
      'give each tool either a "graph" or a "node"',
    ]);
    expect(messages({ ...base, tools: [tools[0], tools[0]] })).toEqual(['two tools have the same name']);
  });
});
