import { RunErrorSchema, type RunEvent, RunStatusSchema } from '@tailor/runtime';
import { z } from 'zod';
import { apiKeyOf, assertKeyMayRun } from '../auth/api-key-auth.js';
import type { ApiTable } from '../http/api-table.js';
import { openSse, wantsEventStream } from '../http/sse.js';
import { recordChatTurns } from '../runs/chat-turns.js';
import type { ServerContext } from '../server-context.js';
import { widgetEndUserOf } from './widget/widget-governance.js';

/** The widget's verified visitor, kept with the run. */
export function endUserOf(res: import('express').Response): {
  endUser?: NonNullable<ReturnType<typeof widgetEndUserOf>>;
} {
  const endUser = widgetEndUserOf(res);
  return endUser ? { endUser } : {};
}

const PublishedRunSchema = z.object({
  inputs: z.record(z.string(), z.unknown()).default({}),
  /** A chat session: its earlier turns are what the flow's memory node reads. */
  sessionId: z.string().min(1).max(200).optional(),
});

const PublishedResultSchema = z.object({
  runId: z.string(),
  status: RunStatusSchema,
  output: z.unknown().optional(),
  error: RunErrorSchema.optional(),
});

export function addPublishedRoutes(api: ApiTable, ctx: ServerContext): void {
  api.add({
    method: 'post',
    path: '/v1/flows/:flowId/run',
    tag: 'published',
    access: 'api-key',
    summary: 'Run the published flow: JSON result, or with Accept: text/event-stream its run events as SSE',
    body: PublishedRunSchema,
    response: PublishedResultSchema,
    extraResponses: {
      '403': 'The key belongs to another flow or origin',
      '409': 'The flow is not published',
      '400': 'The inputs do not fit the flow (the failed run, with error INPUT_INVALID)',
    },
    handler: async ({ params, body, req, res }) => {
      const flowId = params.flowId ?? '';
      assertKeyMayRun(apiKeyOf(res), flowId);
      const stream = wantsEventStream(req.headers.accept);
      let sse: ReturnType<typeof openSse> | undefined;
      // Events that come before the stream is open (the run may start at once) wait here.
      const early: RunEvent[] = [];
      const send = (event: RunEvent) => sse?.send(event, { event: event.type, id: event.seq });
      const run = await ctx.runs.start(flowId, {
        inputs: body.inputs,
        version: 'published',
        source: 'api',
        ...(body.sessionId ? { sessionId: body.sessionId } : {}),
        ...endUserOf(res),
        ...(stream ? { onEvent: (event: RunEvent) => (sse ? send(event) : early.push(event)) } : {}),
      });
      // The run is the server's, not the request's: a client that leaves stops only its stream.
      if (stream) {
        sse = openSse(res, () => run.unfollow());
        for (const event of early.splice(0)) send(event);
      }
      const end = await run.ended;
      const message = body.inputs.message;
      if (body.sessionId && end.status === 'succeeded' && typeof message === 'string') {
        await recordChatTurns(ctx.storage.sessions, {
          sessionId: body.sessionId,
          flowId,
          runId: run.runId,
          message,
          output: end.output,
          startedAt: end.at - end.durationMs,
        });
      }
      if (sse) {
        sse.end();
        return undefined;
      }
      // Inputs that do not fit the flow are the caller's mistake: say so with a 400, not a failed run.
      if (end.error?.code === 'INPUT_INVALID') res.status(400);
      return { runId: run.runId, status: end.status, output: end.output, ...(end.error ? { error: end.error } : {}) };
    },
  });
}
