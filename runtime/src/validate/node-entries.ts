import type { z } from 'zod';
import { type Catalogue, portsOf } from '../contract/catalogue.js';
import { ERROR_PORT, type FlowNode, FlowNodeSchema } from '../contract/flow-document.js';
import { migrateNodeConfig } from '../contract/migrations.js';
import type { AnyNodeDefinition } from '../contract/node-definition.js';
import type { ProblemPath } from '../contract/validation-problem.js';
import { didYouMean, listNames } from './closest-name.js';
import { checkNodeConfig, type ValueExpectation } from './config-check.js';
import { nodeLabel, type ProblemList } from './problem-list.js';
import { parseExplained } from './zod-messages.js';

/** One node of a graph under validation, with what could be learned about it. */
export interface GraphNode {
  /** Position among the usable nodes of its graph (the number used for ordering). */
  readonly slot: number;
  /** Position in the document's `nodes` list. */
  readonly index: number;
  readonly id: string;
  /** Path of the node in the document. */
  readonly at: ProblemPath;
  readonly type?: string;
  /** Known only when the node's shape is valid and its type is in the catalogue. */
  readonly definition?: AnyNodeDefinition;
  /** The node as it will be returned: migrated config, version stamped. */
  readonly node?: FlowNode;
  /** Ports the node may fire; undefined when they depend on a config that is not valid. */
  readonly ports?: readonly string[];
  /** Schema of the output; undefined when it cannot be known (any path is then accepted). */
  readonly output?: z.core.$ZodType;
  /** True when the config has no problem (beyond fields resolved at run time). */
  readonly configValid?: boolean;
  /** Fields holding one reference where a number, list, object or true/false is needed. */
  readonly expectations?: readonly ValueExpectation[];
}

export interface NodeCollection {
  readonly nodes: GraphNode[];
  readonly byId: ReadonlyMap<string, GraphNode>;
}

function shapeSentence(label: string, issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) return `${label} ${issue.message}.`;
  const field = issue.path.map(String).join('.');
  return `${label}: "${field}" ${issue.message}.`;
}

function reportUnknownType(node: FlowNode, at: ProblemPath, catalogue: Catalogue, problems: ProblemList): void {
  const known = [...catalogue.keys()];
  const hint = didYouMean(node.type, known) || (known.length ? ` Known types: ${listNames(known, 20)}.` : '');
  problems.add(
    'node.unknown-type',
    [...at, 'type'],
    `Node "${node.id}" has the type "${node.type}", which this installation does not offer.${hint}`,
    { nodeId: node.id },
  );
}

/** Ports and output schema, from the config when they depend on it; undefined when unknowable. */
function describeNode(definition: AnyNodeDefinition, node: FlowNode, config: unknown, known: boolean) {
  let ports: readonly string[] | undefined;
  let output: z.core.$ZodType | undefined;
  try {
    if (known) ports = portsOf(definition, config);
    else if (!definition.portsFor) ports = definition.ports ?? ['out'];
  } catch {
    ports = undefined;
  }
  try {
    if (known) output = definition.outputFor?.(config) ?? definition.output;
    else if (!definition.outputFor) output = definition.output;
  } catch {
    output = undefined;
  }
  if (ports && node.onError === 'port' && !ports.includes(ERROR_PORT)) ports = [...ports, ERROR_PORT];
  return { ports, output };
}

function checkDefinedNode(
  node: FlowNode,
  definition: AnyNodeDefinition,
  at: ProblemPath,
  problems: ProblemList,
): Omit<GraphNode, 'slot' | 'index' | 'id' | 'at'> {
  const label = nodeLabel(node.id, node.type);
  const migration = migrateNodeConfig(definition, node.config, node.version);
  if (!migration.ok) {
    problems.add(
      migration.newer ? 'node.newer-version' : 'node.migration-failed',
      [...at, 'version'],
      `${label} ${migration.message}`,
      {
        nodeId: node.id,
      },
    );
    return { type: node.type, node };
  }
  const migrated: FlowNode = { ...node, config: migration.config, version: definition.version };
  const verdict = checkNodeConfig(definition, migration.config, { id: node.id, type: node.type, at }, problems);
  return {
    type: node.type,
    definition,
    node: migrated,
    configValid: verdict.valid,
    ...(verdict.expectations?.length ? { expectations: verdict.expectations } : {}),
    ...describeNode(definition, migrated, verdict.exact, verdict.exact !== undefined),
  };
}

/** Fields whose problems say nothing about the node's type, config or references. */
const POLICY_FIELDS = new Set(['name', 'timeoutMs', 'retry', 'onError', 'fallback', 'version']);

/**
 * A node whose only problems are in its run policy (a retry count out of range, say) is still
 * checked for its type, config and references, without the broken fields, so that one slip does
 * not hide the rest. Its problems were reported already; the document stays invalid.
 */
function salvage(element: unknown, issues: readonly z.core.$ZodIssue[]): FlowNode | undefined {
  if (!issues.every((issue) => POLICY_FIELDS.has(String(issue.path[0])))) return undefined;
  const rest = { ...(element as Record<string, unknown>) };
  for (const issue of issues) delete rest[String(issue.path[0])];
  const parsed = FlowNodeSchema.safeParse(rest);
  return parsed.success ? parsed.data : undefined;
}

/** Parses each node on its own, so one broken node does not hide the problems of the others. */
export function collectNodes(
  raw: readonly unknown[],
  graphAt: ProblemPath,
  catalogue: Catalogue,
  problems: ProblemList,
): NodeCollection {
  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  for (const [index, element] of raw.entries()) {
    const at = [...graphAt, 'nodes', index];
    const rawId = (element as { id?: unknown } | null)?.id;
    const parsed = parseExplained(FlowNodeSchema, element);
    const id = parsed.success ? parsed.data.id : typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
    if (!parsed.success) {
      const label = id === undefined ? `Node #${index + 1}` : nodeLabel(id);
      for (const issue of parsed.error.issues) {
        problems.add('document.shape', [...at, ...(issue.path as (string | number)[])], shapeSentence(label, issue), {
          ...(id === undefined ? {} : { nodeId: id }),
        });
      }
    }
    if (id === undefined) continue;
    const first = byId.get(id);
    if (first) {
      problems.add(
        'node.duplicate-id',
        [...at, 'id'],
        `The node id "${id}" is used twice (nodes #${first.index + 1} and #${index + 1}). Give each node its own id: edges and {{ }} references name nodes by id.`,
        { nodeId: id },
      );
      continue;
    }
    let entry: GraphNode = { slot: nodes.length, index, id, at };
    const usable = parsed.success ? parsed.data : salvage(element, parsed.error.issues);
    if (usable) {
      const definition = catalogue.get(usable.type);
      if (!definition) reportUnknownType(usable, at, catalogue, problems);
      entry = definition
        ? { ...entry, ...checkDefinedNode(usable, definition, at, problems) }
        : { ...entry, type: usable.type, node: usable };
    }
    nodes.push(entry);
    byId.set(id, entry);
  }
  return { nodes, byId };
}
