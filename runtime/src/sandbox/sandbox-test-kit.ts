import { expect } from 'vitest';
import { type ErrorCode, TailorError } from '../contract/error-codes.js';

/** Awaits a run that must fail and checks the error's code and that its message names the cause. */
export async function expectFailure(
  run: Promise<unknown>,
  code: ErrorCode,
  ...fragments: string[]
): Promise<TailorError> {
  const error = await run.then(
    (value) => {
      throw new Error(`expected ${code}, but the code returned ${JSON.stringify(value)}`);
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TailorError);
  const failure = error as TailorError;
  expect({ code: failure.code, message: failure.message }).toMatchObject({ code });
  for (const fragment of fragments) expect(failure.message).toContain(fragment);
  // Nothing of the host leaks into what the user reads.
  expect(failure.message).not.toMatch(/node:internal|isolated-vm|\/work\/|\.ts:\d/);
  return failure;
}
