import { describe, expect, it } from 'vitest';
import { fuseRanks, RRF_K } from './fusion.js';

describe('fuseRanks', () => {
  const keyword = {
    hits: [
      { id: 1, score: 9 },
      { id: 2, score: 5 },
      { id: 3, score: 1 },
    ],
    weight: 1,
  };
  const vector = {
    hits: [
      { id: 3, score: 0.9 },
      { id: 1, score: 0.8 },
      { id: 4, score: 0.2 },
    ],
    weight: 1,
  };

  it('sums weighted reciprocal ranks and keeps each list’s rank and score', () => {
    const fused = fuseRanks([keyword, vector]);
    expect(fused.map((h) => h.id)).toEqual([1, 3, 2, 4]);
    const first = fused[0];
    expect(first?.ranks).toEqual([
      { rank: 1, score: 9 },
      { rank: 2, score: 0.8 },
    ]);
    const max = 2 / (RRF_K + 1);
    expect(first?.fused).toBeCloseTo((1 / (RRF_K + 1) + 1 / (RRF_K + 2)) / max, 10);
    expect(fused.find((h) => h.id === 4)?.ranks[0]).toBeNull();
  });

  it('reads 1 for a chunk first in every list', () => {
    const fused = fuseRanks([
      { hits: [{ id: 7, score: 1 }], weight: 2 },
      { hits: [{ id: 7, score: 1 }], weight: 1 },
    ]);
    expect(fused[0]?.fused).toBeCloseTo(1, 10);
  });

  it('lets the weights decide between the lists', () => {
    expect(
      fuseRanks([
        { ...keyword, weight: 3 },
        { ...vector, weight: 1 },
      ])[0]?.id,
    ).toBe(1);
    expect(
      fuseRanks([
        { ...keyword, weight: 0 },
        { ...vector, weight: 1 },
      ])[0]?.id,
    ).toBe(3);
  });
});
