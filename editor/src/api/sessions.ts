import { z } from 'zod';
import { request } from './client.js';

const SessionSummarySchema = z.object({
  id: z.string(),
  flowId: z.string().nullish(),
  turnCount: z.number().default(0),
  updatedAt: z.number().nullish(),
});
export type SessionSummary = z.output<typeof SessionSummarySchema>;

const SessionSchema = SessionSummarySchema.extend({
  turns: z.array(z.object({ role: z.string(), content: z.string(), runId: z.string().nullish() })),
});
export type Session = z.output<typeof SessionSchema>;

const enc = encodeURIComponent;

export const sessionsApi = {
  list: (flowId: string) => request(z.array(SessionSummarySchema), `/api/sessions?flowId=${enc(flowId)}&limit=20`),
  get: (id: string) => request(SessionSchema, `/api/sessions/${enc(id)}`),
};
