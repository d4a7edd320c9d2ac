import { describe, expect, it } from 'vitest';
import type { DatasetItem } from './dataset.js';
import { cosine, similarityScorer } from './similarity.js';

const item: DatasetItem = { inputs: {}, expected: 'two to four days', line: 1 };
const none = { retrieved: [] };

describe('embedding similarity', () => {
  it('computes cosine similarity', () => {
    expect(cosine([1, 0], [1, 0])).toBe(1);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });

  it('passes at or above the minimum, embedding the output and the expected answer', async () => {
    const seen: string[][] = [];
    const scorer = similarityScorer(async (texts) => {
      seen.push(texts);
      return [new Float32Array([1, 0.2]), new Float32Array([1, 0])];
    }, 0.9);
    const score = await scorer.score('about 3 days', item, none);
    expect(score.pass).toBe(true);
    expect(score.score).toBeCloseTo(0.98, 2);
    expect(score.detail).toBe('similarity 0.98 ≥ 0.9');
    expect(seen).toEqual([['about 3 days', 'two to four days']]);
    const far = await similarityScorer(
      async () => [
        [1, 0],
        [0, 1],
      ],
      0.5,
    ).score('x', item, none);
    expect(far).toMatchObject({ pass: false, score: 0, detail: 'similarity 0.00 < 0.5' });
  });

  it('fails when the embedding call fails', async () => {
    const score = await similarityScorer(async () => {
      throw new Error('401 bad key');
    }, 0.8).score('x', item, none);
    expect(score).toMatchObject({ pass: false, score: 0, detail: 'could not embed: 401 bad key' });
  });
});
