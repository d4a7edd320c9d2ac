import { describe, expect, it } from 'vitest';
import { extractReferences, parseWholeReference } from './references.js';

describe('template references', () => {
  it('reads a whole reference with its path', () => {
    expect(parseWholeReference('{{ kb.chunks[0].text }}')).toEqual({ root: 'kb', path: ['chunks', 0, 'text'] });
  });

  it('does not treat a filtered reference as whole', () => {
    expect(parseWholeReference('{{ kb.text | upcase }}')).toBeUndefined();
  });

  it('finds every global reference in a template and ignores loop locals', () => {
    const found = extractReferences('Q: {{ start.question }} {% for c in kb.chunks %}{{ c.text }}{% endfor %}');
    expect(found).toEqual([
      { root: 'start', path: ['question'] },
      { root: 'kb', path: ['chunks'] },
    ]);
  });
});
