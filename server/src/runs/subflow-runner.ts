import type { SubflowRequest, SubflowResult, SubflowRunner } from '@tailor/nodes';
import { TailorError } from '@tailor/runtime';
import { newRunId } from './run-id.js';
import type { RunService } from './run-service.js';

/** Sub-flows calling sub-flows stop here: a flow that (indirectly) calls itself would never end. */
export const MAX_SUBFLOW_DEPTH = 8;

/**
 * Runs another stored flow through the run service, so the child run is recorded, streamed and
 * cancellable like any other, with `parentRunId`/`parentNodeId` pointing at the node that started
 * it. Bound to the run service after it exists (the service needs the executor, which needs these
 * services).
 */
export class ServerSubflowRunner implements SubflowRunner {
  #runs: RunService | undefined;
  readonly #depthOfRun = new Map<string, number>();

  bind(runs: RunService): void {
    this.#runs = runs;
  }

  async run(request: SubflowRequest): Promise<SubflowResult> {
    const runs = this.#runs;
    if (!runs) throw new TailorError('SERVICE_MISSING', 'Sub-flows are not ready yet on this server.');
    const depth = (this.#depthOfRun.get(request.parentRunId) ?? 0) + 1;
    if (depth > MAX_SUBFLOW_DEPTH) {
      throw new TailorError(
        'NODE_FAILED',
        `Sub-flows are nested more than ${MAX_SUBFLOW_DEPTH} deep; does "${request.flowId}" call itself?`,
      );
    }
    // The child's depth must be known before it starts: its own sub-flow node may run at once.
    const runId = newRunId();
    this.#depthOfRun.set(runId, depth);
    const cancel = (): void => void runs.cancel(runId);
    try {
      const started = await runs.start(request.flowId, {
        runId,
        inputs: request.inputs,
        version: request.version,
        source: 'subflow',
        parentRunId: request.parentRunId,
        parentNodeId: request.parentNodeId,
        ...(request.sessionId ? { sessionId: request.sessionId } : {}),
      });
      request.signal.addEventListener('abort', cancel, { once: true });
      const end = await started.ended;
      return { runId, status: end.status, output: end.output, ...(end.error ? { error: end.error } : {}) };
    } finally {
      request.signal.removeEventListener('abort', cancel);
      this.#depthOfRun.delete(runId);
    }
  }
}
