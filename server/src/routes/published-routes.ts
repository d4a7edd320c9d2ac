import { RunErrorSchema, type RunEvent, RunStatusSchema } from '@tailor/runtime';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { apiKeyOf, assertKeyMayRun } from '../auth/api-key-auth.js';
import type { ApiTable } from '../http/api-table.js';
import { directJsonPost } from '../http/direct-json-post.js';
import { fromZodError } from '../http/http-error.js';
import { openSse, wantsEventStream } from '../http/sse.js';
import { recordChatTurns } from '../runs/chat-turns.js';
import type { ServerContext } from '../server-context.js';
import { widgetEndUserOf } from './widget/widget-governance.js';

/** The widget's verified visitor, kept with the run. */
export function endUserOf(res: Response): {
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
    handler: ({ params, body, req, res }) => runPublished(ctx, params.flowId ?? '', body, req, res),
  });
}

const RUN_PATH = /^\/v1\/flows\/([^/?#]+)\/run$/;

/**
 * The published run of a server calling with its key (no Origin, JSON answer) without express's
 * chain: the traffic of this endpoint is mostly that. The same checks run in the same order as on
 * the table's route (body parsed, key guard with its rate limits, body schema); browser calls (the
 * widget's governance and CORS) and event streams take the table's route.
 */
export function publishedRunShortcut(ctx: ServerContext): RequestHandler {
  return directJsonPost(
    {
      match(url) {
        const encoded = RUN_PATH.exec(url)?.[1];
        if (encoded === undefined) return undefined;
        try {
          return { flowId: decodeURIComponent(encoded) };
        } catch {
          return undefined;
        }
      },
      accepts: (req) => req.headers.origin === undefined && !wantsEventStream(req.headers.accept),
      async handle({ req, res, params, body }) {
        await ctx.apiKeys.authenticate(req, res);
        const parsed = PublishedRunSchema.safeParse(body);
        if (!parsed.success) throw fromZodError(parsed.error, 'body');
        return runPublished(ctx, params.flowId ?? '', parsed.data, req, res);
      },
    },
    ctx.config.TAILOR_MAX_BODY,
  );
}

async function runPublished(
  ctx: ServerContext,
  flowId: string,
  body: z.output<typeof PublishedRunSchema>,
  req: Request,
  res: Response,
): Promise<z.output<typeof PublishedResultSchema> | undefined> {
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
}
