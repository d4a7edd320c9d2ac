import { z } from 'zod';
import { TailorError } from '../contract/error-codes.js';
import { type LogEntry, LogEntrySchema } from '../contract/run-record.js';
import type { GuestLimits } from './guest-source.js';

const GuestErrorSchema = z.object({
  kind: z.enum(['thrown', 'memory', 'result']),
  name: z.string().optional(),
  message: z.string(),
  line: z.number().int().positive().optional(),
});

/** What the guest bootstrap hands back: one JSON text, treated as untrusted input. */
export function guestEnvelopeSchema(limits: GuestLimits) {
  return z.union([
    z.object({
      logs: z.array(LogEntrySchema).max(limits.maxLogLines),
      dropped: z.number().int().min(0),
      value: z.unknown(),
    }),
    z.object({
      logs: z.array(LogEntrySchema).max(limits.maxLogLines),
      dropped: z.number().int().min(0),
      error: GuestErrorSchema,
    }),
  ]);
}

export type GuestEnvelope = z.output<ReturnType<typeof guestEnvelopeSchema>>;
export type GuestError = z.output<typeof GuestErrorSchema>;

/** The logs of a finished run, with one closing line when some were dropped. */
export function logsOf(envelope: GuestEnvelope): LogEntry[] {
  if (envelope.dropped === 0) return envelope.logs;
  const at = envelope.logs.at(-1)?.at ?? Date.now();
  const note = `… ${envelope.dropped} more console line${envelope.dropped === 1 ? ' was' : 's were'} dropped (limit reached).`;
  return [...envelope.logs, { at, level: 'warn', message: note }];
}

/** A guest-reported failure as the error the node fails with; the user's line number when known. */
export function errorOf(error: GuestError, memoryMb: number): TailorError {
  if (error.kind === 'result') return new TailorError('SANDBOX_RESULT', error.message);
  const where = error.line === undefined ? '' : ` (line ${error.line})`;
  const thrown = error.name ? `${error.name}: ${error.message}` : error.message;
  const details = error.line === undefined ? undefined : { line: error.line };
  if (error.kind === 'memory')
    return new TailorError('SANDBOX_MEMORY', `Limit: ${memoryMb} MB. ${thrown}${where}`, details);
  return new TailorError('SANDBOX_ERROR', `${thrown}${where}`, details);
}

/**
 * A compile failure from isolated-vm ("Unexpected token ';' [<code>:2:9]") as SANDBOX_ERROR with
 * the user's line; only the message is kept, never the host stack.
 */
export function syntaxErrorOf(thrown: unknown): TailorError {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const position = /\[<code>:(\d+):\d+\]$/.exec(message);
  const text = message.replace(/\s*\[<code>:\d+:\d+\]$/, '');
  const name = thrown instanceof Error && thrown.name !== 'Error' ? thrown.name : 'SyntaxError';
  const line = position ? Number(position[1]) : undefined;
  const where = line === undefined ? '' : ` (line ${line})`;
  return new TailorError('SANDBOX_ERROR', `${name}: ${text}${where}`, line === undefined ? undefined : { line });
}
