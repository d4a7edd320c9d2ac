import type { NodeRecord } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../storage/run-store.js';
import { ExportTraceServiceRequestSchema, exportRequest, type OtlpSpan } from './otlp-json.js';
import { CONTENT_LIMIT, runSpans } from './run-spans.js';
import { spanIdOf, traceIdOf } from './trace-ids.js';

const node = (nodeId: string, type: string, startedAt: number, durationMs: number, extra: Partial<NodeRecord> = {}) =>
  ({
    nodeId,
    type,
    status: 'succeeded',
    attempts: 1,
    logs: [],
    startedAt,
    endedAt: startedAt + durationMs,
    durationMs,
    ...extra,
  }) satisfies NodeRecord;

function sampleRun(extra: Partial<StoredRun> = {}): StoredRun {
  return {
    schema: 'tailor.run/v1',
    id: 'run-1',
    flowId: 'faq',
    flowVersion: 3,
    status: 'failed',
    source: 'api',
    endUser: { id: 'u-7', email: 'someone@example.com' },
    inputs: { question: 'my card number is 6222 0000 0000 0000' },
    output: { answer: 'secret answer' },
    error: { code: 'MODEL_ERROR', message: 'the model said no to 6222…' },
    startedAt: 1_700_000_000_000,
    endedAt: 1_700_000_000_900,
    durationMs: 900,
    usage: { input: 120, output: 30, cost: 0.002 },
    nodes: [
      node('start', 'input', 1_700_000_000_001, 1),
      node('agent', 'agent', 1_700_000_000_010, 800, {
        attempts: 3,
        usage: { input: 120, output: 30 },
        children: [{ label: 'tool 1', nodes: [node('lookup', 'http', 1_700_000_000_100, 50)] }],
      }),
      node('end', 'output', 0, 0, { status: 'skipped', startedAt: undefined, endedAt: undefined }),
      node('answer', 'model', 1_700_000_000_820, 70, {
        status: 'failed',
        error: { code: 'MODEL_ERROR', message: 'quota for 6222' },
      }),
    ],
    ...extra,
  };
}

const attr = (span: OtlpSpan | undefined, key: string) => span?.attributes.find((a) => a.key === key)?.value;

describe('a run as spans', () => {
  it('makes a run span with one child per node that ran, nested runs under their node', () => {
    const spans = runSpans(sampleRun(), { rootRunId: 'run-1', flowName: 'FAQ bot', content: false });
    const byName = new Map(spans.map((span) => [span.name, span]));
    const root = byName.get('run FAQ bot');
    expect(root).toMatchObject({ spanId: spanIdOf('run-1'), traceId: traceIdOf('run-1'), status: { code: 2 } });
    expect(root?.parentSpanId).toBeUndefined();
    expect(root?.startTimeUnixNano).toBe('1700000000000000000');
    expect(root?.endTimeUnixNano).toBe('1700000000900000000');
    expect(attr(root, 'tailor.flow.version')).toEqual({ intValue: '3' });
    expect(attr(root, 'enduser.id')).toEqual({ stringValue: 'u-7' });
    expect(attr(root, 'tailor.cost')).toEqual({ doubleValue: 0.002 });
    expect(attr(root, 'gen_ai.usage.input_tokens')).toEqual({ intValue: '120' });
    const agent = byName.get('agent agent');
    expect(agent?.parentSpanId).toBe(root?.spanId);
    expect(attr(agent, 'tailor.node.retries')).toEqual({ intValue: '2' });
    const group = byName.get('agent · tool 1');
    expect(group?.parentSpanId).toBe(agent?.spanId);
    expect(byName.get('http lookup')?.parentSpanId).toBe(group?.spanId);
    expect(byName.get('model answer')).toMatchObject({ status: { code: 2, message: 'MODEL_ERROR' } });
    expect(attr(byName.get('model answer'), 'tailor.error.code')).toEqual({ stringValue: 'MODEL_ERROR' });
    expect(byName.has('output end')).toBe(false);
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceIdOf('run-1')]));
    expect(
      ExportTraceServiceRequestSchema.safeParse(exportRequest({}, { name: 't', version: '1' }, spans)).success,
    ).toBe(true);
  });

  it('never exports inputs, outputs, error messages or end-user details unless content export is on', () => {
    const quiet = JSON.stringify(runSpans(sampleRun(), { rootRunId: 'run-1', content: false }));
    for (const secret of ['6222', 'secret answer', 'someone@example.com', 'said no'])
      expect(quiet).not.toContain(secret);
    const loud = runSpans(sampleRun({ output: 'x'.repeat(10_000) }), { rootRunId: 'run-1', content: true });
    expect(attr(loud[0], 'input.value')).toEqual({ stringValue: JSON.stringify(sampleRun().inputs) });
    const output = attr(loud[0], 'output.value');
    expect(output && 'stringValue' in output ? output.stringValue.length : 0).toBe(CONTENT_LIMIT + 1);
    expect(JSON.stringify(loud)).not.toContain('someone@example.com');
  });

  it("puts a sub-flow's run in its root's trace, under the calling node's span", () => {
    const child = sampleRun({ id: 'child-1', parentRunId: 'run-1', parentNodeId: 'agent', source: 'subflow' });
    const [root] = runSpans(child, { rootRunId: 'run-1', content: false });
    expect(root).toMatchObject({ traceId: traceIdOf('run-1'), parentSpanId: spanIdOf('run-1', 'agent') });
  });
});
