import { type RunError, TailorError } from '@tailor/runtime';

/** The error a run gets when the process holding it stopped before it ended. */
export function interruptedError(): RunError {
  return new TailorError('RUN_INTERRUPTED').toValue();
}
