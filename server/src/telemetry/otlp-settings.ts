import { z } from 'zod';

/** Where and how finished runs are exported as traces; absent when no endpoint is configured. */
export interface OtlpSettings {
  /** The full traces URL, e.g. `http://127.0.0.1:4318/v1/traces`. */
  tracesUrl: string;
  headers: Record<string, string>;
  /** Inputs, outputs and error messages go into span attributes (truncated) only when true. */
  content: boolean;
  serviceName: string;
}

/** The environment variables of the export; part of the server configuration. */
export const OtlpConfigShape = {
  /** OTLP over HTTP, e.g. `http://127.0.0.1:4318` (`/v1/traces` is added) or a full traces URL. */
  TAILOR_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  TAILOR_OTLP_HEADERS: z.string().optional(),
  TAILOR_OTLP_CONTENT: z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'])
    .transform((value) => value === '1' || value === 'true' || value === 'yes')
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
};
const OtlpEnvSchema = z.object(OtlpConfigShape);
type OtlpConfig = z.output<typeof OtlpEnvSchema>;

/**
 * `Authorization=Bearer x,foo=bar` → headers, as OTEL_EXPORTER_OTLP_HEADERS reads them: pairs split
 * at commas, each at its first `=`, values percent-decoded.
 */
export function parseOtlpHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (name) headers[name] = safeDecode(value);
  }
  return headers;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The base endpoint gets `/v1/traces` (as OTEL_EXPORTER_OTLP_ENDPOINT does); a full traces URL is kept. */
export function tracesUrlOf(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/traces') ? trimmed : `${trimmed}/v1/traces`;
}

export function readOtlpSettings(env: Readonly<Record<string, string | undefined>>): OtlpSettings | undefined {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = OtlpEnvSchema.safeParse(defined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`The OpenTelemetry export settings are invalid:\n${lines.join('\n')}`);
  }
  return otlpSettingsOf(parsed.data);
}

/** The export settings of a parsed configuration; undefined when no endpoint is set. */
export function otlpSettingsOf(config: OtlpConfig): OtlpSettings | undefined {
  const { TAILOR_OTLP_ENDPOINT, TAILOR_OTLP_HEADERS, TAILOR_OTLP_CONTENT, OTEL_SERVICE_NAME } = config;
  if (!TAILOR_OTLP_ENDPOINT) return undefined;
  return {
    tracesUrl: tracesUrlOf(TAILOR_OTLP_ENDPOINT),
    headers: parseOtlpHeaders(TAILOR_OTLP_HEADERS),
    content: TAILOR_OTLP_CONTENT ?? false,
    serviceName: OTEL_SERVICE_NAME ?? 'tailor',
  };
}
