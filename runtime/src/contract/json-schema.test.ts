import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFlowSchema, schemaFile } from '../../bin/gen-flow-schema.js';
import { inputNode, loopNode, retrievalNode, safetyNode } from '../validate/fixtures/test-catalogue.js';
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
