import { TailorError } from '@tailor/runtime';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import type { HttpConfig } from './http.js';
import { resolveRefs } from './openapi-refs.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

const ParameterSchema = z.object({
  name: z.string(),
  in: z.enum(['path', 'query', 'header', 'cookie']),
  description: z.string().optional(),
  required: z.boolean().optional(),
  schema: z.record(z.string(), z.unknown()).optional(),
});
const OperationSchema = z.object({
  operationId: z.string().optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  parameters: z.array(ParameterSchema).optional(),
  requestBody: z
    .object({
      required: z.boolean().optional(),
      description: z.string().optional(),
      content: z.record(z.string(), z.object({ schema: z.unknown().optional() })),
    })
    .optional(),
});
const DocumentSchema = z.object({
  openapi: z.coerce.string().regex(/^3\./, 'only OpenAPI 3.x documents are supported'),
  info: z.object({ title: z.string().optional() }).optional(),
  servers: z.array(z.object({ url: z.string() })).optional(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** One operation as a tool an agent can call: the http node config plus the arguments it takes. */
export interface OpenApiTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments object the agent fills in. */
  parameters: { type: 'object'; properties: Record<string, unknown>; required: string[] };
  /** The `http` node config; arguments are referenced as `{{ <argumentsName>.<name> }}`. */
  http: Pick<HttpConfig, 'method' | 'url'> &
    Partial<Pick<HttpConfig, 'query' | 'headers' | 'body' | 'bodyType' | 'credential'>>;
}

/**
 * The agent node's tool format: a small graph (the http call, then its body as the result), so
 * the model reads the API's answer, not status lines and headers.
 */
export function asAgentTool(tool: OpenApiTool) {
  return {
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    graph: {
      nodes: [
        { id: 'call', type: 'http', config: tool.http },
        { id: 'result', type: 'output', config: { value: '{{ call.body }}' } },
      ],
      edges: [{ from: 'call', to: 'result' }],
    },
  };
}

export interface OpenApiImportOptions {
  /** Overrides the document's first server URL. */
  baseUrl?: string;
  credential?: string;
  /** The name the arguments object has in {{ }} references; `args` by default. */
  argumentsName?: string;
}

function invalid(detail: string): TailorError {
  return new TailorError('OPENAPI_INVALID', detail);
}

function readDocument(source: string | object): unknown {
  if (typeof source !== 'string') return source;
  const text = source.trim();
  if (!text) throw invalid('The document is empty.');
  try {
    return text.startsWith('{') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      throw invalid(`YAML error${at ? ` at line ${at.line}, column ${at.col}` : ''}: ${error.message.split('\n')[0]}`);
    }
    throw invalid(`JSON error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function reference(argumentsName: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${argumentsName}.${name}` : `${argumentsName}["${name}"]`;
}

function toolName(method: string, path: string, operationId: string | undefined, taken: Set<string>): string {
  const base =
    (operationId ?? `${method}_${path}`)
      .replace(/[{}]/g, '')
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/_+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || method;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

function toolFor(
  method: string,
  path: string,
  operation: z.output<typeof OperationSchema>,
  baseUrl: string,
  options: OpenApiImportOptions,
  taken: Set<string>,
): OpenApiTool {
  const args = options.argumentsName ?? 'args';
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  let url = `${baseUrl.replace(/\/$/, '')}${path}`;
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'cookie') continue;
    properties[parameter.name] = {
      ...(parameter.schema ?? { type: 'string' }),
      ...(parameter.description ? { description: parameter.description } : {}),
    };
    if (parameter.required || parameter.in === 'path') required.push(parameter.name);
    const ref = reference(args, parameter.name);
    if (parameter.in === 'path')
      url = url.replaceAll(`{${parameter.name}}`, `{{ ${ref} | url_encode | replace: "+", "%20" }}`);
    if (parameter.in === 'query') query[parameter.name] = `{{ ${ref} }}`;
    if (parameter.in === 'header') headers[parameter.name] = `{{ ${ref} }}`;
  }
  const http: OpenApiTool['http'] = { method: method.toUpperCase() as HttpConfig['method'], url };
  const content = operation.requestBody?.content ?? {};
  const mediaType = Object.keys(content).find((type) => /json/i.test(type)) ?? Object.keys(content)[0];
  if (mediaType) {
    properties.body = {
      ...((content[mediaType]?.schema as object | undefined) ?? { type: 'object' }),
      description: operation.requestBody?.description ?? 'The request body.',
    };
    if (operation.requestBody?.required) required.push('body');
    http.body = `{{ ${args}.body }}`;
    http.bodyType = /x-www-form-urlencoded/i.test(mediaType) ? 'form' : /json/i.test(mediaType) ? 'json' : 'raw';
  }
  if (Object.keys(query).length) http.query = query;
  if (Object.keys(headers).length) http.headers = headers;
  if (options.credential) http.credential = options.credential;
  const description =
    [operation.summary, operation.description].filter(Boolean).join('\n\n') || `${method.toUpperCase()} ${path}`;
  return {
    name: toolName(method, path, operation.operationId, taken),
    description,
    parameters: { type: 'object', properties, required },
    http,
  };
}

/**
 * Turns an OpenAPI 3 document (JSON or YAML text, or an object) into one tool per operation,
 * ready for the agent node. A broken document fails with OPENAPI_INVALID saying what and where.
 */
export function importOpenApi(source: string | object, options: OpenApiImportOptions = {}): OpenApiTool[] {
  const raw = readDocument(source);
  if (raw && typeof raw === 'object' && 'swagger' in raw) {
    throw invalid('This is a Swagger 2.0 document; convert it to OpenAPI 3 first (for example with swagger2openapi).');
  }
  let resolved: unknown;
  try {
    resolved = resolveRefs(raw, raw);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : String(error));
  }
  const document = DocumentSchema.safeParse(resolved);
  if (!document.success) {
    const issue = document.error.issues[0];
    throw invalid(`${issue?.path.join('.') || 'document'}: ${issue?.message}`);
  }
  const baseUrl = options.baseUrl ?? document.data.servers?.[0]?.url;
  if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
    throw invalid('The document names no absolute server URL (servers[0].url); give the base URL when importing.');
  }
  const taken = new Set<string>();
  const tools: OpenApiTool[] = [];
  for (const [path, item] of Object.entries(document.data.paths)) {
    const shared = z.array(ParameterSchema).safeParse(item.parameters);
    for (const method of METHODS) {
      if (!(method in item)) continue;
      const operation = OperationSchema.safeParse(item[method]);
      if (!operation.success) {
        const issue = operation.error.issues[0];
        throw invalid(`paths.${path}.${method}.${issue?.path.join('.')}: ${issue?.message}`);
      }
      const all = [...(shared.success ? shared.data : []), ...(operation.data.parameters ?? [])];
      const parameters = [...new Map(all.map((p) => [`${p.in}:${p.name}`, p])).values()];
      tools.push(toolFor(method, path, { ...operation.data, parameters }, baseUrl, options, taken));
    }
  }
  if (tools.length === 0) throw invalid('The document has no operations under paths.');
  return tools;
}
