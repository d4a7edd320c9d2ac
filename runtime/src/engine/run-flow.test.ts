import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCatalogue } from '../contract/catalogue.js';
import { TailorError } from '../contract/error-codes.js';
import { FlowGraphSchema, type FlowNodeInput } from '../contract/flow-document.js';
import { defineNode } from '../contract/node-definition.js';
import type { RunEvent } from '../contract/run-events.js';
import { runFlow } from './run-flow.js';

// Minimal node types defined here so the engine is tested without the node package.
const echo = defineNode({
  type: 'echo',
  version: 1,
  title: { en: 'Echo', zh: '回声' },
  description: { en: 'Returns its value.', zh: '返回值。' },
  category: 'logic',
  config: z.object({ value: z.unknown() }),
  output: z.unknown(),
  producesResult: true,
  run: ({ config }) => ({ output: config.value }),
});
const streamer = defineNode({
  type: 'streamer',
  version: 1,
  title: { en: 'Streamer', zh: '流' },
  description: { en: 'Streams words and reports tokens.', zh: '流式输出。' },
  category: 'model',
  config: z.object({ words: z.array(z.string()) }),
  output: z.object({ text: z.string() }),
  run: async ({ config, emit, log }) => {
    for (const word of config.words) {
      await Promise.resolve();
      emit({ text: word });
    }
    log('info', `streamed ${config.words.length} words`);
    return { output: { text: config.words.join('') }, usage: { input: 3, output: config.words.length } };
  },
});
const counter = { running: 0, peak: 0 };
const busy = defineNode({
  type: 'busy',
  version: 1,
  title: { en: 'Busy', zh: '忙' },
  description: { en: 'Waits a few ms and counts how many run at once.', zh: '计数。' },
  category: 'logic',
  config: z.object({}),
  output: z.null(),
  run: async () => {
    counter.peak = Math.max(counter.peak, ++counter.running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    counter.running--;
    return { output: null };
  },
});
const catalogue = createCatalogue([echo, streamer, busy]);

function flow(nodes: FlowNodeInput[], edges: Array<{ from: string; to: string; port?: string }> = []) {
  return { id: 'test', ...FlowGraphSchema.parse({ nodes, edges }) };
}

describe('runFlow', () => {
  it('numbers events from 1 without gaps and gives the same sequence to the iterator and the listener', async () => {
    const heard: RunEvent[] = [];
    const handle = runFlow(
      flow([{ id: 's', type: 'streamer', config: { words: ['Hel', 'lo'] } }]),
      {},
      {
        catalogue,
        onEvent: (event) => heard.push(event),
      },
    );
    const iterated: RunEvent[] = [];
    for await (const event of handle.events) iterated.push(event);
    expect(iterated).toEqual(heard);
    expect(iterated.map((event) => event.seq)).toEqual(iterated.map((_, index) => index + 1));
    expect(iterated.filter((event) => event.type === 'node.delta').map((event) => event.text)).toEqual(['Hel', 'lo']);
  });

  it('keeps the whole record: resolved config, output, logs, usage per node and per run', async () => {
    const result = await runFlow(
      flow(
        [
          { id: 's', type: 'streamer', config: { words: ['a', 'b'] } },
          { id: 'e', type: 'echo', config: { value: 'said {{ s.text }}' } },
        ],
        [{ from: 's', to: 'e' }],
      ),
      {},
      { catalogue },
    ).result;
    const [streamed, echoed] = result.record.nodes;
    expect(streamed).toMatchObject({ status: 'succeeded', output: { text: 'ab' }, usage: { input: 3, output: 2 } });
    expect(streamed?.logs.map((entry) => entry.message)).toEqual(['streamed 2 words']);
    expect(echoed).toMatchObject({ config: { value: 'said ab' }, output: 'said ab', attempts: 1 });
    expect(result.record.usage).toEqual({ input: 3, output: 2 });
    expect(result.output).toBe('said ab');
  });

  it('keeps the type of a whole-value reference and renders mixed text', async () => {
    const result = await runFlow(
      flow(
        [
          { id: 'a', type: 'echo', config: { value: { list: [1, 2], n: 5 } } },
          {
            id: 'b',
            type: 'echo',
            config: { value: { list: '{{ a.list }}', text: 'n={{ a.n }}', size: '{{ a.list.size }}' } },
          },
        ],
        [{ from: 'a', to: 'b' }],
      ),
      {},
      { catalogue },
    ).result;
    expect(result.output).toEqual({ list: [1, 2], text: 'n=5', size: 2 });
  });

  it('yields nothing for prototype access in references and templates', async () => {
    const result = await runFlow(
      flow(
        [
          { id: 'a', type: 'echo', config: { value: { x: 'y' } } },
          {
            id: 'b',
            type: 'echo',
            config: {
              value: {
                whole: '{{ a.constructor }}',
                proto: '{{ a.__proto__ }}',
                text: '[{{ a.constructor.constructor }}][{{ a.x.constructor.name }}]',
              },
            },
          },
        ],
        [{ from: 'a', to: 'b' }],
      ),
      {},
      { catalogue },
    ).result;
    expect(result.output).toEqual({ whole: undefined, proto: undefined, text: '[][]' });
  });

  it('refuses include and render tags: templates cannot read files', async () => {
    const result = await runFlow(
      flow([{ id: 'a', type: 'echo', config: { value: "{% include '/etc/passwd' %}" } }]),
      {},
      { catalogue },
    ).result;
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('TEMPLATE_ERROR');
  });

  it('runs ready nodes concurrently up to the bound', async () => {
    counter.peak = 0;
    const nodes = Array.from({ length: 12 }, (_, index) => ({ id: `n${index}`, type: 'busy' }));
    await runFlow(flow(nodes), {}, { catalogue, concurrency: 3 }).result;
    expect(counter.peak).toBe(3);
  });

  it('fails with FLOW_INVALID for an unknown node type and a cycle, naming them', async () => {
    const unknown = await runFlow(flow([{ id: 'a', type: 'nope' }]), {}, { catalogue }).result;
    expect(unknown.error).toMatchObject({ code: 'FLOW_INVALID' });
    expect(unknown.error?.message).toContain('"nope"');
    const cycle = await runFlow(
      flow(
        [
          { id: 'a', type: 'echo' },
          { id: 'b', type: 'echo' },
        ],
        [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      ),
      {},
      { catalogue },
    ).result;
    expect(cycle.error?.message).toContain('a, b');
  });

  it('reports a config that is invalid once resolved, with the field', async () => {
    const result = await runFlow(
      flow([{ id: 's', type: 'streamer', config: { words: 'not a list' } }]),
      {},
      { catalogue },
    ).result;
    expect(result.error?.code).toBe('CONFIG_INVALID');
    expect(result.error?.message).toContain('words');
  });

  it('uses pinned outputs instead of running those nodes', async () => {
    const result = await runFlow(
      flow(
        [
          { id: 's', type: 'streamer', config: { words: ['x'] } },
          { id: 'e', type: 'echo', config: { value: '{{ s.text }}!' } },
        ],
        [{ from: 's', to: 'e' }],
      ),
      {},
      { catalogue, pinned: { s: { output: { text: 'recorded' } } } },
    ).result;
    expect(result.output).toBe('recorded!');
    expect(result.record.nodes[0]).toMatchObject({ pinned: true, status: 'succeeded' });
  });

  it('is cancelled by the caller signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runFlow(flow([{ id: 'e', type: 'echo' }]), {}, { catalogue, signal: controller.signal })
      .result;
    expect(result.status).toBe('cancelled');
    expect(result.error?.code).toBe('RUN_CANCELLED');
  });

  it('reports cancelled when the node cancelled was the last one running', async () => {
    const waiting = defineNode({
      ...echo,
      type: 'waiting',
      run: ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    const handle = runFlow(
      flow([{ id: 'w', type: 'waiting', config: { value: 1 } }]),
      {},
      {
        catalogue: createCatalogue([waiting]),
        onEvent: (event) => {
          if (event.type === 'node.start') handle.cancel('user pressed stop');
        },
      },
    );
    const result = await handle.result;
    expect(result.status).toBe('cancelled');
    expect(result.error?.message).toContain('user pressed stop');
  });

  it('turns a thrown TailorError into an error value with its code', async () => {
    const failing = defineNode({
      ...echo,
      type: 'failing',
      run: () => {
        throw new TailorError('PROVIDER_AUTH', 'key rejected');
      },
    });
    const result = await runFlow(
      flow([{ id: 'f', type: 'failing', config: { value: 1 } }]),
      {},
      { catalogue: createCatalogue([failing]) },
    ).result;
    expect(result.error).toMatchObject({ code: 'PROVIDER_AUTH' });
    expect(result.record.nodes[0]?.error?.message).toContain('key rejected');
  });
});
