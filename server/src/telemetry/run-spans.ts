import type { NodeRecord } from '@tailor/runtime';
import type { StoredRun } from '../storage/run-store.js';
import { attributes, type OtlpSpan, SpanKind, StatusCode, unixNanoOf } from './otlp-json.js';
import { spanIdOf, traceIdOf } from './trace-ids.js';

/** Longest exported input or output text (with TAILOR_OTLP_CONTENT): collectors reject huge attributes. */
export const CONTENT_LIMIT = 4_096;
/** A loop over ten thousand items still makes a readable trace, and one bounded request. */
export const MAX_SPANS_PER_RUN = 2_000;

export interface RunSpanContext {
  /** The run at the top of the sub-flow chain: its id is the trace id of every run under it. */
  rootRunId: string;
  flowName?: string;
  /** Inputs, outputs and error messages included (truncated). */
  content: boolean;
}

const truncate = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > CONTENT_LIMIT ? `${text.slice(0, CONTENT_LIMIT)}…` : text;
};

/**
 * One finished run as spans: the run's span, a span per node that ran, nested runs of a node (loop
 * items, agent tool calls) under that node. A sub-flow's run is exported on its own and points at
 * the calling node's span of its parent run. Times come from the run record.
 */
export function runSpans(run: StoredRun, context: RunSpanContext): OtlpSpan[] {
  const traceId = traceIdOf(context.rootRunId);
  const runSpanId = spanIdOf(run.id);
  // The recorded end, not start + duration: the duration is the engine's own measure, which leaves
  // out the time before the engine started (the queue), so it would end the span before its nodes.
  const runEnd = run.endedAt ?? run.startedAt + (run.durationMs ?? 0);
  const failed = run.status !== 'succeeded';
  const spans: OtlpSpan[] = [
    {
      traceId,
      spanId: runSpanId,
      ...(run.parentRunId && run.parentNodeId ? { parentSpanId: spanIdOf(run.parentRunId, run.parentNodeId) } : {}),
      name: `run ${context.flowName ?? run.flowId}`,
      kind: run.parentRunId && run.parentNodeId ? SpanKind.internal : SpanKind.server,
      startTimeUnixNano: unixNanoOf(run.startedAt),
      endTimeUnixNano: unixNanoOf(runEnd),
      attributes: attributes({
        'tailor.run.id': run.id,
        'tailor.flow.id': run.flowId,
        'tailor.flow.name': context.flowName,
        'tailor.flow.version': run.flowVersion,
        'tailor.run.status': run.status,
        'tailor.run.source': run.source,
        'tailor.run.parent_id': run.parentRunId,
        'tailor.run.duration_ms': run.durationMs,
        'enduser.id': run.endUser?.id,
        'session.id': run.sessionId,
        'gen_ai.usage.input_tokens': run.usage?.input,
        'gen_ai.usage.output_tokens': run.usage?.output,
        'tailor.cost': run.usage?.cost,
        'tailor.error.code': run.error?.code,
        ...(context.content
          ? {
              'input.value': truncate(run.inputs),
              'output.value': truncate(run.output),
              'tailor.error.message': run.error?.message,
            }
          : {}),
      }),
      status: failed
        ? { code: StatusCode.error, message: statusMessage(run.error, run.status, context.content) }
        : { code: StatusCode.ok },
    },
  ];
  const visit = (nodes: readonly NodeRecord[], parentSpanId: string, prefix: string, fallbackStart: number) => {
    for (const node of nodes) {
      if (spans.length >= MAX_SPANS_PER_RUN) return;
      if (node.status === 'skipped' || node.status === 'pending') continue;
      const path = `${prefix}${node.nodeId}`;
      const spanId = spanIdOf(run.id, path);
      const start = node.startedAt ?? fallbackStart;
      const end = node.endedAt ?? start + (node.durationMs ?? 0);
      spans.push(nodeSpan(traceId, spanId, parentSpanId, node, start, end, context.content));
      for (const child of node.children ?? []) {
        if (spans.length >= MAX_SPANS_PER_RUN) return;
        const groupPath = `${path}/${child.label}`;
        const groupId = spanIdOf(run.id, groupPath);
        const times = child.nodes.flatMap((n) =>
          n.startedAt === undefined ? [] : [n.startedAt, n.endedAt ?? n.startedAt],
        );
        spans.push({
          traceId,
          spanId: groupId,
          parentSpanId: spanId,
          name: `${node.nodeId} · ${child.label}`,
          kind: SpanKind.internal,
          startTimeUnixNano: unixNanoOf(times.length ? Math.min(...times) : start),
          endTimeUnixNano: unixNanoOf(times.length ? Math.max(...times) : end),
          attributes: attributes({ 'tailor.node.id': node.nodeId, 'tailor.nested.label': child.label }),
          status: child.nodes.some((n) => n.status === 'failed' && n.handled === undefined)
            ? { code: StatusCode.error }
            : { code: StatusCode.unset },
        });
        visit(child.nodes, groupId, `${groupPath}/`, start);
      }
    }
  };
  visit(run.nodes, runSpanId, '', run.startedAt);
  return spans;
}

function nodeSpan(
  traceId: string,
  spanId: string,
  parentSpanId: string,
  node: NodeRecord,
  start: number,
  end: number,
  content: boolean,
): OtlpSpan {
  return {
    traceId,
    spanId,
    parentSpanId,
    name: `${node.type} ${node.nodeId}`,
    kind: SpanKind.internal,
    startTimeUnixNano: unixNanoOf(start),
    endTimeUnixNano: unixNanoOf(Math.max(start, end)),
    attributes: attributes({
      'tailor.node.id': node.nodeId,
      'tailor.node.type': node.type,
      'tailor.node.status': node.status,
      'tailor.node.duration_ms': node.durationMs,
      'tailor.node.attempts': node.attempts,
      'tailor.node.retries': Math.max(0, node.attempts - 1),
      'tailor.node.handled': node.handled,
      'tailor.node.pinned': node.pinned,
      'gen_ai.usage.input_tokens': node.usage?.input,
      'gen_ai.usage.output_tokens': node.usage?.output,
      'tailor.cost': node.usage?.cost,
      'tailor.error.code': node.error?.code,
      ...(content
        ? {
            'input.value': truncate(node.config),
            'output.value': truncate(node.output),
            'tailor.error.message': node.error?.message,
          }
        : {}),
    }),
    status:
      node.status === 'failed'
        ? { code: StatusCode.error, message: statusMessage(node.error, 'failed', content) }
        : node.status === 'succeeded'
          ? { code: StatusCode.ok }
          : { code: StatusCode.unset },
  };
}

/** The error code always; the message (it may quote user data) only with content export on. */
function statusMessage(error: { code: string; message: string } | undefined, status: string, content: boolean) {
  if (!error) return status;
  return content ? `${error.code}: ${error.message}` : error.code;
}
