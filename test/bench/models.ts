import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  catalogue,
  createModelProviders,
  createOpenAiChat,
  endpointOf,
  ModelProvidersService,
  staticCredentials,
} from '@tailor/nodes';
import { FlowDocumentSchema, runFlow, ServiceRegistry } from '@tailor/runtime';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { type BenchArea, type BenchRow, percentile } from './bench-row.js';

/**
 * Latency the engine adds to the first token: time of the first `node.delta` event of a model
 * node minus the moment the local provider wrote its first token, over 200 runs of the golden
 * `input → model → output` flow. The floor is the provider client alone (fetch, SSE parsing,
 * chunk validation, no engine) reading the same stream; a bare fetch shows what localhost HTTP costs.
 */
const RUNS = 200;
const WARMUP = 30;
const KEY = 'sk-bench-0123456789abcdef';
const REPLY = { text: 'The first token, then a few more words of an answer.', chunkSize: 6 };

async function throughTailor(server: ProviderServer): Promise<number[]> {
  const flow = FlowDocumentSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '../flows/models/chat.flow.json'), 'utf8')),
  );
  const credentials = staticCredentials([
    { id: 'openai', kind: 'api-key', apiKey: KEY, baseUrl: server.openaiBaseUrl },
  ]);
  const services = new ServiceRegistry().provide(ModelProvidersService, createModelProviders(credentials));
  const samples: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    server.enqueue(REPLY);
    let firstDelta: number | undefined;
    const handle = runFlow(
      flow,
      { question: 'When are you open?' },
      {
        catalogue,
        services,
        onEvent: (event) => {
          if (event.type === 'node.delta') firstDelta ??= performance.now();
        },
      },
    );
    const result = await handle.result;
    const provider = server.requests.at(-1)?.firstTokenAt;
    if (result.status !== 'succeeded' || firstDelta === undefined || provider === undefined) {
      throw new Error(`bench run failed: ${result.error?.message ?? 'no delta'}`);
    }
    if (run >= WARMUP) samples.push(firstDelta - provider);
  }
  return samples;
}

async function bareClient(server: ProviderServer): Promise<number[]> {
  const chat = createOpenAiChat({
    endpoint: endpointOf({
      provider: 'openai',
      baseUrl: server.openaiBaseUrl,
      headers: { authorization: `Bearer ${KEY}` },
    }),
  });
  const samples: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    server.enqueue(REPLY);
    let first: number | undefined;
    await chat.chat({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'When are you open?' }],
      onText: () => {
        first ??= performance.now();
      },
    });
    const provider = server.requests.at(-1)?.firstTokenAt;
    if (first === undefined || provider === undefined) throw new Error('bare client saw no token');
    if (run >= WARMUP) samples.push(first - provider);
  }
  return samples;
}

async function rawFetch(server: ProviderServer): Promise<number[]> {
  const samples: number[] = [];
  const decoder = new TextDecoder();
  for (let run = 0; run < WARMUP + RUNS; run++) {
    server.enqueue(REPLY);
    const response = await fetch(`${server.openaiBaseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true }),
    });
    let first: number | undefined;
    for await (const chunk of response.body ?? []) {
      if (first === undefined && decoder.decode(chunk as Uint8Array).includes('"content":"The'))
        first = performance.now();
    }
    const provider = server.requests.at(-1)?.firstTokenAt;
    if (first === undefined || provider === undefined) throw new Error('raw fetch saw no token');
    if (run >= WARMUP) samples.push(first - provider);
  }
  return samples;
}

const area: BenchArea = {
  name: 'models',
  async run(): Promise<BenchRow[]> {
    const server = await startProviderServer({ apiKey: KEY });
    try {
      const tailor = (await throughTailor(server)).sort((a, b) => a - b);
      const client = (await bareClient(server)).sort((a, b) => a - b);
      const raw = (await rawFetch(server)).sort((a, b) => a - b);
      const row = (p: number, label: string): BenchRow[] => [
        {
          area: 'models',
          metric: `first token: provider write → node.delta, ${label}`,
          value: percentile(tailor, p),
          unit: 'ms',
          floor: percentile(client, p),
          goal: '< 1 ms',
        },
        {
          area: 'models',
          metric: `first token: provider write → bare fetch chunk, ${label}`,
          value: percentile(raw, p),
          unit: 'ms',
        },
      ];
      return [...row(50, 'median'), ...row(99, 'p99')];
    } finally {
      await server.close();
    }
  },
};

export default area;
