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
  readonly commands: readonly CliCommand[];
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

/** Wrong arguments: printed with the command's usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit statuses shared by every command. */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;
