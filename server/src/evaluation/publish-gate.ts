import type { EvaluationGate, EvaluationSummary } from '../storage/evaluation-store.js';
import type { StoredFlow } from '../storage/flow-store.js';
import type { Storage } from '../storage/storage.js';
import { documentHash } from './document-hash.js';

const share = (value: number) => value.toFixed(2);

/** An evaluation counts for the gate when it used at least the gate's scorers (more only make passing harder). */
function usesScorers(evaluation: EvaluationSummary, gate: EvaluationGate): boolean {
  return gate.scorers.every((name) => evaluation.scorers.includes(name));
}

/**
 * Why the flow's draft may not be published under its evaluation gate, or undefined when it may
 * (or the flow has no gate). The draft must have a succeeded evaluation of exactly this document
 * (matched by its hash) on the gate's dataset with the gate's scorers, and its latest such
 * evaluation must reach the gate's threshold.
 */
export async function publishGateRefusal(storage: Storage, flow: StoredFlow): Promise<string | undefined> {
  const gate = await storage.evaluations.gate(flow.id);
  if (!gate) return undefined;
  const dataset = await storage.datasets.get(gate.datasetId);
  const datasetName = dataset?.name ?? gate.datasetId;
  const hash = documentHash(flow.document);
  const ofThisDraft = await storage.evaluations.list({
    flowId: flow.id,
    documentHash: hash,
    datasetId: gate.datasetId,
    limit: 100,
  });
  const counted = ofThisDraft.filter((evaluation) => !evaluation.draftChanged && usesScorers(evaluation, gate));
  const latest = counted.find((evaluation) => evaluation.status === 'succeeded');
  const what = `draft revision ${flow.revision}`;
  if (!latest) {
    const running = counted.some((evaluation) => evaluation.status === 'running');
    return running
      ? `Evaluation gate: the evaluation of ${what} on '${datasetName}' is still running; publish when it has finished.`
      : `Evaluation gate: no evaluation of this draft (revision ${flow.revision}) on '${datasetName}' with ${gate.scorers.join(', ')} yet; evaluate it, then publish.`;
  }
  const score = latest.score ?? 0;
  if (score >= gate.threshold) return undefined;
  return `Evaluation gate: ${what} scored ${share(score)} on '${datasetName}', below ${share(gate.threshold)}.`;
}
