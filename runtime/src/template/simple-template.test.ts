import { describe, expect, it } from 'vitest';
import { liquid } from './liquid.js';
import { NEEDS_LIQUID, parseSimpleTemplate, renderSimpleTemplate } from './simple-template.js';

/** What the locked-down LiquidJS prints for a template, the reference the fast path must match. */
function renderWithLiquid(text: string, scope: object): string {
  return liquid.renderSync(liquid.parse(text), scope) as string;
}

function renderFast(text: string, scope: object): string | typeof NEEDS_LIQUID {
  const parts = parseSimpleTemplate(text);
  if (!parts) throw new Error(`not simple: ${text}`);
  return renderSimpleTemplate(parts, scope);
}

class Temperature {
  readonly celsius = 21;
  get fahrenheit(): number {
    return 69.8;
  }
}

const chunks = [{ text: 'first <b>&amp;</b>' }, { text: 'zweite – ünïcødé 🚀' }];
const sparse: unknown[] = [1];
sparse[3] = 'after a hole';

const scope: Record<string, unknown> = Object.assign(Object.create(null), {
  start: {
    message: 'Hello "world" <script>alert(1)</script> & \'quotes\'',
    n: 3,
    float: -12.375,
    large: 12345678901234567000,
    tiny: 1e-7,
    huge: 1e21,
    negativeZero: -0,
    nan: Number.NaN,
    yes: true,
    no: false,
    nothing: null,
    missing: undefined,
    empty: '',
    tags: ['x', 'y'],
    nested: { deep: { value: 'v', list: [1, [2, 3], { a: null }] } },
    size: 'own size wins',
    first: 'own first',
    'with space': 'spaced',
    'dash-name': 'dashed',
    ключ: 'unicode key',
    '0': 'zero key',
  },
  kb: { chunks, text: 'a\nb', count: 2 },
  list: [10, -1.5, 'three', null, true, { four: 4 }, [6]],
  sparse,
  emptyList: [],
  emptyObject: {},
  text: 'plain string',
  number: 42,
  flag: false,
  nil: null,
  map: new Map([['k', 'v']]),
  date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
  instance: new Temperature(),
  prototyped: Object.assign(Object.create({ inherited: 'from prototype' }), { own: 'mine' }),
  nullPrototype: Object.assign(Object.create(null), { only: 'own' }),
  snake_case: 's',
  'node-1': { out: 'hyphenated node id' },
});

const table = [
  '{{ start.message }}',
  '{{start.message}}',
  '{{   start.message   }}',
  '{{\tstart.n\n}}',
  'Value: {{ start.n }} and {{ start.float }}!',
  '{{ start.large }} {{ start.tiny }} {{ start.huge }} {{ start.negativeZero }} {{ start.nan }}',
  '{{ start.yes }}/{{ start.no }}/{{ start.nothing }}/{{ start.missing }}/{{ start.empty }}',
  '{{ start.tags }}',
  '{{ start.nested }}',
  '{{ start.nested.deep.list[1][0] }} {{ start.nested.deep.list[2].a }}',
  '{{ kb.chunks[0].text }} | {{ kb.chunks[1]["text"] }} | {{ kb.chunks[1][\'text\'] }}',
  '{{ kb.chunks[2].text }}:{{ kb.chunks[99] }}',
  '{{ kb.chunks.size }} {{ kb.chunks.first.text }} {{ kb.chunks.last.text }} {{ kb.chunks.length }}',
  '{{ kb.text.size }} {{ kb.text.first }} {{ kb.text.last }} {{ kb.text.length }} {{ kb.text[0] }}',
  '{{ kb.size }} {{ kb.count.size }} {{ start.size }} {{ start.first }} {{ emptyObject.size }}',
  '{{ emptyList.first }}{{ emptyList.last }}{{ emptyList.size }}',
  '{{ sparse[1] }}|{{ sparse[3] }}|{{ sparse.size }}|{{ sparse.last }}',
  '{{ list }}',
  '{{ list[0] }} {{ list[1] }} {{ list[3] }} {{ list[4] }} {{ list[5] }} {{ list[5].four }} {{ list[6] }}',
  '{{ start["with space"] }} {{ start.dash-name }} {{ start["ключ"] }} {{ start["0"] }} {{ start[0] }}',
  '{{ text }} {{ text.size }} {{ text.missing }} {{ number }} {{ number.size }} {{ flag }}',
  '{{ map }} {{ map.size }} {{ map.k }}',
  '{{ date }} {{ date.size }} {{ date.getTime }}',
  '{{ instance }} {{ instance.celsius }} {{ instance.fahrenheit }} {{ instance.constructor }}',
  '{{ prototyped.inherited }}-{{ prototyped.own }}-{{ prototyped }}',
  '{{ nullPrototype }} {{ nullPrototype.only }} {{ nullPrototype.toString }}',
  '{{ start.constructor }}{{ start.__proto__ }}{{ start.hasOwnProperty }}{{ start.toString }}{{ list.map }}',
  '{{ constructor }}{{ __proto__ }}{{ toString }}{{ hasOwnProperty }}{{ valueOf }}',
  '{{ constructor.name }}{{ __proto__.constructor }}{{ text.constructor.name }}',
  '{{ size }} {{ first }} {{ last }} {{ nobody }} {{ nobody.deep.path }}',
  '{{ snake_case }} {{ node-1.out }} {{ _missing }}',
  '{{ start.missing.deeper }}{{ start.nothing.deeper }}{{ start.yes.deeper }}',
  'no references at all <b>&amp;</b> 🚀',
  '',
  'lonely braces { } }} { } and text',
  '{{ start.n }}{{ start.n }}{{ start.n }}',
  'line 1\n{{ start.message }}\n\tline 3 ',
];

describe('simple templates render exactly as LiquidJS', () => {
  it.each(table)('%j', (text) => {
    expect(renderFast(text, scope)).toBe(renderWithLiquid(text, scope));
  });

  it('agrees on generated values, paths and spacing', () => {
    const random = seededRandom(20_261_128);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const names = ['a', 'b', 'value', 'size', 'first', 'last', 'length', 'constructor', '__proto__', 'toString', 'x-y'];
    const blanks = ['', ' ', '  ', '\t', '\n', ' \r\n '];
    const strings = [
      '',
      'plain',
      '<html attr="x">&amp;</html>',
      "it's",
      'emoji 🚀 ünïcødé',
      'tab\tnew\nline',
      '{{ not a tag }}',
    ];
    const numbers = [0, -0, 1, -1, Math.PI, -2.5e-8, 1e21, 2 ** 53 + 2, Number.MAX_VALUE, Number.NaN, -Infinity];

    const makeValue = (depth: number): unknown => {
      const kind = Math.floor(random() * (depth > 2 ? 5 : 7));
      if (kind === 0) return pick(strings);
      if (kind === 1) return pick(numbers);
      if (kind === 2) return random() < 0.5;
      if (kind === 3) return random() < 0.5 ? null : undefined;
      if (kind === 4) return pick(strings).length;
      if (kind === 5) return Array.from({ length: Math.floor(random() * 4) }, () => makeValue(depth + 1));
      const object: Record<string, unknown> = {};
      for (let count = Math.floor(random() * 4); count > 0; count--) object[pick(names)] = makeValue(depth + 1);
      return object;
    };
    const makeSegment = (): string => {
      const kind = Math.floor(random() * 4);
      if (kind === 0) return `[${Math.floor(random() * 4)}]`;
      if (kind === 1) return `["${pick(names)}"]`;
      if (kind === 2) return `['${pick(strings).replace(/[^\w ]/g, '')}']`;
      return `.${pick(names)}`;
    };

    let compared = 0;
    for (let round = 0; round < 3000; round++) {
      const data: Record<string, unknown> = { a: makeValue(0), b: makeValue(0), value: makeValue(0) };
      const references = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const path = Array.from({ length: Math.floor(random() * 4) }, makeSegment).join('');
        return `{{${pick(blanks)}${pick(['a', 'b', 'value', 'size', 'missing', 'constructor'])}${path}${pick(blanks)}}}`;
      });
      const text = references.map((reference) => `${pick(strings)}${reference}`).join(pick(['', ' ', '\n']));
      if (!parseSimpleTemplate(text)) continue;
      expect(renderFast(text, data), text).toBe(renderWithLiquid(text, data));
      compared++;
    }
    expect(compared).toBeGreaterThan(2000);
  });
});

describe('what stays with LiquidJS', () => {
  it.each([
    '{{ start.n | plus: 1 }}',
    '{% if start.n %}x{% endif %}',
    '{{- start.n }}',
    '{{ start.n -}}',
    '{{ start.n-}}',
    '{{ true }}',
    '{{ nil }}',
    '{{ empty }}',
    '{{ "literal" }}',
    '{{ 42 }}',
    '{{ list[-1] }}',
    '{{ list[start.n] }}',
    '{{ a . b }}',
    '{{ a[ 0 ] }}',
    '{{ a["with \\"escape\\""] }}',
    '{{ a["}}"] }}',
    '{{ }}',
    '{{ unclosed',
    '{{\u00a0a }}',
    '{{ a.0 }}',
    '{{ 1a }}',
  ])('%j is not treated as simple', (text) => {
    expect(parseSimpleTemplate(text)).toBeUndefined();
  });

  it('hands values only LiquidJS can read back to it', () => {
    const withMethod = { greet: () => 'hi' };
    const withToLiquid = { toLiquid: () => ({ shown: 'converted' }) };
    expect(renderFast('{{ o.greet }}', { o: withMethod })).toBe(NEEDS_LIQUID);
    expect(renderFast('{{ o.shown }}', { o: withToLiquid })).toBe(NEEDS_LIQUID);
  });
});

/** mulberry32: a small deterministic generator so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
