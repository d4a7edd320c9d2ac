import { type FlowGraph, FlowGraphSchema, type NodeContext } from '@tailor/runtime';
import { z } from 'zod';
import type { ToolCall, ToolSpec } from '../providers/interfaces.js';
import { validatorOf } from './json-answer.js';

/**
 * A tool the agent may call: described to the model by name, description and a JSON Schema of
 * its arguments; run as a small graph (or one node) where `{{ args.<name> }}` are the arguments.
 */
export const AgentToolSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a tool name holds letters, digits, "_" and "-" (at most 64)'),
    description: z.string().min(1, 'describe what the tool does, so the model knows when to call it'),
    /** JSON Schema of the arguments; absent means inferred from the `{{ args.<name> }}` the tool uses. */
    parameters: z.record(z.string(), z.unknown()).optional(),
    graph: FlowGraphSchema.optional(),
    node: z.object({ type: z.string().min(1), config: z.record(z.string(), z.unknown()).default({}) }).optional(),
  })
  .refine((tool) => !!tool.graph !== !!tool.node, { message: 'give each tool either a "graph" or a "node"' });
export type AgentTool = z.output<typeof AgentToolSchema>;

/** A one-node tool as a graph whose result is that node's output. */
export function toolGraph(tool: Pick<AgentTool, 'graph' | 'node'>): FlowGraph {
  if (tool.graph) return tool.graph;
  const node = tool.node ?? { type: 'template', config: {} };
  return {
    nodes: [
      { id: 'tool', type: node.type, config: node.config, onError: 'fail' },
      { id: 'result', type: 'output', config: { value: '{{ tool }}' }, onError: 'fail' },
    ],
    edges: [{ from: 'tool', to: 'result' }],
  };
}

/** The graphs inside the raw config, so validation checks their references (`args` in scope). */
export function toolSubgraphs(raw: Readonly<Record<string, unknown>>) {
  const tools = Array.isArray(raw.tools) ? (raw.tools as Array<Record<string, unknown>>) : [];
  return tools.flatMap((tool, i) => {
    if (tool?.graph) return [{ field: `tools.${i}.graph`, graph: tool.graph, scope: ['args'] }];
    const node = tool?.node as AgentTool['node'] | undefined;
    return node?.type ? [{ field: `tools.${i}.node`, graph: toolGraph({ node }), scope: ['args'] }] : [];
  });
}

export function toolSpecs(tools: readonly AgentTool[]): ToolSpec[] {
  return tools.map((t) => ({ name: t.name, description: t.description, parameters: parametersOf(t) }));
}

const ARG_REFERENCE = /\{\{-?\s*args\.([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * The tool's argument schema: as declared, or one text argument per `{{ args.<name> }}` its
 * graph refers to, so an analyst can write a tool without writing a JSON Schema.
 */
export function parametersOf(tool: Pick<AgentTool, 'parameters' | 'graph' | 'node'>): Record<string, unknown> {
  if (tool.parameters) return tool.parameters;
  const names = [
    ...new Set([...JSON.stringify(tool.graph ?? tool.node ?? {}).matchAll(ARG_REFERENCE)].map((m) => m[1] ?? '')),
  ];
  const properties = Object.fromEntries(names.map((name) => [name, { type: 'string' }]));
  return { type: 'object', properties, required: names };
}

export interface ToolOutcome {
  tool: string;
  arguments: unknown;
  result?: unknown;
  error?: string;
  /** What goes back to the model. */
  content: string;
}

/**
 * Runs one tool call as a child graph of the agent (so it shows in the run record), turning every
 * failure into text the model can read and recover from.
 */
export async function runToolCall(
  context: NodeContext<unknown>,
  tools: readonly AgentTool[],
  call: ToolCall,
  label: string,
  maxChars: number,
): Promise<ToolOutcome> {
  const tool = tools.find((t) => t.name === call.name);
  if (!tool)
    return failed(
      call.name,
      call.arguments,
      `There is no tool named "${call.name}". Tools: ${tools.map((t) => t.name).join(', ')}.`,
    );
  let args: unknown;
  try {
    args = JSON.parse(call.arguments || '{}');
  } catch {
    return failed(call.name, call.arguments, `The arguments are not valid JSON: ${call.arguments.slice(0, 200)}`);
  }
  const checked = validatorOf(parametersOf(tool))?.safeParse(args);
  if (checked && !checked.success) {
    const problems = checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`);
    return failed(call.name, args, `The arguments do not fit the tool's schema: ${problems.join('; ')}.`);
  }
  const result = await context.runGraph(toolGraph(tool), { scope: { args }, label, signal: context.signal });
  if (result.status !== 'succeeded') {
    return failed(call.name, args, `The tool failed: ${result.error?.message ?? result.status}`);
  }
  const output = result.output ?? result.nodes.findLast((n) => n.status === 'succeeded')?.output ?? null;
  const text = toolText(output);
  const content = text.length > maxChars ? `${text.slice(0, maxChars)}… (cut at ${maxChars} characters)` : text;
  return { tool: call.name, arguments: args, result: output, content };
}

/** What the model reads: text as is (also a node's `{ text }` output), anything else as JSON. */
function toolText(output: unknown): string {
  if (typeof output === 'string') return output;
  const keys = output && typeof output === 'object' && !Array.isArray(output) ? Object.keys(output) : [];
  const text = keys.length === 1 && keys[0] === 'text' ? (output as { text: unknown }).text : undefined;
  return typeof text === 'string' ? text : JSON.stringify(output);
}

function failed(tool: string, args: unknown, error: string): ToolOutcome {
  return { tool, arguments: args, error, content: `Error: ${error}` };
}
