import { TailorError } from '@tailor/runtime';
import type { ChatRequest } from './interfaces.js';
import { isRetryable } from './provider-errors.js';
import { backoffDelay, type RetryOptions, sleep } from './retry.js';

/**
 * One chat call, tried again when its answer breaks before anything reached the caller: a stream
 * cut, stalled or reporting "overloaded" before its first token is safe to repeat; once a token
 * was shown, it is not. (Failures before the answer starts are retried by sendProviderRequest.)
 */
export async function retryBeforeFirstOutput<Response, Result>(
  request: ChatRequest,
  options: RetryOptions,
  send: () => Promise<Response>,
  read: (response: Response, request: ChatRequest) => Promise<Result>,
): Promise<Result> {
  for (let tryNumber = 1; ; tryNumber += 1) {
    let started = false;
    const guarded: ChatRequest = {
      ...request,
      ...(request.onText && {
        onText: (text: string) => {
          started = true;
          request.onText?.(text);
        },
      }),
      ...(request.onReasoning && {
        onReasoning: (text: string) => {
          started = true;
          request.onReasoning?.(text);
        },
      }),
    };
    const response = await send();
    try {
      return await read(response, guarded);
    } catch (error) {
      const again = !started && tryNumber < options.attempts && !request.signal?.aborted && brokeOff(error);
      if (!again) throw error;
      await sleep(backoffDelay(options, tryNumber), request.signal);
    }
  }
}

function brokeOff(error: unknown): boolean {
  return isRetryable(error) || (error instanceof TailorError && error.code === 'PROVIDER_STREAM_INTERRUPTED');
}
