import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFlowSchema, schemaFile } from '../../bin/gen-flow-schema.js';
import { inputNode, loopNode, retrievalNode, safetyNode, testCatalogue } from '../validate/fixtures/test-catalogue.js';
import { NodeIdSchema } from './flow-document.js';
import { flowDocumentJsonSchema, type JsonSchema, nodeDefinitionJsonSchemas } from './json-schema.js';

const at = (schema: JsonSchema, ...path: string[]): JsonSchema =>
  path.reduce<JsonSchema>((node, key) => (node[key] ?? {}) as JsonSchema, schema);

describe('flowDocumentJsonSchema', () => {
  const schema = flowDocumentJsonSchema();

  it('is the committed docs/flow-format.schema.json (run `npm run -w runtime gen:schema` when this fails)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(renderFlowSchema());
  });

  it('requires what the zod schema requires and leaves defaults optional', () => {
    expect(schema.required).toEqual(['nodes', 'schema', 'id', 'name']);
    expect(at(schema, 'properties', 'nodes', 'items').required).toEqual(['id', 'type']);
    expect(at(schema, 'properties', 'nodes', 'items', 'properties', 'onError')).toMatchObject({
      enum: ['fail', 'port', 'fallback'],
      default: 'fail',
    });
  });

  it('carries the same node id rule as the validator', () => {
    const id = at(schema, 'properties', 'nodes', 'items', 'properties', 'id');
    const pattern = new RegExp(String(id.pattern));
    for (const candidate of ['start', 'kb_2', 'my-node', 'my node', '9lives', 'a--b']) {
      expect(pattern.test(candidate)).toBe(NodeIdSchema.safeParse(candidate).success);
    }
  });

  it('describes fields for editors and accepts a $schema key', () => {
    expect(at(schema, 'properties', 'edges', 'items', 'properties', 'port').description).toContain(
      'absent means "out"',
    );
    expect(at(schema, 'properties', '$schema').type).toBe('string');
    expect(schema.title).toBe('Tailor flow (tailor.flow/v1)');
  });
});

describe('nodeDefinitionJsonSchemas', () => {
  it('gives the settings form with defaults, and the output', () => {
    const schemas = nodeDefinitionJsonSchemas(retrievalNode);
    expect(schemas.config.required).toEqual(['knowledgeBase', 'query']);
    expect(at(schemas.config, 'properties', 'topK')).toMatchObject({ type: 'integer', default: 4, minimum: 1 });
    expect(Object.keys(at(schemas.output, 'properties'))).toEqual(['chunks', 'text']);
    expect(schemas.ports).toEqual(['out']);
  });

  it('gives the output a config produces, when the node says it depends on it', () => {
    const config = inputNode.config.parse({ fields: [{ name: 'question', type: 'string' }] });
    expect(at(nodeDefinitionJsonSchemas(inputNode, config).output, 'properties', 'question')).toEqual({
      type: 'string',
    });
  });

  it('names raw fields and fixed ports', () => {
    expect(nodeDefinitionJsonSchemas(loopNode).rawFields).toEqual(['body']);
    expect(nodeDefinitionJsonSchemas(safetyNode).ports).toEqual(['pass', 'block']);
  });
});

describe('flowDocumentJsonSchema with a catalogue', () => {
  const schema = flowDocumentJsonSchema(testCatalogue);
  const item = at(schema, 'properties', 'nodes', 'items');
  const configOf = (type: string): JsonSchema => {
    const branch = (item.allOf as JsonSchema[]).find(
      (candidate) => at(candidate, 'if', 'properties', 'type').const === type,
    );
    return at(branch ?? {}, 'then', 'properties', 'config');
  };

  it('offers the node types by name', () => {
    expect(at(item, 'properties', 'type').enum).toEqual([...testCatalogue.keys()]);
  });

  it("describes each node's config by its type, accepting references where values are expected", () => {
    const retrieval = configOf('retrieval');
    expect(retrieval.required).toEqual(['knowledgeBase', 'query']);
    expect(at(retrieval, 'properties', 'query')).toEqual({ type: 'string' });
    const topK = at(retrieval, 'properties', 'topK');
    expect(topK.anyOf).toEqual([
      expect.objectContaining({ type: 'integer', minimum: 1 }),
      expect.objectContaining({ type: 'string', pattern: '\\{\\{|\\{%' }),
    ]);
    expect(at(retrieval, 'properties', 'mode').anyOf).toHaveLength(2);
  });

  it('gives raw fields no such leniency', () => {
    expect(at(configOf('code'), 'properties', 'code')).toMatchObject({ type: 'string', minLength: 1 });
    expect(at(configOf('loop'), 'properties', 'body').anyOf).toBeUndefined();
  });
});
