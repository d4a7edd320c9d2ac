import { z } from 'zod';
import type { ApiRoute } from './api-table.js';
import { ErrorBodySchema } from './http-error.js';

type JsonObject = Record<string, unknown>;

const SCHEMA_OPTIONS = { unrepresentable: 'any', cycles: 'ref', reused: 'inline' } as const;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { ...SCHEMA_OPTIONS, io }) as JsonObject;
  return rest;
}

function queryParameters(schema: z.ZodType | undefined): JsonObject[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
  }));
}

function operation(route: ApiRoute): JsonObject {
  const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const error = {
    description: 'Error',
    content: { 'application/json': { schema: jsonSchema(ErrorBodySchema, 'output') } },
  };
  const success = route.response
    ? { description: 'Success', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
    : { description: 'Success' };
  const responses: JsonObject = { [String(route.status ?? 200)]: success, '400': error, '404': error, '429': error };
  if (route.access !== 'public') responses['401'] = error;
  for (const [status, description] of Object.entries(route.extraResponses ?? {})) {
    responses[status] = status === '200' ? { ...success, description } : { ...error, description };
  }
  return {
    tags: [route.tag],
    summary: route.summary,
    operationId: `${route.method}${route.path.replace(/[/:]+(\w)/g, (_m, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    parameters: [...params, ...queryParameters(route.query)],
    ...(route.body
      ? {
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
        }
      : {}),
    responses,
    security:
      route.access === 'admin'
        ? [{ session: [] }, { adminToken: [] }]
        : route.access === 'api-key'
          ? [{ apiKey: [] }]
          : [],
  };
}

/** The OpenAPI 3.1 document of every route in the table, schemas derived from the zod schemas. */
export function buildOpenApi(routes: readonly ApiRoute[], version: string): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tailor API', version, description: 'Editor API (admin session) and published API (API keys).' },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'tailor_session' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'An admin token (ta_…) for scripts and the CLI.' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (tk_…) of a published flow.' },
      },
    },
  };
}
