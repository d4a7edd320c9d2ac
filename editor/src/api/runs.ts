import { RunRecordSchema } from '@tailor/runtime/contract';
import { z } from 'zod';
import { request } from './client.js';
import { RunStartedSchema } from './schemas.js';

const enc = encodeURIComponent;

export interface StartRunBody {
  inputs: Record<string, unknown>;
  version?: 'draft' | number;
  sessionId?: string;
  pinned?: Record<string, unknown>;
}

export const runsApi = {
  start: (flowId: string, body: StartRunBody) =>
    request(RunStartedSchema, `/api/flows/${enc(flowId)}/runs`, { method: 'POST', body }),
  get: (runId: string) => request(RunRecordSchema, `/api/runs/${enc(runId)}`),
  cancel: (runId: string) => request(z.unknown(), `/api/runs/${enc(runId)}/cancel`, { method: 'POST' }),
  rerun: (runId: string, fromNode: string) =>
    request(RunStartedSchema, `/api/runs/${enc(runId)}/rerun`, { method: 'POST', body: { fromNode } }),
};
