import { Readable } from 'node:stream';
import type { CliIo } from '@tailor/server/cli';

/** A CliIo over strings, to run commands in-process; `interrupt()` plays Ctrl-C. */
export function memoryIo(
  cwd: string,
  stdin = '',
  onStderr?: (text: string) => void,
  env: Record<string, string> = {},
): CliIo & { out: () => string; err: () => string; interrupt(): void } {
  let out = '';
  let err = '';
  const handlers = new Set<() => void>();
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: {
      write: (text: string) => {
        err += text;
        onStderr?.(text);
      },
      isTTY: false,
    },
    stdin: Readable.from([stdin]),
    cwd,
    env: { NO_COLOR: '1', ...env },
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    out: () => out,
    err: () => err,
    interrupt: () => {
      for (const handler of handlers) handler();
    },
  };
}
