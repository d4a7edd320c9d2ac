import { describe, expect, it } from 'vitest';
import type { ValidationProblem } from '../contract/validation-problem.js';
import { flow, testCatalogue } from './fixtures/test-catalogue.js';
import { validateFlow } from './validate-flow.js';

const t = (id: string, template = 'x') => ({ id, type: 'template', config: { template } });
const errors = (document: unknown): ValidationProblem[] =>
  validateFlow(document, testCatalogue).problems.filter((p) => p.severity === 'error');

function onlyError(document: unknown): ValidationProblem {
  const found = errors(document);
  expect(found).toHaveLength(1);
  return found[0] as ValidationProblem;
}

describe('validateFlow: edges and ports', () => {
  it('reports an edge to a missing node, suggesting the closest id', () => {
    const problem = onlyError(flow([t('first'), t('second')], [{ from: 'first', to: 'secnd' }]));
    expect(problem).toMatchObject({ code: 'edge.missing-node', path: ['edges', 0, 'to'] });
    expect(problem.message).toBe('Edge #1 goes to "secnd", which is not a node here. Did you mean "second"?');
  });

  it('reports an edge from a missing node', () => {
    const problem = onlyError(flow([t('a')], [{ from: 'ghost', to: 'a' }]));
    expect(problem.path).toEqual(['edges', 0, 'from']);
    expect(problem.message).toContain('starts at "ghost"');
  });

  it('reports an edge leaving by a port the node does not have, listing its ports', () => {
    const guard = { id: 'guard', type: 'safety', config: { text: 'hi' } };
    const problem = onlyError(flow([guard, t('b')], [{ from: 'guard', port: 'passed', to: 'b' }]));
    expect(problem).toMatchObject({ code: 'edge.unknown-port', path: ['edges', 0, 'port'], nodeId: 'guard' });
    expect(problem.message).toBe(
      'Edge #1 leaves "guard" (safety) by the port "passed", which it does not have. Did you mean "pass"? Its ports are: pass, block.',
    );
  });

  it('treats an edge without a port as leaving by "out"', () => {
    const guard = { id: 'guard', type: 'safety', config: { text: 'hi' } };
    expect(onlyError(flow([guard, t('b')], [{ from: 'guard', to: 'b' }])).message).toContain('without naming a port');
  });

  it('knows the ports a config declares', () => {
    const cond = {
      id: 'c',
      type: 'condition',
      config: { cases: [{ port: 'vip', when: [{ left: 1, op: 'eq', right: 1 }] }] },
    };
    const ok = flow(
      [cond, t('a'), t('b')],
      [
        { from: 'c', port: 'vip', to: 'a' },
        { from: 'c', port: 'else', to: 'b' },
      ],
    );
    expect(errors(ok)).toEqual([]);
    const wrong = flow([cond, t('a')], [{ from: 'c', port: 'vp', to: 'a' }]);
    expect(onlyError(wrong).message).toContain('Its ports are: vip, else.');
  });

  it('offers the error port only when the error policy routes there', () => {
    const edges = [{ from: 'a', port: 'error', to: 'b' }];
    expect(errors(flow([{ ...t('a'), onError: 'port' }, t('b')], edges))).toEqual([]);
    const problem = onlyError(flow([t('a'), t('b')], edges));
    expect(problem.message).toContain('set "onError" of "a" to "port"');
  });

  it('reports an edge leaving a node without ports', () => {
    const end = { id: 'end', type: 'output', config: { value: 1 } };
    expect(onlyError(flow([end, t('b')], [{ from: 'end', to: 'b' }])).message).toContain('has no output ports');
  });

  it('warns about a repeated edge', () => {
    const result = validateFlow(
      flow(
        [t('a'), t('b')],
        [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'b' },
        ],
      ),
      testCatalogue,
    );
    expect(result.valid).toBe(true);
    expect(result.problems).toMatchObject([{ code: 'edge.duplicate', severity: 'warning', path: ['edges', 1] }]);
  });

  it('reports a malformed edge', () => {
    const problem = onlyError(flow([t('a')], [{ from: 'a' }]));
    expect(problem).toMatchObject({ code: 'document.shape', path: ['edges', 0, 'to'] });
    expect(problem.message).toBe('Edge #1: "to" is required.');
  });
});

describe('validateFlow: cycles', () => {
  it('names the nodes of a cycle in order', () => {
    const document = flow(
      [t('a'), t('b'), t('c'), t('d')],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'd' },
        { from: 'd', to: 'b' },
      ],
    );
    const problem = onlyError(document);
    expect(problem).toMatchObject({ code: 'graph.cycle', path: ['edges', 3], nodeId: 'b' });
    expect(problem.message).toContain('The nodes "b" → "c" → "d" → "b" form a cycle');
    expect(problem.message).toContain('edge #4 closes it');
  });

  it('reports a node wired to itself', () => {
    expect(onlyError(flow([t('a')], [{ from: 'a', to: 'a' }])).message).toContain('"a" → "a"');
  });

  it('reports each separate cycle once', () => {
    const document = flow(
      [t('a'), t('b'), t('c'), t('d')],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
        { from: 'c', to: 'd' },
        { from: 'd', to: 'c' },
      ],
    );
    expect(errors(document).map((p) => p.code)).toEqual(['graph.cycle', 'graph.cycle']);
  });
});

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

describe('validateFlow: nested graphs', () => {
  const start = {
    id: 'start',
    type: 'input',
    config: {
      fields: [
        { name: 'topics', type: 'array' },
        { name: 'tone', type: 'string' },
      ],
    },
  };
  const loop = (body: unknown) => ({ id: 'each', type: 'loop', config: { items: '{{ start.topics }}', body } });
  const late = t('late');

  it('accepts scope names, inner ancestors and outer ancestors of the owner', () => {
    const body = {
      nodes: [
        {
          id: 'draft',
          type: 'template',
          config: { template: '{{ index }}: {{ item.title }} in a {{ start.tone }} tone' },
        },
        { id: 'out', type: 'output', config: { value: '{{ draft.text }}' } },
      ],
      edges: [{ from: 'draft', to: 'out' }],
    };
    const result = validateFlow(flow([start, loop(body)], [{ from: 'start', to: 'each' }]), testCatalogue);
    expect(result.problems).toEqual([]);
  });

  it('reports problems inside a body with their full path', () => {
    const body = {
      nodes: [
        { id: 'draft', type: 'template', config: { template: '{{ itme }} {{ late.text }}' } },
        { id: 'bad', type: 'retreival', config: {} },
      ],
      edges: [{ from: 'draft', to: 'missing' }],
    };
    const problems = errors(
      flow(
        [start, loop(body), late],
        [
          { from: 'start', to: 'each' },
          { from: 'each', to: 'late' },
        ],
      ),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['node.unknown-type', ['nodes', 1, 'config', 'body', 'nodes', 1, 'type']],
      ['edge.missing-node', ['nodes', 1, 'config', 'body', 'edges', 0, 'to']],
      ['reference.unknown-name', ['nodes', 1, 'config', 'body', 'nodes', 0, 'config', 'template']],
      ['reference.not-ancestor', ['nodes', 1, 'config', 'body', 'nodes', 0, 'config', 'template']],
    ]);
    expect(problems[2]?.message).toContain('Did you mean "item"? Here you can also use: item, index.');
    expect(problems[3]?.message).toContain('"late" does not run before "each", the node this nested flow belongs to');
  });

  it('reports a cycle inside a body', () => {
    const body = {
      nodes: [t('x'), t('y')],
      edges: [
        { from: 'x', to: 'y' },
        { from: 'y', to: 'x' },
      ],
    };
    const problem = onlyError(flow([start, loop(body)], [{ from: 'start', to: 'each' }]));
    expect(problem).toMatchObject({ code: 'graph.cycle', path: ['nodes', 1, 'config', 'body', 'edges', 1] });
  });

  it('reports a body node named like a scope name', () => {
    const body = { nodes: [t('item')], edges: [] };
    expect(onlyError(flow([start, loop(body)], [{ from: 'start', to: 'each' }])).code).toBe('scope.shadowed');
  });

  it('validates bodies nested in bodies', () => {
    const inner = {
      nodes: [{ id: 'deep', type: 'template', config: { template: '{{ item }} {{ start.tone }} {{ nope.x }}' } }],
      edges: [],
    };
    const body = {
      nodes: [{ id: 'each2', type: 'loop', config: { items: '{{ item.parts }}', body: inner } }],
      edges: [],
    };
    const problem = onlyError(flow([start, loop(body)], [{ from: 'start', to: 'each' }]));
    expect(problem.path).toEqual([
      'nodes',
      1,
      'config',
      'body',
      'nodes',
      0,
      'config',
      'body',
      'nodes',
      0,
      'config',
      'template',
    ]);
    expect(problem.nodeId).toBe('deep');
  });
});

describe('validateFlow: every problem at once', () => {
  it('still checks the config and references of a node whose run policy is wrong', () => {
    const b = { id: 'b', type: 'template', retry: { attempts: 20 }, config: { template: '{{ a.txt }}' } };
    const problems = errors(flow([t('a'), b], [{ from: 'a', to: 'b' }]));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['document.shape', ['nodes', 1, 'retry', 'attempts']],
      ['reference.unknown-field', ['nodes', 1, 'config', 'template']],
    ]);
  });

  it('reports problems of every kind in one pass', () => {
    const document = {
      schema: 'tailor.flow/v1',
      name: 'Broken',
      nodes: [
        { id: 'a', type: 'templat', config: {} },
        { id: 'b', type: 'retrieval', config: { query: '{{ zz.y }}' } },
        { id: 'b', type: 'template', config: { template: 'x' } },
      ],
      edges: [{ from: 'b', to: 'c' }],
    };
    const codes = errors(document).map((p) => p.code);
    expect(codes).toEqual([
      'document.shape',
      'node.unknown-type',
      'config.invalid',
      'node.duplicate-id',
      'edge.missing-node',
      'reference.unknown-name',
    ]);
  });
});

describe('validateFlow: the problem shape', () => {
  it('gives problems the server and the editor can parse with the shared schema', async () => {
    const { ValidationProblemSchema } = await import('../contract/validation-problem.js');
    const document = flow(
      [
        { id: 'a', type: 'template', config: { template: '{{ nope.x }}', extra: 1 } },
        { id: 'a', type: 'x' },
      ],
      [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'a' },
      ],
    );
    const problems = validateFlow(document, testCatalogue).problems;
    expect(problems.length).toBeGreaterThan(3);
    for (const problem of problems) expect(ValidationProblemSchema.parse(problem)).toEqual(problem);
  });
});
