import { resolve } from 'node:path';
import { z } from 'zod';
import { OtlpConfigShape } from './telemetry/otlp-settings.js';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** Every setting the server reads from the environment, with its default. */
export const ServerConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  TAILOR_DATA_DIR: z.string().default('./data'),
  TAILOR_SECRET_KEY: z.string().optional(),
  TAILOR_ADMIN_PASSWORD: z.string().min(8, 'TAILOR_ADMIN_PASSWORD must be at least 8 characters').optional(),
  MONGODB_URI: z.string().optional(),
  TAILOR_REDIS_URL: z.string().optional(),
  /** Prefix of every Redis key and channel, so installations can share one Redis. */
  TAILOR_REDIS_PREFIX: z
    .string()
    .regex(/^[\w.-]+$/)
    .default('tailor'),
  /** `bullmq` hands runs to `tailor worker` processes through Redis. */
  TAILOR_EXECUTOR: z.enum(['in-process', 'bullmq']).optional(),
  /** How long a worker's hold on a run lasts without renewal: a dead worker's run is noticed after about this. */
  TAILOR_JOB_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  TAILOR_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(64),
  TAILOR_RATE_LIMIT_KEY: z.coerce.number().int().min(1).default(3_000),
  TAILOR_RATE_LIMIT_IP: z.coerce.number().int().min(1).default(3_000),
  /** Behind a reverse proxy: express's `trust proxy` value (e.g. `1` or `loopback`). */
  TAILOR_TRUST_PROXY: z.string().optional(),
  TAILOR_SECURE_COOKIES: flag.default(false),
  TAILOR_EDITOR_DIR: z.string().optional(),
  TAILOR_MAX_BODY: z.string().default('2mb'),
  /** Finished runs as OpenTelemetry traces (see telemetry/). */
  ...OtlpConfigShape,
  /** Runs older than this many days are deleted in the background; 0 or unset keeps them (an admin setting overrides). */
  TAILOR_RETENTION_DAYS: z.coerce.number().min(0).max(36_500).optional(),
});
export type ServerConfig = z.output<typeof ServerConfigSchema> & { dataDir: string; executor: 'in-process' | 'bullmq' };

export function readConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): ServerConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ServerConfigSchema.safeParse(defined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`The server configuration is invalid:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  return {
    ...config,
    dataDir: resolve(cwd, config.TAILOR_DATA_DIR),
    executor: config.TAILOR_EXECUTOR ?? (config.TAILOR_REDIS_URL ? 'bullmq' : 'in-process'),
  };
}
