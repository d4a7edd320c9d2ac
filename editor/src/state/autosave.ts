import { useEffect } from 'react';
import { ApiError } from '../api/client.js';
import { flowsApi } from '../api/flows.js';
import { flowStore } from './flow-store.js';

const SAVE_DELAY_MS = 700;
const VALIDATE_DELAY_MS = 300;

let inflight: Promise<void> | null = null;

/**
 * Saves the draft with If-Match. A 409 means someone saved in between: the state turns to
 * `conflict` and nothing is overwritten until the analyst chooses.
 */
export async function saveNow(force = false): Promise<void> {
  if (inflight) await inflight;
  const { doc, revision, version, saveState } = flowStore.getState();
  if (!doc || revision === null) return;
  if (saveState === 'saved' || (saveState === 'conflict' && !force)) return;
  const state = flowStore.getState();
  state.markSaving();
  inflight = flowsApi
    .save(doc, revision)
    .then((saved) => flowStore.getState().markSaved(saved.revision, version))
    .catch((error: unknown) => {
      const conflict = error instanceof ApiError && error.status === 409;
      flowStore.getState().markSaveFailed(conflict, error instanceof Error ? error.message : String(error));
    })
    .finally(() => {
      inflight = null;
    });
  await inflight;
}

/** Keeps the latest server revision but the local edits: "keep mine" after a conflict. */
export async function overwriteAfterConflict(): Promise<void> {
  const { doc } = flowStore.getState();
  if (!doc) return;
  const latest = await flowsApi.get(doc.id);
  flowStore.setState({ revision: latest.revision, saveState: 'dirty' });
  await saveNow(true);
}

export async function reloadAfterConflict(): Promise<void> {
  const { doc } = flowStore.getState();
  if (!doc) return;
  const latest = await flowsApi.get(doc.id);
  flowStore.getState().load(latest.document, latest.revision);
  flowStore.getState().setProblems(latest.problems);
}

/** Validates the document with the server's validator: the same checks a run makes, before any run. */
async function validate(signal: AbortSignal): Promise<void> {
  const { doc } = flowStore.getState();
  if (!doc) return;
  try {
    const result = await flowsApi.validate(doc, signal);
    if (!signal.aborted) flowStore.getState().setProblems(result.problems);
  } catch {
    // Validation is advisory while editing; a failed call leaves the last problems shown.
  }
}

/** Debounced autosave and validation for the open flow. */
export function useAutosave(): void {
  useEffect(() => {
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    let validateTimer: ReturnType<typeof setTimeout> | undefined;
    let controller = new AbortController();
    void validate(controller.signal);
    const unsubscribe = flowStore.subscribe((state, previous) => {
      if (state.version === previous.version) return;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
      clearTimeout(validateTimer);
      validateTimer = setTimeout(() => {
        controller.abort();
        controller = new AbortController();
        void validate(controller.signal);
      }, VALIDATE_DELAY_MS);
    });
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (flowStore.getState().saveState !== 'saved') event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      unsubscribe();
      clearTimeout(validateTimer);
      controller.abort();
      window.removeEventListener('beforeunload', beforeUnload);
      // Leaving the editor flushes a pending save rather than dropping it.
      if (saveTimer) void saveNow();
      clearTimeout(saveTimer);
    };
  }, []);
}
