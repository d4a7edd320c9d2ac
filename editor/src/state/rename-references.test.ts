import { describe, expect, it } from 'vitest';
import { renameReferences } from './rename-references.js';

describe('renameReferences', () => {
  it('renames the root of a reference, not a property of the same name', () => {
    expect(renameReferences('{{ kb.text }} and {{ other.kb }}', 'kb', 'docs')).toBe(
      '{{ docs.text }} and {{ other.kb }}',
    );
  });
  it('leaves plain text outside tags alone', () => {
    expect(renameReferences('kb is {{ kb }}', 'kb', 'docs')).toBe('kb is {{ docs }}');
  });
  it('does not touch a longer name that starts the same', () => {
    expect(renameReferences('{{ kb2.text }}', 'kb', 'x')).toBe('{{ kb2.text }}');
  });
  it('walks arrays and objects', () => {
    expect(renameReferences({ a: ['{{ kb.x }}'], n: 1 }, 'kb', 'y')).toEqual({ a: ['{{ y.x }}'], n: 1 });
  });
  it('renames inside tags and filters', () => {
    expect(renameReferences('{% for c in kb.chunks %}{{ c | append: kb.text }}{% endfor %}', 'kb', 'k')).toBe(
      '{% for c in k.chunks %}{{ c | append: k.text }}{% endfor %}',
    );
  });
});
