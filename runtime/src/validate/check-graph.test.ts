import { describe, expect, it } from 'vitest';
import { errors, onlyError, t } from './fixtures/problems.js';
import { flow, testCatalogue } from './fixtures/test-catalogue.js';
import { validateFlow } from './validate-flow.js';

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
