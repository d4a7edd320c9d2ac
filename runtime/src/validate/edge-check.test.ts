import { describe, expect, it } from 'vitest';
import { errors, onlyError, t } from './fixtures/problems.js';
import { flow, testCatalogue } from './fixtures/test-catalogue.js';
import { validateFlow } from './validate-flow.js';

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
