import { describe, expect, it } from 'vitest';
import { errors, onlyError, t } from './fixtures/problems.js';
import { flow, testCatalogue } from './fixtures/test-catalogue.js';
import { validateFlow } from './validate-flow.js';

describe('validateFlow: references', () => {
  const start = { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } };
  const kb = { id: 'kb', type: 'retrieval', config: { knowledgeBase: 'faq', query: '{{ start.question }}' } };

  it('reports a field the referenced node does not produce, listing what it has', () => {
    const answer = { id: 'answer', type: 'template', config: { template: 'From {{ kb.txt }}' } };
    const problem = onlyError(
      flow(
        [start, kb, answer],
        [
          { from: 'start', to: 'kb' },
          { from: 'kb', to: 'answer' },
        ],
      ),
    );
    expect(problem).toMatchObject({
      code: 'reference.unknown-field',
      path: ['nodes', 2, 'config', 'template'],
      field: 'template',
    });
    expect(problem.message).toBe(
      'Node "answer" (template) refers to {{ kb.txt }} in "template", but "kb" (retrieval) has no field "txt"; it has: chunks, text.',
    );
  });

  it('follows paths through lists and nested objects', () => {
    const ok = {
      id: 'a',
      type: 'template',
      config: { template: '{{ kb.chunks[0].text }} {{ kb.chunks.size }} {{ kb.chunks.first.score }}' },
    };
    const wrong = { id: 'b', type: 'template', config: { template: '{{ kb.chunks[0].title }}' } };
    const edges = [
      { from: 'start', to: 'kb' },
      { from: 'kb', to: 'a' },
      { from: 'kb', to: 'b' },
    ];
    const problem = onlyError(flow([start, kb, ok, wrong], edges));
    expect(problem.message).toContain('but "kb.chunks[0]" has no field "title"; it has: text, score, source.');
  });

  it("checks fields of config-dependent outputs (the input node's fields)", () => {
    const answer = { id: 'a', type: 'template', config: { template: '{{ start.questoin }}' } };
    const problem = onlyError(flow([start, answer], [{ from: 'start', to: 'a' }]));
    expect(problem.message).toContain('"start" (input) has no field "questoin"; it has: question.');
  });

  it('says a scalar has no fields', () => {
    const answer = { id: 'a', type: 'template', config: { template: '{{ start.question.words }}' } };
    expect(onlyError(flow([start, answer], [{ from: 'start', to: 'a' }])).message).toContain(
      '"start.question" is text, which has no field "words"',
    );
  });

  it('accepts any path into an open output', () => {
    const code = { id: 'code', type: 'code', config: { code: 'return 1' } };
    const a = { id: 'a', type: 'template', config: { template: '{{ code.anything.deep[3].x }}' } };
    expect(errors(flow([code, a], [{ from: 'code', to: 'a' }]))).toEqual([]);
  });

  it('reports a reference to a node that does not run before', () => {
    const a = { id: 'a', type: 'template', config: { template: '{{ b.text }}' } };
    const problem = onlyError(flow([a, t('b')]));
    expect(problem).toMatchObject({ code: 'reference.not-ancestor', nodeId: 'a' });
    expect(problem.message).toContain('"b" does not run before "a" (no chain of edges leads from "b" to "a")');
  });

  it('says when the referenced node runs after', () => {
    const a = { id: 'a', type: 'template', config: { template: '{{ b.text }}' } };
    expect(onlyError(flow([a, t('b')], [{ from: 'a', to: 'b' }])).message).toContain('"b" runs after "a"');
  });

  it('accepts an ancestor several edges up, across branches', () => {
    const last = { id: 'last', type: 'template', config: { template: '{{ first.text }}{{ left.text }}' } };
    const edges = [
      { from: 'first', to: 'left' },
      { from: 'first', to: 'right' },
      { from: 'left', to: 'last' },
      { from: 'right', to: 'last' },
    ];
    expect(errors(flow([t('first'), t('left'), t('right'), last], edges))).toEqual([]);
  });

  it('reports a reference to itself', () => {
    const a = { id: 'a', type: 'template', config: { template: '{{ a.text }}' } };
    expect(onlyError(flow([a])).code).toBe('reference.self');
  });

  it('reports an unknown name with a suggestion', () => {
    const a = { id: 'a', type: 'template', config: { template: '{{ strat.question }}' } };
    const problem = onlyError(flow([start, a], [{ from: 'start', to: 'a' }]));
    expect(problem.code).toBe('reference.unknown-name');
    expect(problem.message).toBe(
      'Node "a" (template) refers to {{ strat.question }} in "template", but there is no node "strat". Did you mean "start"?',
    );
  });

  it('reports a template that cannot be parsed, and an unknown filter', () => {
    const a = { id: 'a', type: 'template', config: { template: '{{ start.question | upcas }}' } };
    const b = { id: 'b', type: 'template', config: { template: '{% if %}' } };
    const problems = errors(
      flow(
        [start, a, b],
        [
          { from: 'start', to: 'a' },
          { from: 'start', to: 'b' },
        ],
      ),
    );
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['reference.syntax', 'a'],
      ['reference.syntax', 'b'],
    ]);
    expect(problems[0]?.message).toContain('undefined filter: upcas');
    expect(problems[0]?.message).toContain('Did you mean "upcase"?');
  });

  it('finds references deep inside a config and reports their field', () => {
    const cond = {
      id: 'c',
      type: 'condition',
      config: { cases: [{ port: 'y', when: [{ left: '{{ nobody.x }}', op: 'eq' }] }] },
    };
    const problem = onlyError(flow([cond]));
    expect(problem).toMatchObject({
      field: 'cases[0].when[0].left',
      path: ['nodes', 0, 'config', 'cases', 0, 'when', 0, 'left'],
    });
  });

  it('skips the fields a node reads raw', () => {
    const code = { id: 'code', type: 'code', config: { code: 'return "{{ not.a.reference }}"' } };
    expect(errors(flow([code]))).toEqual([]);
  });

  it('accepts globals the host declares', () => {
    const a = { id: 'a', type: 'template', config: { template: '{{ run.id }}' } };
    expect(validateFlow(flow([a]), testCatalogue, { globals: ['run'] }).valid).toBe(true);
    expect(validateFlow(flow([a]), testCatalogue).valid).toBe(false);
  });
});

describe('validateFlow: the kind of a referenced value', () => {
  const start = {
    id: 'start',
    type: 'input',
    config: {
      fields: [
        { name: 'topics', type: 'array' },
        { name: 'title', type: 'string' },
        { name: 'k', type: 'number' },
      ],
    },
  };
  const loopOver = (items: string) => ({ id: 'each', type: 'loop', config: { items, body: { nodes: [t('x')] } } });

  it('reports a whole reference to text where a list is needed', () => {
    const problem = onlyError(flow([start, loopOver('{{ start.title }}')], [{ from: 'start', to: 'each' }]));
    expect(problem).toMatchObject({
      code: 'reference.wrong-kind',
      path: ['nodes', 1, 'config', 'items'],
      field: 'items',
    });
    expect(problem.message).toBe('Node "each" (loop): "items" needs a list, but {{ start.title }} is text.');
  });

  it('reports a list where a number is needed', () => {
    const kb = {
      id: 'kb',
      type: 'retrieval',
      config: { knowledgeBase: 'faq', query: 'q', topK: '{{ start.topics }}' },
    };
    expect(onlyError(flow([start, kb], [{ from: 'start', to: 'kb' }])).message).toContain(
      '"topK" needs a number, but {{ start.topics }} is a list.',
    );
  });

  it('accepts matching kinds, open outputs and text templates', () => {
    const code = { id: 'code', type: 'code', config: { code: 'return 1' } };
    const kb = { id: 'kb', type: 'retrieval', config: { knowledgeBase: 'faq', query: 'q', topK: '{{ start.k }}' } };
    const edges = [
      { from: 'start', to: 'each' },
      { from: 'start', to: 'kb' },
      { from: 'code', to: 'each2' },
    ];
    const each2 = { ...loopOver('{{ code.anything }}'), id: 'each2' };
    expect(errors(flow([start, loopOver('{{ start.topics }}'), kb, code, each2], edges))).toEqual([]);
  });
});
