import { TailorError } from '@tailor/runtime';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface StreamReadOptions {
  /** Which provider, for messages. */
  provider: string;
  /** Fail when no byte arrives for this long. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The server-sent events of a response body, one at a time. A stream that goes silent for
 * `idleTimeoutMs`, breaks off, or is aborted ends with an error, never a hang; leaving the loop
 * early cancels the body, which closes the connection.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array> | null,
  options: StreamReadOptions,
): AsyncGenerator<EventSourceMessage> {
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event) });
  const decoder = new TextDecoder();
  for await (const chunk of readChunks(body, options)) {
    parser.feed(decoder.decode(chunk, { stream: true }));
    while (pending.length > 0) yield pending.shift() as EventSourceMessage;
  }
  parser.feed(decoder.decode());
  parser.reset({ consume: true });
  yield* pending;
}

/** The raw chunks of a body, under the same idle-timeout and abort rules. */
export async function* readChunks(
  body: ReadableStream<Uint8Array> | null,
  options: StreamReadOptions,
): AsyncGenerator<Uint8Array> {
  if (!body) throw new TailorError('PROVIDER_BAD_RESPONSE', `${options.provider} sent an empty answer.`);
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, options);
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  { provider, idleTimeoutMs, signal }: StreamReadOptions,
): ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      cleanup();
      const seconds = Math.round(idleTimeoutMs / 100) / 10;
      reject(
        new TailorError('PROVIDER_STREAM_INTERRUPTED', `${provider} sent nothing for ${seconds} s.`, { provider }),
      );
    }, idleTimeoutMs);
    const onAbort = () => {
      cleanup();
      reject(signal?.reason);
    };
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => {
        cleanup();
        resolve(result);
      },
      (thrown: unknown) => {
        cleanup();
        if (signal?.aborted) return reject(signal.reason);
        const why = thrown instanceof Error ? thrown.message : String(thrown);
        reject(
          new TailorError('PROVIDER_STREAM_INTERRUPTED', `${provider} closed the connection (${why}).`, { provider }),
        );
      },
    );
  });
}
