import type { ParseArgsConfig } from 'node:util';

/** Where a command reads and writes: the process in production, buffers in tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Registers what Ctrl-C does; returns a function that removes it. */
  onInterrupt(handler: () => void): () => void;
}

/** The options a command accepts, in node:util parseArgs' terms. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandInvocation {
  readonly positionals: readonly string[];
  readonly values: OptionValues;
  readonly io: CliIo;
  /** Every command, for `tailor help`. */
  readonly commands: readonly CommandEntry[];
}

/** One `tailor <name>` command: its own file under commands/, one line in registry.ts. */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The synopsis, e.g. `tailor validate <flow.json> [--json]`. */
  readonly usage: string;
  /** Longer help: what each option does, examples. */
  readonly details?: string;
  readonly options?: CommandOptions;
  /** Resolves to the exit status: 0 success, 1 failure, 2 bad usage or invalid input. */
  run(invocation: CommandInvocation): Promise<number>;
}

/**
 * A command as the registry lists it: its name and summary, and the command itself loaded only
 * when it is used, so `tailor validate` does not pay for what `tailor serve` imports.
 */
export interface LazyCommand {
  readonly name: string;
  readonly summary: string;
  load(): Promise<CliCommand>;
}

export type CommandEntry = CliCommand | LazyCommand;

export function lazyCommand(name: string, summary: string, load: () => Promise<CliCommand>): LazyCommand {
  return { name, summary, load };
}

/** The command behind an entry, loading it when it is lazy. */
export async function commandOf(entry: CommandEntry): Promise<CliCommand> {
  if (!('load' in entry)) return entry;
  const command = await entry.load();
  if (command.name !== entry.name) throw new Error(`The registry lists "${entry.name}" but loaded "${command.name}".`);
  return command;
}

/** Wrong arguments: printed with the command's usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit statuses shared by every command. */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;
