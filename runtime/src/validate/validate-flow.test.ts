import { describe, expect, it } from 'vitest';
import type { ValidationProblem } from '../contract/validation-problem.js';
import { flow, testCatalogue } from './fixtures/test-catalogue.js';
import { validateFlow } from './validate-flow.js';

const start = { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] } };
const kb = { id: 'kb', type: 'retrieval', config: { knowledgeBase: 'faq', query: '{{ start.question }}' } };
const answer = (prompt: string) => ({ id: 'answer', type: 'model', config: { model: 'm', prompt } });

function problemsOf(document: unknown): ValidationProblem[] {
  return validateFlow(document, testCatalogue).problems;
}

function onlyProblem(document: unknown): ValidationProblem {
  const problems = problemsOf(document).filter((p) => p.severity === 'error');
  expect(problems).toHaveLength(1);
  return problems[0] as ValidationProblem;
}

describe('validateFlow: a valid flow', () => {
  const document = flow(
    [start, kb, answer('Answer from {{ kb.text }} and {{ kb.chunks[0].source }}: {{ start.question | upcase }}')],
    [
      { from: 'start', to: 'kb' },
      { from: 'kb', to: 'answer' },
    ],
  );

  it('is valid, with no problems', () => {
    const result = validateFlow(document, testCatalogue);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('returns the document with defaults applied and versions stamped', () => {
    const result = validateFlow(document, testCatalogue);
    expect(result.document?.nodes.map((n) => [n.id, n.version, n.onError])).toEqual([
      ['start', 1, 'fail'],
      ['kb', 1, 'fail'],
      ['answer', 2, 'fail'],
    ]);
  });

  it('never throws, whatever it is given', () => {
    for (const junk of [null, 3, 'text', [], { nodes: 'x' }, { nodes: [null, 4, { id: 5 }] }]) {
      expect(validateFlow(junk, testCatalogue).valid).toBe(false);
    }
  });
});

describe('validateFlow: document shape', () => {
  it('reports every missing top-level field with its path', () => {
    const problems = problemsOf({ nodes: [], edges: [] });
    expect(problems.map((p) => p.path)).toEqual([['schema'], ['id'], ['name']]);
    expect(problems[1]?.message).toBe('The flow\'s "id" is required.');
  });

  it('names an unknown format version', () => {
    const problem = onlyProblem({ ...flow([]), schema: 'tailor.flow/v9' });
    expect(problem.code).toBe('document.unsupported-schema');
    expect(problem.message).toContain('"tailor.flow/v9"');
  });

  it('reports a bad node id with the node path, and still checks the other nodes', () => {
    const problems = problemsOf(
      flow([
        { id: 'my node', type: 'template', config: { template: 'x' } },
        { id: 'b', type: 'nope' },
      ]),
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['document.shape', ['nodes', 0, 'id']],
      ['node.unknown-type', ['nodes', 1, 'type']],
    ]);
    expect(problems[0]?.message).toContain('letters, digits');
  });

  it('reports a malformed node by position when it has no id', () => {
    const problem = onlyProblem(flow([{ type: 'template' }]));
    expect(problem.path).toEqual(['nodes', 0, 'id']);
    expect(problem.message).toBe('Node #1: "id" is required.');
  });

  it('reports a bad common field such as timeoutMs', () => {
    const problem = onlyProblem(flow([{ id: 'a', type: 'template', config: { template: 'x' }, timeoutMs: -5 }]));
    expect(problem.path).toEqual(['nodes', 0, 'timeoutMs']);
    expect(problem.message).toContain('"timeoutMs" must be more than 0');
  });
});

describe('validateFlow: node types and config', () => {
  it('suggests the closest known type', () => {
    const problem = onlyProblem(flow([{ id: 'a', type: 'retreival', config: {} }]));
    expect(problem).toMatchObject({ code: 'node.unknown-type', path: ['nodes', 0, 'type'], nodeId: 'a' });
    expect(problem.message).toBe(
      'Node "a" has the type "retreival", which this installation does not offer. Did you mean "retrieval"?',
    );
  });

  it('lists the known types when nothing is close', () => {
    expect(onlyProblem(flow([{ id: 'a', type: 'spaceship' }])).message).toContain('Known types: input, template');
  });

  it('reports a missing required field', () => {
    const problem = onlyProblem(flow([{ id: 'kb', type: 'retrieval', config: { query: 'q' } }]));
    expect(problem).toMatchObject({
      code: 'config.invalid',
      path: ['nodes', 0, 'config', 'knowledgeBase'],
      field: 'knowledgeBase',
    });
    expect(problem.message).toBe('Node "kb" (retrieval): "knowledgeBase" is required.');
  });

  it('reports a mistyped field with what it is', () => {
    const problem = onlyProblem(
      flow([{ ...kb, config: { ...kb.config, topK: 'four' } }, start], [{ from: 'start', to: 'kb' }]),
    );
    expect(problem.message).toBe('Node "kb" (retrieval): "topK" must be a number, not text "four".');
  });

  it('reports a value out of range and a value outside an enum', () => {
    const problems = problemsOf(
      flow([{ ...kb, config: { ...kb.config, topK: 0, mode: 'fuzzy' } }, start], [{ from: 'start', to: 'kb' }]),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Node "kb" (retrieval): "topK" must be at least 1 (it is 0).',
      'Node "kb" (retrieval): "mode" must be one of "bm25", "vector", "hybrid" (it is text "fuzzy").',
    ]);
  });

  it('reports nested config fields with their full path', () => {
    const cond = {
      id: 'c',
      type: 'condition',
      config: { cases: [{ port: 'yes', when: [{ left: 1, op: 'equals' }] }] },
    };
    const problem = onlyProblem(flow([cond]));
    expect(problem.path).toEqual(['nodes', 0, 'config', 'cases', 0, 'when', 0, 'op']);
    expect(problem.field).toBe('cases[0].when[0].op');
  });

  it('accepts a reference where a number, a boolean, a list or an enum value is expected', () => {
    const flexible = { ...kb, config: { ...kb.config, topK: '{{ start.k }}', mode: '{{ start.mode }}' } };
    const input = {
      id: 'start',
      type: 'input',
      config: {
        fields: [
          { name: 'question', type: 'string' },
          { name: 'k', type: 'number' },
          { name: 'mode', type: 'string' },
          { name: 'flag', type: 'boolean' },
        ],
      },
    };
    const m = {
      id: 'm',
      type: 'model',
      config: { model: 'x', prompt: 'p', json: '{{ start.flag }}', temperature: '{{ start.k }}' },
    };
    const result = validateFlow(
      flow(
        [input, flexible, m],
        [
          { from: 'start', to: 'kb' },
          { from: 'start', to: 'm' },
        ],
      ),
      testCatalogue,
    );
    expect(result.problems).toEqual([]);
  });

  it('still learns config-dependent ports when a field holds a reference', () => {
    const cond = { id: 'c', type: 'condition', config: { cases: '{{ start.cases }}' } };
    const input = { id: 'start', type: 'input', config: { fields: [{ name: 'cases', type: 'array' }] } };
    const t = { id: 't', type: 'template', config: { template: 'x' } };
    // The cases are unknown until run time, so no port can be ruled out.
    const result = validateFlow(
      flow(
        [input, cond, t],
        [
          { from: 'start', to: 'c' },
          { from: 'c', port: 'whatever', to: 't' },
        ],
      ),
      testCatalogue,
    );
    expect(result.problems).toEqual([]);
  });

  it('gives no leniency to fields the engine leaves unresolved', () => {
    const problem = onlyProblem(flow([{ id: 'each', type: 'loop', config: { items: [], body: '{{ start.body }}' } }]));
    expect(problem.path).toEqual(['nodes', 0, 'config', 'body']);
  });

  it('warns about a setting the node type does not use, with a suggestion', () => {
    const result = validateFlow(
      flow([{ ...kb, config: { ...kb.config, topk: 3 } }, start], [{ from: 'start', to: 'kb' }]),
      testCatalogue,
    );
    expect(result.valid).toBe(true);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      code: 'config.unknown-field',
      severity: 'warning',
      path: ['nodes', 0, 'config', 'topk'],
    });
    expect(result.problems[0]?.message).toContain('Did you mean "topK"?');
  });

  it('reports a duplicate id at its second use', () => {
    const problem = onlyProblem(flow([start, { ...start, config: { fields: [] } }]));
    expect(problem).toMatchObject({ code: 'node.duplicate-id', path: ['nodes', 1, 'id'], nodeId: 'start' });
    expect(problem.message).toContain('nodes #1 and #2');
  });
});

describe('validateFlow: node versions', () => {
  it('migrates a node written for an older version before checking it', () => {
    const old = { id: 'a', type: 'model', version: 1, config: { model: 'm', prompt_text: 'Hi', temp: 0.2 } };
    const result = validateFlow(flow([old]), testCatalogue);
    expect(result.problems).toEqual([]);
    expect(result.document?.nodes[0]).toMatchObject({
      version: 2,
      config: { model: 'm', prompt: 'Hi', temperature: 0.2 },
    });
  });

  it('reports a node written for a newer version', () => {
    const problem = onlyProblem(flow([{ id: 'a', type: 'model', version: 5, config: {} }]));
    expect(problem).toMatchObject({ code: 'node.newer-version', path: ['nodes', 0, 'version'] });
    expect(problem.message).toContain('version 5 of "model", but this installation has version 2');
  });

  it('reports a migration that fails, with its reason', () => {
    const problem = onlyProblem(flow([{ id: 'a', type: 'model', version: 1, config: { model: 'm' } }]));
    expect(problem.code).toBe('node.migration-failed');
    expect(problem.message).toContain('has no "prompt_text"');
  });
});
