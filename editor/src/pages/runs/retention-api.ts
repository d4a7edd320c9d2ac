import { z } from 'zod';
import { request } from '../../api/client.js';

/** `GET/PUT /api/settings/retention`. */
export const RetentionStateSchema = z.object({
  days: z.number().nullable(),
  envDays: z.number().nullable(),
  effectiveDays: z.number().nullable(),
  lastSweep: z.object({ at: z.number(), deleted: z.number() }).nullable(),
});
export type RetentionState = z.output<typeof RetentionStateSchema>;

export const retentionApi = {
  get: () => request(RetentionStateSchema, '/api/settings/retention'),
  /** null follows TAILOR_RETENTION_DAYS; 0 keeps runs forever. */
  set: (days: number | null) =>
    request(RetentionStateSchema, '/api/settings/retention', { method: 'PUT', body: { days } }),
};
