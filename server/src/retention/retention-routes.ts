import { z } from 'zod';
import type { ApiTable } from '../http/api-table.js';
import type { ServerContext } from '../server-context.js';
import { RetentionDaysSchema } from './run-retention.js';

const RetentionStateSchema = z.object({
  days: z.number().nullable(),
  envDays: z.number().nullable(),
  effectiveDays: z.number().nullable(),
  lastSweep: z.object({ at: z.number(), deleted: z.number() }).nullable(),
});

const SetRetentionSchema = z.object({
  /** Days to keep runs; 0 keeps them forever; null follows TAILOR_RETENTION_DAYS. */
  days: RetentionDaysSchema.nullable(),
});

export function addRetentionRoutes(api: ApiTable, ctx: Pick<ServerContext, 'retention'>): void {
  api.add({
    method: 'get',
    path: '/api/settings/retention',
    tag: 'settings',
    access: 'admin',
    summary: 'How long runs are kept: the admin setting, TAILOR_RETENTION_DAYS and the last sweep',
    response: RetentionStateSchema,
    handler: () => ctx.retention.state(),
  });
  api.add({
    method: 'put',
    path: '/api/settings/retention',
    tag: 'settings',
    access: 'admin',
    summary:
      'Keep runs this many days (0 = forever, null = as TAILOR_RETENTION_DAYS); older runs are deleted in the background',
    body: SetRetentionSchema,
    response: RetentionStateSchema,
    handler: ({ body }) => ctx.retention.setDays(body.days),
  });
}
