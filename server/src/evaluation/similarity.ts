import type { Score, Scorer } from './scorers.js';
import { textOf } from './values.js';

/** Embeds texts: one vector per text, in order. */
export type Embed = (texts: string[]) => Promise<ArrayLike<number>[]>;

/** Cosine similarity of two vectors (0 when either is all zeros). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA && normB ? dot / Math.sqrt(normA * normB) : 0;
}

/**
 * Meaning rather than wording: the cosine similarity of the output's and the expected answer's
 * embeddings, passing at `minimum` or above. A failed embedding call is a fail, never a pass.
 */
export function similarityScorer(embed: Embed, minimum: number): Scorer {
  return {
    name: 'similarity',
    description: 'the output means what the expected answer means (embedding cosine similarity)',
    applies: (item) => item.expected !== undefined,
    async score(output, item): Promise<Score> {
      let vectors: ArrayLike<number>[];
      try {
        vectors = await embed([textOf(output), textOf(item.expected)]);
      } catch (error) {
        return { scorer: 'similarity', score: 0, pass: false, detail: `could not embed: ${(error as Error).message}` };
      }
      const [a, b] = vectors;
      const similarity = a && b ? Math.max(0, cosine(a, b)) : 0;
      const pass = similarity >= minimum;
      const detail = `similarity ${similarity.toFixed(2)} ${pass ? '≥' : '<'} ${minimum}`;
      return { scorer: 'similarity', score: similarity, pass, detail };
    },
  };
}
