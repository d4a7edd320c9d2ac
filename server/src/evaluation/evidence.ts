import type { NodeRecord, RunEvent } from '@tailor/runtime';

/** What a run did on the way to its output, for scorers that look beyond the output. */
export interface RunEvidence {
  /** Documents of every chunk the run's retrieval nodes returned (loop bodies included), in order. */
  readonly retrieved: readonly string[];
}

function documentsOf(output: unknown): string[] {
  const chunks = (output as { chunks?: unknown } | undefined)?.chunks;
  if (!Array.isArray(chunks)) return [];
  return chunks.flatMap((chunk) => {
    const document = (chunk as { document?: unknown } | null)?.document;
    return typeof document === 'string' ? [document] : [];
  });
}

/** Collects the evidence from a run record's nodes, nested runs included. */
export function evidenceOf(nodes: readonly NodeRecord[]): RunEvidence {
  const retrieved: string[] = [];
  const visit = (records: readonly NodeRecord[]) => {
    for (const record of records) {
      if (record.type === 'retrieval' && record.status === 'succeeded') retrieved.push(...documentsOf(record.output));
      for (const child of record.children ?? []) visit(child.nodes);
    }
  };
  visit(nodes);
  return { retrieved: [...new Set(retrieved)] };
}

/**
 * Collects evidence from a run's events as they arrive (a run on another worker has no record in
 * this process yet): `node.start` says which nodes are retrievals, their `node.end` what they found.
 */
export function evidenceCollector(): { onEvent(event: RunEvent): void; evidence(): RunEvidence } {
  const retrievals = new Set<string>();
  const retrieved: string[] = [];
  const key = (nodeId: string, scope: readonly string[] | undefined) => `${(scope ?? []).join('/')}#${nodeId}`;
  return {
    onEvent(event) {
      if (event.type === 'node.start' && event.nodeType === 'retrieval') retrievals.add(key(event.nodeId, event.scope));
      if (event.type === 'node.end' && retrievals.has(key(event.nodeId, event.scope)))
        retrieved.push(...documentsOf(event.output));
    },
    evidence: () => ({ retrieved: [...new Set(retrieved)] }),
  };
}
