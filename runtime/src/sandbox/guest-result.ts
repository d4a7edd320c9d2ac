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
type GuestError = z.output<typeof GuestErrorSchema>;

/** The guest's answers: one JSON text each, treated as untrusted input. */
function schemasFor(limits: GuestLimits) {
  const logs = z.object({ logs: z.array(LogEntrySchema).max(limits.maxLogLines), dropped: z.number().int().min(0) });
  return {
    logs,
    answer: z.union([logs.extend({ value: z.unknown() }), logs.extend({ error: GuestErrorSchema })]),
  };
}

type GuestLogs = z.output<ReturnType<typeof schemasFor>['logs']>;

const UNREADABLE = 'The sandbox returned something unreadable.';
const PLAIN_VALUE_PREFIX = '{"logs":[],"dropped":0,"value":';

/** Reads what the guest handed back: the value, console lines for `onLog`, or the error to throw. */
export class GuestAnswers {
  readonly #limits: GuestLimits;
  readonly #schemas: ReturnType<typeof schemasFor>;
  readonly #maxText: number;

  constructor(limits: GuestLimits) {
    this.#limits = limits;
    this.#schemas = schemasFor(limits);
    // The result plus every console line escaped at worst: no honest answer is longer.
    this.#maxText = limits.maxResultBytes + limits.maxLogLines * (limits.maxLogLineChars * 6 + 100) + 1_000;
  }

  /** The run's value; its console lines go to `onLog` first; a guest-reported failure is thrown. */
  valueOf(answer: unknown, memoryMb: number, onLog?: (entry: LogEntry) => void): unknown {
    if (typeof answer !== 'string' || answer.length > this.#maxText)
      throw new TailorError('SANDBOX_RESULT', UNREADABLE);
    const quick = this.#plainValueOf(answer);
    if (quick) return quick.value;
    const parsed = this.#schemas.answer.safeParse(parseJson(answer));
    if (!parsed.success) throw new TailorError('SANDBOX_RESULT', UNREADABLE);
    for (const entry of logsOf(parsed.data)) onLog?.(entry);
    if ('error' in parsed.data) throw errorOf(parsed.data.error, memoryMb);
    checkResultSize(answer, parsed.data.value, this.#limits.maxResultBytes);
    return parsed.data.value;
  }

  /** Console lines read from a stopped run; anything unreadable is ignored. */
  deliverLogs(text: unknown, onLog?: (entry: LogEntry) => void): void {
    if (!onLog || typeof text !== 'string' || text.length > this.#maxText) return;
    const parsed = this.#schemas.logs.safeParse(parseJson(text));
    if (parsed.success) for (const entry of logsOf(parsed.data)) onLog(entry);
  }

  /**
   * The common answer (no console lines, a value) checked by its exact shape instead of the schema:
   * the prefix is fixed and the rest must parse as JSON, which is all the schema would check. Only
   * when short enough that even three bytes per character stay within the result limit.
   */
  #plainValueOf(text: string): { value: unknown } | undefined {
    if (text.length * 3 > this.#limits.maxResultBytes) return undefined;
    if (!text.startsWith(PLAIN_VALUE_PREFIX) || !text.endsWith('}')) return undefined;
    try {
      return { value: JSON.parse(text.slice(PLAIN_VALUE_PREFIX.length, -1)) };
    } catch {
      return undefined;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The guest counts characters; bytes can only be more, so only a long text needs the exact count. */
function checkResultSize(text: string, value: unknown, maxResultBytes: number): void {
  if (text.length * 3 <= maxResultBytes) return;
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
  if (bytes > maxResultBytes) {
    throw new TailorError('SANDBOX_RESULT', `The result is ${bytes} bytes of JSON; the limit is ${maxResultBytes}.`);
  }
}

/** The console lines of a run, with one closing line when some were dropped. */
function logsOf(guest: GuestLogs): LogEntry[] {
  if (guest.dropped === 0) return guest.logs;
  const at = guest.logs.at(-1)?.at ?? Date.now();
  const note = `… ${guest.dropped} more console line${guest.dropped === 1 ? ' was' : 's were'} dropped (limit reached).`;
  return [...guest.logs, { at, level: 'warn', message: note }];
}

/** A guest-reported failure as the error the node fails with; the user's line number when known. */
function errorOf(error: GuestError, memoryMb: number): TailorError {
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
