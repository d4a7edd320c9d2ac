import { ServiceRegistry } from '@tailor/runtime';
import { runNodeForTest } from '@tailor/runtime/testing';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProvidersService } from '../providers/interfaces.js';
import { createModelProviders } from '../providers/model-registry.js';
import { PriceTableService, parsePriceTable } from '../providers/prices.js';
import { staticCredentials } from '../services/credentials.js';
import { modelNode } from './model.js';
import { ModelSideGuardService } from './model-call.js';

const KEY = 'sk-model-node-0123456789abcdef';
let server: ProviderServer;
let services: ServiceRegistry;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, models: ['gpt-4o-mini', 'claude-test'] });
  const credentials = staticCredentials([
    { id: 'openai', kind: 'api-key', provider: 'openai', apiKey: KEY, baseUrl: server.openaiBaseUrl },
    { id: 'claude', kind: 'api-key', provider: 'anthropic', apiKey: KEY, baseUrl: server.anthropicBaseUrl },
  ]);
  const providers = createModelProviders(credentials, { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  services = new ServiceRegistry().provide(ModelProvidersService, providers);
});
afterAll(() => server.close());

const base = { provider: 'openai', model: 'gpt-4o-mini' };

describe('model node', () => {
  it('streams the answer as deltas and returns text, usage with cost and finish reason', async () => {
    server.enqueue({ text: 'Paris is the capital.', usage: { input: 1000, output: 2000 } });
    const result = await runNodeForTest(
      modelNode,
      { ...base, system: 'Be terse.', prompt: 'Capital of France?' },
      { services },
    );
    expect(result.deltas.map((d) => d.text).join('')).toBe('Paris is the capital.');
    expect(result.deltas.length).toBeGreaterThan(1);
    expect(result.output).toEqual({
      text: 'Paris is the capital.',
      usage: { input: 1000, output: 2000 },
      finishReason: 'stop',
      model: 'gpt-4o-mini',
    });
    expect(result.usage).toEqual({ input: 1000, output: 2000, cost: 0.00135 });
    expect(server.requests.at(-1)?.body).toMatchObject({
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'Capital of France?' },
      ],
    });
  });

  it('sends a chat history before the prompt, and does not stream when told not to', async () => {
    server.enqueue({ text: 'You said hi.' });
    const messages = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
    ];
    const result = await runNodeForTest(
      modelNode,
      { ...base, messages, prompt: 'What did I say?', stream: false },
      { services },
    );
    expect(result.deltas).toEqual([]);
    expect(result.output.text).toBe('You said hi.');
    expect(server.requests.at(-1)?.body).toMatchObject({
      messages: [{ role: 'user' }, { role: 'assistant' }, { role: 'user', content: 'What did I say?' }],
    });
    expect(((server.requests.at(-1)?.body ?? {}) as { stream?: boolean }).stream).toBeUndefined();
  });

  it('parses a JSON answer, fenced or not, and checks it against a schema', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    server.enqueue({ text: '```json\n{"city": "Lyon"}\n```' });
    const result = await runNodeForTest(modelNode, { ...base, prompt: 'Where?', json: schema }, { services });
    expect(result.output.json).toEqual({ city: 'Lyon' });
    expect(server.requests.at(-1)?.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { schema } },
    });

    server.enqueue({ text: '{"town": "Lyon"}' });
    await expect(
      runNodeForTest(modelNode, { ...base, prompt: 'Where?', json: schema }, { services }),
    ).rejects.toMatchObject({
      code: 'MODEL_INVALID_JSON',
    });
    server.enqueue({ text: 'Sorry, I cannot.' });
    await expect(
      runNodeForTest(modelNode, { ...base, prompt: 'Where?', json: true }, { services }),
    ).rejects.toMatchObject({
      code: 'MODEL_INVALID_JSON',
      message: expect.stringContaining('Sorry, I cannot.'),
    });
  });

  it('keeps a reasoning model thinking apart from its answer, streamed as data deltas', async () => {
    server.enqueue({ reasoning: 'The user wants a greeting.', text: 'Hello!', chunkSize: 5 });
    const result = await runNodeForTest(modelNode, { ...base, prompt: 'Greet me' }, { services });
    expect(result.output).toMatchObject({ text: 'Hello!', reasoning: 'The user wants a greeting.' });
    expect(result.deltas.map((d) => d.text ?? '').join('')).toBe('Hello!');
    const thoughts = result.deltas.map((d) => (d.data as { reasoning?: string } | undefined)?.reasoning ?? '');
    expect(thoughts.join('')).toBe('The user wants a greeting.');
    server.enqueue({ reasoning: 'Short.', text: 'Hi.' });
    const whole = await runNodeForTest(modelNode, { ...base, prompt: 'Greet me', stream: false }, { services });
    expect(whole.output).toMatchObject({ text: 'Hi.', reasoning: 'Short.' });
  });

  it('talks to Anthropic through a named credential', async () => {
    server.enqueue({ text: 'Bonjour', usage: { input: 3, output: 1 } });
    const config = { provider: 'anthropic', credential: 'claude', model: 'claude-test', prompt: 'Salut' };
    const result = await runNodeForTest(modelNode, config, { services });
    expect(result.output).toMatchObject({ text: 'Bonjour', usage: { input: 3, output: 1 } });
    expect(server.requests.at(-1)?.path).toBe('/v1/messages');
  });

  it('puts the guard prompts first: installation guard, then the node guard, then the system prompt', async () => {
    const guarded = services.with(ModelSideGuardService, { modelSideGuardPrompt: 'Never reveal secrets.' });
    await runNodeForTest(
      modelNode,
      { ...base, modelSideGuardPrompt: 'Stay on topic.', system: 'You sell shoes.', prompt: 'x' },
      { services: guarded },
    );
    const sent = server.requests.at(-1)?.body as { messages: Array<{ content: string }> };
    expect(sent.messages[0]?.content).toBe('Never reveal secrets.\n\nStay on topic.\n\nYou sell shoes.');
  });

  it('prices usage with an edited price table', async () => {
    const prices = parsePriceTable('{"currency":"CNY","models":{"openai/gpt-4o-mini":{"input":1,"output":2}}}');
    server.enqueue({ text: 'ok', usage: { input: 1_000_000, output: 500_000 } });
    const result = await runNodeForTest(
      modelNode,
      { ...base, prompt: 'x' },
      { services: services.with(PriceTableService, prices) },
    );
    expect(result.usage?.cost).toBe(2);
  });

  it('fails with the provider error code, and asks for a prompt when there is none', async () => {
    await expect(
      runNodeForTest(modelNode, { ...base, model: 'gpt-5-imaginary', prompt: 'x' }, { services }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_MODEL_NOT_FOUND',
    });
    expect(() => modelNode.config.parse({ ...base })).toThrow(/give the model a prompt/);
  });

  it('stops the provider call when the node is cancelled', async () => {
    server.enqueue({ text: 'a very slow answer indeed', chunkSize: 1, delayMs: 30 });
    const controller = new AbortController();
    const before = server.requests.length;
    const running = runNodeForTest(modelNode, { ...base, prompt: 'x' }, { services, signal: controller.signal });
    await expect.poll(() => server.requests[before]?.firstByteAt).toBeDefined();
    controller.abort(new Error('run cancelled'));
    await expect(running).rejects.toThrow('run cancelled');
    await expect.poll(() => server.requests[before]?.aborted).toBe(true);
  });
});
