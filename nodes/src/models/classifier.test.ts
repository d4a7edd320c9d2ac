import { ServiceRegistry } from '@tailor/runtime';
import { runNodeForTest } from '@tailor/runtime/testing';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelProvidersService } from '../providers/interfaces.js';
import { createModelProviders } from '../providers/model-registry.js';
import { staticCredentials } from '../services/credentials.js';
import { classifierNode } from './classifier.js';

let server: ProviderServer;
let services: ServiceRegistry;
beforeAll(async () => {
  server = await startProviderServer();
  const credentials = staticCredentials([
    { id: 'openai', kind: 'api-key', apiKey: 'k-123456', baseUrl: server.openaiBaseUrl },
  ]);
  services = new ServiceRegistry().provide(ModelProvidersService, createModelProviders(credentials));
});
afterAll(() => server.close());

const classes = [
  { name: 'refund', description: 'wants money back', keywords: ['refund', '退款'] },
  { name: 'shipping', description: 'asks where a parcel is', keywords: ['delivery', '快递'] },
  { name: 'other', description: 'anything else' },
];
const withModel = { provider: 'openai', model: 'gpt-4o-mini', classes };

describe('classifier node', () => {
  it('decides by keyword without calling the model, in Chinese too', async () => {
    const before = server.requests.length;
    const result = await runNodeForTest(classifierNode, { ...withModel, input: '我想申请退款' }, { services });
    expect(result.output).toEqual({ class: 'refund', confidence: 1, method: 'keywords' });
    expect(result.ports).toEqual(['refund']);
    expect(result.usage).toBeUndefined();
    expect(server.requests.length).toBe(before);
  });

  it('matches Latin keywords at the start of a word only', async () => {
    const rules = [
      { name: 'shipping', keywords: ['ship'] },
      { name: 'other', keywords: [] },
    ];
    const config = { classes: rules, default: 'other' };
    expect((await runNodeForTest(classifierNode, { ...config, input: 'When will you ship it?' })).output.class).toBe(
      'shipping',
    );
    expect((await runNodeForTest(classifierNode, { ...config, input: 'Shipping costs?' })).output.class).toBe(
      'shipping',
    );
    expect((await runNodeForTest(classifierNode, { ...config, input: 'our relationship' })).output.class).toBe('other');
  });

  it('asks the model when no keyword decides, and fires the class it picks', async () => {
    server.enqueue({ text: '{"class": "shipping", "confidence": 0.82}', usage: { input: 80, output: 9 } });
    const result = await runNodeForTest(classifierNode, { ...withModel, input: 'Where is my parcel?' }, { services });
    expect(result.output).toEqual({ class: 'shipping', confidence: 0.82, method: 'model' });
    expect(result.ports).toEqual(['shipping']);
    expect(result.usage).toMatchObject({ input: 80, output: 9 });
    const sent = server.requests.at(-1)?.body as { messages: Array<{ content: string }>; temperature: number };
    expect(sent.temperature).toBe(0);
    expect(sent.messages[0]?.content).toContain('- refund: wants money back');
  });

  it('reads a bare class name from a chatty model', async () => {
    server.enqueue({ text: 'Refund.' });
    const result = await runNodeForTest(classifierNode, { ...withModel, input: 'I want my money' }, { services });
    expect(result.output).toMatchObject({ class: 'refund', method: 'model' });
  });

  it('falls back to the default class on an unreadable reply, or fails clearly without one', async () => {
    server.enqueue({ text: 'I am not sure what you mean.' });
    const result = await runNodeForTest(classifierNode, { ...withModel, default: 'other', input: 'hmm' }, { services });
    expect(result.output).toEqual({ class: 'other', confidence: 0, method: 'default' });
    expect(result.logs[1]?.message).toContain('I am not sure');
    server.enqueue({ text: 'No idea.' });
    await expect(runNodeForTest(classifierNode, { ...withModel, input: 'hmm' }, { services })).rejects.toMatchObject({
      code: 'CLASSIFIER_NO_CLASS',
      message: expect.stringContaining('No idea.'),
    });
  });

  it('works on keywords alone, with one port per class', async () => {
    const config = { classes, default: 'other', input: 'hello' };
    expect((await runNodeForTest(classifierNode, config)).ports).toEqual(['other']);
    expect(classifierNode.portsFor?.(classifierNode.config.parse(config))).toEqual(['refund', 'shipping', 'other']);
  });

  it('explains a bad config', () => {
    const issues = (config: unknown) => classifierNode.config.safeParse(config).error?.issues.map((i) => i.message);
    expect(issues({ classes, input: 'x', default: 'nope' })).toEqual(['the default class must be one of the classes']);
    expect(issues({ classes: [{ name: 'error' }, { name: 'b' }], input: 'x' })).toEqual([
      'the name "error" is kept for the error port',
    ]);
  });
});
