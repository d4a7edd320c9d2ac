import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type FlowMigrationStep, FlowMigrations } from '../contract/migrations.js';
import { flow, testCatalogue } from '../validate/fixtures/test-catalogue.js';
import { loadFlow } from './load-flow.js';

const fixtureV0 = readFileSync(new URL('./fixtures/flow-v0.json', import.meta.url), 'utf8');

/** A made-up earlier format (steps/links/title), to exercise the migration mechanism end to end. */
const fromV0: FlowMigrationStep = {
  from: 'tailor.flow/v0',
  to: 'tailor.flow/v1',
  migrate: ({ title, steps, links, ...rest }) => ({
    ...rest,
    name: title,
    nodes: (steps as Array<Record<string, unknown>>).map(({ name, kind, settings, ...node }) => ({
      ...node,
      id: name,
      type: kind,
      config: settings,
    })),
    edges: (links as string[][]).map(([from, to]) => ({ from, to })),
  }),
};

describe('loadFlow', () => {
  it('parses JSON text and validates it', () => {
    const text = JSON.stringify(flow([{ id: 'a', type: 'template', config: { template: 'hi' } }]));
    const result = loadFlow(text, testCatalogue);
    expect(result.valid).toBe(true);
    expect(result.document?.nodes[0]?.id).toBe('a');
  });

  it('accepts an already parsed value and a byte order mark', () => {
    expect(loadFlow(flow([]), testCatalogue).valid).toBe(true);
    expect(loadFlow(`\uFEFF${JSON.stringify(flow([]))}`, testCatalogue).valid).toBe(true);
  });

  it('reports malformed JSON with line and column', () => {
    const result = loadFlow('{\n  "schema": "tailor.flow/v1",\n  "nodes": [],\n}', testCatalogue);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([
      {
        code: 'json.malformed',
        path: [],
        severity: 'error',
        message: 'The flow is not valid JSON: line 4, column 1: a comma before "}" is not allowed in JSON.',
      },
    ]);
  });

  it('reports a missing comma where it is missing', () => {
    const message = loadFlow('{\n  "id": "a"\n  "name": "b"\n}', testCatalogue).problems[0]?.message;
    expect(message).toBe(
      'The flow is not valid JSON: line 3, column 3: expected "," or "}" after a property value (is a comma missing?).',
    );
  });

  it('reports text that ends too early and single quotes', () => {
    expect(loadFlow('{"nodes": [', testCatalogue).problems[0]?.message).toContain(
      'line 1, column 12: the text ends too early',
    );
    expect(loadFlow("{'id': 1}", testCatalogue).problems[0]?.message).toContain(
      'expected a property name in double quotes',
    );
  });

  it('reports a format this installation cannot read', () => {
    const result = loadFlow({ ...flow([]), schema: 'tailor.flow/v7' }, testCatalogue);
    expect(result.problems).toMatchObject([{ code: 'document.unsupported-schema', path: ['schema'] }]);
    expect(result.problems[0]?.message).toContain(
      '"tailor.flow/v7", which this installation cannot read (it reads tailor.flow/v1)',
    );
  });

  it('migrates an older format forward, then node configs, then validates', () => {
    const migrations = new FlowMigrations([fromV0]);
    const result = loadFlow(fixtureV0, testCatalogue, { migrations });
    expect(result.problems).toEqual([]);
    expect(result.document).toMatchObject({
      schema: 'tailor.flow/v1',
      name: 'Greeter',
      nodes: [{ id: 'start' }, { id: 'greet' }, { id: 'old', version: 2, config: { prompt: '{{ greet.text }}' } }],
      edges: [
        { from: 'start', to: 'greet' },
        { from: 'greet', to: 'old' },
      ],
    });
  });

  it('does not know the older format without the step', () => {
    expect(loadFlow(fixtureV0, testCatalogue).problems[0]?.code).toBe('document.unsupported-schema');
  });

  it('reports a migration step that fails', () => {
    const migrations = new FlowMigrations([
      {
        from: 'tailor.flow/v0',
        to: 'tailor.flow/v1',
        migrate: () => {
          throw new Error('links are missing');
        },
      },
    ]);
    const result = loadFlow(fixtureV0, testCatalogue, { migrations });
    expect(result.problems[0]).toMatchObject({ code: 'document.migration-failed' });
    expect(result.problems[0]?.message).toContain('links are missing');
  });
});

describe('FlowMigrations', () => {
  it('chains steps and lists what it applied', () => {
    const migrations = new FlowMigrations()
      .register({ from: 'x/1', to: 'x/2', migrate: (d) => ({ ...d, two: true }) })
      .register({ from: 'x/2', to: 'tailor.flow/v1', migrate: (d) => ({ ...d, one: true }) });
    const outcome = migrations.migrate({ schema: 'x/1' });
    expect(outcome).toEqual({
      ok: true,
      document: { schema: 'tailor.flow/v1', two: true, one: true },
      applied: ['x/1 → x/2', 'x/2 → tailor.flow/v1'],
    });
  });

  it("does not touch the caller's document", () => {
    const document = { schema: 'x/1', list: [1] };
    new FlowMigrations([{ from: 'x/1', to: 'tailor.flow/v1', migrate: (d) => ({ ...d, list: [2] }) }]).migrate(
      document,
    );
    expect(document).toEqual({ schema: 'x/1', list: [1] });
  });

  it('refuses a step from the current format and a second step from one format', () => {
    expect(() => new FlowMigrations([{ from: 'tailor.flow/v1', to: 'x', migrate: (d) => d }])).toThrow(
      'current format',
    );
    const step = { from: 'a', to: 'tailor.flow/v1', migrate: (d: Record<string, unknown>) => d };
    expect(() => new FlowMigrations([step, step])).toThrow('already registered');
  });

  it('stops on a loop of steps instead of running forever', () => {
    const migrations = new FlowMigrations([
      { from: 'a', to: 'b', migrate: (d) => d },
      { from: 'b', to: 'a', migrate: (d) => d },
    ]);
    expect(migrations.migrate({ schema: 'a' })).toMatchObject({ ok: false, reason: 'unknown-schema' });
  });
});
