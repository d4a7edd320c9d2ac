import { z } from 'zod';

/**
 * The OTLP/JSON `ExportTraceServiceRequest` (opentelemetry-proto, trace/v1), the part Tailor
 * writes. In OTLP/JSON trace and span ids are lowercase hex, 64-bit integers are decimal strings
 * and enums are numbers.
 */
export const AnyValueSchema = z.union([
  z.object({ stringValue: z.string() }),
  z.object({ boolValue: z.boolean() }),
  z.object({ intValue: z.string().regex(/^-?\d+$/) }),
  z.object({ doubleValue: z.number() }),
]);
export type AnyValue = z.output<typeof AnyValueSchema>;

export const KeyValueSchema = z.object({ key: z.string(), value: AnyValueSchema });
export type KeyValue = z.output<typeof KeyValueSchema>;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const unixNano = z.string().regex(/^\d+$/);

/** SPAN_KIND_INTERNAL = 1, SPAN_KIND_SERVER = 2. */
export const SpanKind = { internal: 1, server: 2 } as const;
/** STATUS_CODE_UNSET = 0, OK = 1, ERROR = 2. */
export const StatusCode = { unset: 0, ok: 1, error: 2 } as const;

export const OtlpSpanSchema = z.object({
  traceId: hex(16),
  spanId: hex(8),
  parentSpanId: hex(8).optional(),
  name: z.string(),
  kind: z.number().int().min(0).max(5),
  startTimeUnixNano: unixNano,
  endTimeUnixNano: unixNano,
  attributes: z.array(KeyValueSchema),
  status: z.object({ code: z.number().int().min(0).max(2), message: z.string().optional() }),
});
export type OtlpSpan = z.output<typeof OtlpSpanSchema>;

export const ExportTraceServiceRequestSchema = z.object({
  resourceSpans: z.array(
    z.object({
      resource: z.object({ attributes: z.array(KeyValueSchema) }),
      scopeSpans: z.array(
        z.object({
          scope: z.object({ name: z.string(), version: z.string().optional() }),
          spans: z.array(OtlpSpanSchema),
        }),
      ),
    }),
  ),
});
export type ExportTraceServiceRequest = z.output<typeof ExportTraceServiceRequestSchema>;

/** An attribute list from plain values; undefined values are left out. */
export function attributes(values: Record<string, string | number | boolean | undefined>): KeyValue[] {
  const out: KeyValue[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (typeof value === 'string') out.push({ key, value: { stringValue: value } });
    else if (typeof value === 'boolean') out.push({ key, value: { boolValue: value } });
    else if (Number.isInteger(value)) out.push({ key, value: { intValue: String(value) } });
    else out.push({ key, value: { doubleValue: value } });
  }
  return out;
}

/** Epoch milliseconds (fractions kept to the microsecond) as OTLP nanoseconds. */
export function unixNanoOf(epochMs: number): string {
  return (BigInt(Math.round(epochMs * 1000)) * 1000n).toString();
}

export function exportRequest(
  resource: Record<string, string>,
  scope: { name: string; version: string },
  spans: OtlpSpan[],
): ExportTraceServiceRequest {
  return {
    resourceSpans: [{ resource: { attributes: attributes(resource) }, scopeSpans: [{ scope, spans }] }],
  };
}
