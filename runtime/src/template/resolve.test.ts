import { describe, expect, it } from 'vitest';
import { compileValue } from './resolve.js';

const scope = { kb: { chunks: [{ text: 'a' }, { text: 'b' }], text: 'a\nb' }, start: { n: 3, tags: ['x', 'y'] } };

describe('compileValue', () => {
  it('keeps a whole reference typed and renders everything else as text', () => {
    const resolve = compileValue({
      list: '{{ kb.chunks }}',
      first: '{{ kb.chunks[0].text }}',
      line: 'n={{ start.n }}',
    });
    expect(resolve(scope)).toEqual({ list: scope.kb.chunks, first: 'a', line: 'n=3' });
  });

  it('prints objects and arrays inside text as JSON', () => {
    expect(compileValue('tags: {{ start.tags }}')(scope)).toBe('tags: ["x","y"]');
  });

  it('supports filters, conditions and loops', () => {
    const text = '{% for c in kb.chunks %}[{{ c.text | upcase }}]{% endfor %}{% if start.n > 2 %} many{% endif %}';
    expect(compileValue(text)(scope)).toBe('[A][B] many');
  });

  it('resolves a missing node or field to nothing', () => {
    expect(compileValue('{{ nobody.text }}')({})).toBeUndefined();
    expect(compileValue('<{{ nobody.text }}>')({})).toBe('<>');
  });

  it('reports an unknown filter when the template is compiled, naming the place', () => {
    expect(() => compileValue('{{ start.n | shout }}', 'node "a" field "prompt"')).toThrow(/node "a" field "prompt"/);
  });

  it('stops a template that would render for too long', () => {
    const runaway = compileValue('{% for i in (1..100000000) %}{% for j in (1..100000000) %}x{% endfor %}{% endfor %}');
    expect(() => runaway({})).toThrow(/template/i);
  });

  it('hands a simple template to LiquidJS when a value needs it, with the same result or error', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    expect(() => compileValue('x {{ a }}', 'node "a" field "prompt"')({ a: circular })).toThrow(
      /node "a" field "prompt".*circular/i,
    );
    const converted = { toLiquid: () => ({ shown: 'converted' }) };
    expect(compileValue('<{{ a.shown }}>')({ a: converted })).toBe('<converted>');
  });
});
