import type { LogEntry } from './run-record.js';
import { serviceKey } from './services.js';

export interface SandboxRunOptions {
  timeoutMs: number;
  memoryMb: number;
  signal?: AbortSignal;
  /** Called for each console line, already bounded in size. */
  onLog?: (entry: LogEntry) => void;
}

/** Runs untrusted JavaScript: the body of an async function of `inputs`, returning JSON data. */
export interface CodeSandbox {
  run(code: string, inputs: unknown, options: SandboxRunOptions): Promise<unknown>;
}

export const CodeSandboxService = serviceKey<CodeSandbox>('sandbox', 'the code sandbox (isolated-vm)');
