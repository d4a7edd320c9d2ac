import { describe, expect, it } from 'vitest';
import { extractReferences } from '../template/references.js';
import { templateReferences } from './template-scan.js';

const sameAsLiquid = [
  'Q: {{ start.question }}',
  '{{ kb.chunks[0].text }} and {{ kb["odd key"].x }}',
  'A {{ answer.text | upcase }} B {{ a.b | truncate: 20, "…" }} C {{- c.d -}}',
  '{{ a.b | default: "none" | strip }}',
  'multi\nline {{ x.y }}\n{{ z }}',
  '{% for c in kb.chunks %}{{ c.text }} {{ start.q }}{% endfor %}',
  '{% if start.vip %}VIP{% else %}{{ start.name }}{% endif %}',
  '{{ a.b | default: start.fallback }}',
  '{{ true }} {{ "text" }} {{ 3 }}',
  '{{ a.b[c.d] }}',
];

const canonical = (list: ReadonlyArray<{ root: string; path: readonly (string | number)[] }>) =>
  [...new Set(list.map((r) => JSON.stringify([r.root, ...r.path])))].sort();

describe('templateReferences', () => {
  it.each(sameAsLiquid)('finds what LiquidJS finds in %j', (text) => {
    expect(canonical(templateReferences(text))).toEqual(canonical(extractReferences(text)));
  });

  it('reports each distinct reference once', () => {
    expect(templateReferences('{{ a.b }} {{ a.b | upcase }}')).toEqual([{ root: 'a', path: ['b'] }]);
  });

  it('leaves malformed templates and unknown filters to LiquidJS, which explains them', () => {
    expect(() => templateReferences('{{ a.b | upcas }}')).toThrow(/upcas/);
    expect(() => templateReferences('{{ a.b ')).toThrow();
    expect(() => templateReferences('{% if %}')).toThrow();
  });

  it('ignores text without template marks', () => {
    expect(templateReferences('plain } text {')).toEqual([]);
  });
});
