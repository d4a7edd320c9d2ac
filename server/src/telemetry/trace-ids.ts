import { createHash } from 'node:crypto';

/**
 * Ids derived from run ids, not random: a sub-flow's run is exported on its own, often before its
 * parent ends, and still lands in its parent's trace under the calling node's span.
 */
export function traceIdOf(rootRunId: string): string {
  return digest(`trace:${rootRunId}`).slice(0, 32);
}

/** The span of a run (`path` empty) or of a node inside it (`path` = node id, nested ids joined by `/`). */
export function spanIdOf(runId: string, path = ''): string {
  return digest(`span:${runId}:${path}`).slice(0, 16);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
