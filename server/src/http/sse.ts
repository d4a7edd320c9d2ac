import type { Response } from 'express';

export interface SseStream {
  send(data: unknown, options?: { event?: string; id?: number }): void;
  /** Sends raw `data: <text>` (OpenAI's `[DONE]`). */
  sendRaw(text: string): void;
  end(): void;
  /** True once the client went away. */
  readonly closed: boolean;
}

/** Opens a Server-Sent Events response; a comment every 15 s keeps proxies from closing it. */
export function openSse(res: Response, onClose: () => void): SseStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  // nginx buffers responses unless told not to
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  let closed = false;
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  res.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    onClose();
  });
  return {
    send(data, options = {}) {
      if (closed) return;
      let frame = '';
      if (options.event) frame += `event: ${options.event}\n`;
      if (options.id !== undefined) frame += `id: ${options.id}\n`;
      res.write(`${frame}data: ${JSON.stringify(data)}\n\n`);
    },
    sendRaw(text) {
      if (!closed) res.write(`data: ${text}\n\n`);
    },
    end() {
      clearInterval(heartbeat);
      if (!closed) res.end();
    },
    get closed() {
      return closed;
    },
  };
}

/** True when the client asked for an event stream. */
export function wantsEventStream(accept: string | undefined): boolean {
  return accept?.includes('text/event-stream') ?? false;
}
