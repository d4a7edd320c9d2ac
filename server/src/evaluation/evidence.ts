import type { NodeRecord } from '@tailor/runtime';

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
