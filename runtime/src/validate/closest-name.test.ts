import { describe, expect, it } from 'vitest';
import { closestName, editDistance, listNames } from './closest-name.js';

describe('closest names', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('strat', 'start')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only names close enough to be a typo', () => {
    expect(closestName('retreival', ['retrieval', 'model'])).toBe('retrieval');
    expect(closestName('spaceship', ['retrieval', 'model'])).toBeUndefined();
  });

  it('keeps long lists to one line', () => {
    expect(listNames(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});
