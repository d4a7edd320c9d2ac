import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue as productCatalogue } from '@tailor/nodes';
import { createCatalogue, FlowDocumentSchema, type RunEvent, runFlow } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flakyNode, sleepNode } from './test-nodes.js';

/**
 * Golden flows: each `<name>.flow.json` beside a `<name>.expected.json` that lists cases with their
 * inputs, the expected result and the exact event sequence (`type nodeId`, nested as `loop/index/node`).
 */
const ExpectedSchema = z.object({
  cases: z.array(
    z.object({
      name: z.string(),
      inputs: z.record(z.string(), z.unknown()),
      concurrency: z.number().optional(),
      cancelAfter: z.string().optional(),
      status: z.enum(['succeeded', 'failed', 'cancelled']),
      output: z.unknown().optional(),
      errorCode: z.string().optional(),
      record: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
      events: z.array(z.string()),
    }),
  ),
});

const catalogue = createCatalogue([...productCatalogue.values(), flakyNode, sleepNode]);
const folder = join(import.meta.dirname, 'golden');
const names = readdirSync(folder)
  .filter((file) => file.endsWith('.flow.json'))
  .map((file) => file.replace('.flow.json', ''));

function describeEvent(event: RunEvent): string {
  if (event.type === 'run.start' || event.type === 'run.end') return event.type;
  return `${event.type} ${[...(event.scope ?? []), event.nodeId].join('/')}`;
}

describe.each(names)('golden flow %s', (name) => {
  const flow = FlowDocumentSchema.parse(JSON.parse(readFileSync(join(folder, `${name}.flow.json`), 'utf8')));
  const expected = ExpectedSchema.parse(JSON.parse(readFileSync(join(folder, `${name}.expected.json`), 'utf8')));

  it.each(expected.cases)('$name', async (testCase) => {
    const seen: string[] = [];
    const handle = runFlow(flow, testCase.inputs, {
      catalogue,
      concurrency: testCase.concurrency,
      onEvent: (event) => {
        const described = describeEvent(event);
        if (event.type !== 'node.delta') seen.push(described);
        if (described === testCase.cancelAfter) handle.cancel('stopped by the test');
      },
    });
    const result = await handle.result;

    expect(result.status).toBe(testCase.status);
    if ('output' in testCase) expect(result.output).toEqual(testCase.output);
    if (testCase.errorCode) expect(result.error?.code).toBe(testCase.errorCode);
    expect(seen).toEqual(testCase.events);
    for (const [nodeId, fields] of Object.entries(testCase.record ?? {})) {
      const record = result.record.nodes.find((node) => node.nodeId === nodeId && node.type !== undefined);
      const { errorCode, ...rest } = fields;
      expect(record, `record of ${nodeId}`).toMatchObject(rest);
      if (errorCode) expect(record?.error?.code).toBe(errorCode);
    }
    expect(result.record.nodes.map((node) => node.nodeId).sort()).toEqual(flow.nodes.map((node) => node.id).sort());
  });
});
