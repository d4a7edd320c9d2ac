import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProviderServer, type ScriptedReply, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tailor, workspace } from '../cli/run-tailor.js';

/**
 * The model golden flows (test/flows/models), run by the real `tailor run` command against the
 * local provider server, configured the way a user would: OPENAI_BASE_URL and OPENAI_API_KEY.
 */
const CaseSchema = z.object({
  name: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  replies: z.array(z.custom<ScriptedReply>((v) => typeof v === 'object' && v !== null)),
  apiKey: z.string().optional(),
  status: z.enum(['succeeded', 'failed']),
  output: z.unknown().optional(),
  errorCode: z.string().optional(),
  usage: z.object({ input: z.number(), output: z.number() }).optional(),
  minDeltas: z.number().optional(),
  toolResults: z.array(z.string()).optional(),
  events: z.array(z.string()),
});
const ExpectedSchema = z.object({ cases: z.array(CaseSchema) });

const KEY = 'sk-golden-0123456789abcdefghijkl';
const folder = join(import.meta.dirname, '../flows/models');
const names = readdirSync(folder)
  .filter((file) => file.endsWith('.flow.json'))
  .map((file) => file.replace('.flow.json', ''));

// The server of the sequential tests at the end; the golden cases start one each.
let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, models: ['gpt-4o-mini'] });
});
afterAll(() => server.close());

interface SeenEvent {
  type: string;
  nodeId?: string;
  scope?: string[];
  text?: string;
  output?: unknown;
  error?: { code: string; message: string };
  usage?: { input: number; output: number; cost?: number };
}

function describeEvent(event: SeenEvent): string {
  if (!event.nodeId) return event.type;
  return `${event.type} ${[...(event.scope ?? []), event.nodeId].join('/')}`;
}

/** Events grouped by where they happen: nested tool calls may interleave, each group keeps its order. */
function byScope(events: readonly string[]): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const event of events) {
    const path = event.split(' ')[1] ?? '';
    const scope = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const group = groups[scope] ?? [];
    group.push(event);
    groups[scope] = group;
  }
  return groups;
}

describe.each(names)('model golden flow %s, through `tailor run`', (name) => {
  const flow = JSON.parse(readFileSync(join(folder, `${name}.flow.json`), 'utf8'));
  const expected = ExpectedSchema.parse(JSON.parse(readFileSync(join(folder, `${name}.expected.json`), 'utf8')));

  // Each case has its own provider server: a case's requests and queue are its own.
  it.each(expected.cases)(
    '$name',
    async (testCase) => {
      const server = await startProviderServer({ apiKey: KEY, models: ['gpt-4o-mini'] });
      for (const reply of testCase.replies) server.enqueue(reply);
      const files = workspace({ 'flow.json': flow });
      try {
        const outcome = await tailor(['run', 'flow.json', '--input', JSON.stringify(testCase.inputs), '--events'], {
          cwd: files.dir,
          env: { OPENAI_API_KEY: testCase.apiKey ?? KEY, OPENAI_BASE_URL: server.openaiBaseUrl },
        });
        const events = outcome.stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as SeenEvent);
        const end = events.at(-1);
        expect(outcome.status, outcome.stderr).toBe(testCase.status === 'succeeded' ? 0 : 1);
        expect(byScope(events.filter((e) => e.type !== 'node.delta').map(describeEvent))).toEqual(
          byScope(testCase.events),
        );
        if (testCase.output !== undefined) expect(end?.output).toEqual(testCase.output);
        if (testCase.errorCode) expect(end?.error?.code).toBe(testCase.errorCode);
        if (testCase.usage) expect(end?.usage).toMatchObject(testCase.usage);
        if (testCase.minDeltas)
          expect(events.filter((e) => e.type === 'node.delta').length).toBeGreaterThanOrEqual(testCase.minDeltas);
        const toolMessages = server.requests
          .flatMap((r) => (r.body as { messages?: Array<{ role: string; content: string }> })?.messages ?? [])
          .filter((m) => m.role === 'tool')
          .map((m) => m.content);
        if (testCase.toolResults) expect(toolMessages).toEqual(testCase.toolResults);
        expect(outcome.stdout + outcome.stderr).not.toContain(testCase.apiKey ?? KEY);
        expect(server.pending()).toBe(0);
      } finally {
        files.remove();
        await server.close();
      }
    },
    60_000,
  );
});

describe('`tailor run` of a model flow, as a user sees it', () => {
  it('prints the output as JSON and the node progress on stderr', async () => {
    server.enqueue({ text: 'We open at nine.', usage: { input: 20, output: 5 } });
    const files = workspace({ 'flow.json': JSON.parse(readFileSync(join(folder, 'chat.flow.json'), 'utf8')) });
    try {
      const outcome = await tailor(['run', 'flow.json', '--input', '{"question":"Opening hours?"}'], {
        cwd: files.dir,
        env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.openaiBaseUrl },
      });
      expect(outcome.status, outcome.stderr).toBe(0);
      expect(JSON.parse(outcome.stdout)).toEqual({
        answer: 'We open at nine.',
        usage: { input: 20, output: 5 },
        finish: 'stop',
      });
      expect(outcome.stderr).toContain('answer');
    } finally {
      files.remove();
    }
  }, 60_000);

  it('prices the run with a user price table from TAILOR_PRICES', async () => {
    server.enqueue({ text: 'Priced.', usage: { input: 2_000_000, output: 1_000_000 } });
    const prices = { currency: 'CNY', models: { 'openai/gpt-4o-mini': { input: 1, output: 4 } } };
    const files = workspace({
      'flow.json': JSON.parse(readFileSync(join(folder, 'chat.flow.json'), 'utf8')),
      'prices.json': prices,
    });
    try {
      const outcome = await tailor(['run', 'flow.json', '--input', '{"question":"Cost?"}', '--events'], {
        cwd: files.dir,
        env: {
          OPENAI_API_KEY: KEY,
          OPENAI_BASE_URL: server.openaiBaseUrl,
          TAILOR_PRICES: join(files.dir, 'prices.json'),
        },
      });
      const end = JSON.parse(outcome.stdout.trim().split('\n').at(-1) ?? '{}') as SeenEvent;
      expect(outcome.status, outcome.stderr).toBe(0);
      expect(end.usage).toEqual({ input: 2_000_000, output: 1_000_000, cost: 6 });
    } finally {
      files.remove();
    }
  }, 60_000);

  it('tells the user which variable to set when no key is configured', async () => {
    const files = workspace({ 'flow.json': JSON.parse(readFileSync(join(folder, 'chat.flow.json'), 'utf8')) });
    try {
      const outcome = await tailor(['run', 'flow.json', '--input', '{"question":"Hi"}'], {
        cwd: files.dir,
        env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
      });
      expect(outcome.status).toBe(1);
      expect(outcome.stderr).toContain('OPENAI_API_KEY');
    } finally {
      files.remove();
    }
  }, 60_000);
});
