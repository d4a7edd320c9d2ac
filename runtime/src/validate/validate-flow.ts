import type { z } from 'zod';
import type { Catalogue } from '../contract/catalogue.js';
import { FLOW_SCHEMA, type FlowDocument, FlowDocumentSchema } from '../contract/flow-document.js';
import type { ValidationProblem } from '../contract/validation-problem.js';
import { checkGraph } from './check-graph.js';
import { globalScope } from './name-scope.js';
import { ProblemList } from './problem-list.js';
import { parseExplained } from './zod-messages.js';

export interface ValidationResult {
  /** True when there is no problem of severity "error" (warnings may remain). */
  valid: boolean;
  /** Every problem found, errors and warnings, in the order the document was read. */
  problems: ValidationProblem[];
  /** The document with defaults applied, node configs migrated and versions stamped; only when valid. */
  document?: FlowDocument;
}

export interface ValidateOptions {
  /** Names the host provides to every template beside node ids (none by default). */
  globals?: readonly string[];
}

/**
 * The document without its graph, which checkGraph reads node by node. Should the document schema
 * ever gain refinements (zod cannot omit fields then), the whole schema is used and graph issues
 * are left to checkGraph.
 */
let topLevelSchema: z.ZodType | undefined;

function topLevelIssues(document: Record<string, unknown>): z.core.$ZodIssue[] {
  if (!topLevelSchema) {
    try {
      topLevelSchema = FlowDocumentSchema.omit({ nodes: true, edges: true });
    } catch {
      topLevelSchema = FlowDocumentSchema;
    }
  }
  const schema = topLevelSchema;
  const parsed = parseExplained(schema, document);
  if (parsed.success) return [];
  return parsed.error.issues.filter((issue) => issue.path[0] !== 'nodes' && issue.path[0] !== 'edges');
}

function checkTopLevel(document: Record<string, unknown>, problems: ProblemList): void {
  for (const issue of topLevelIssues(document)) {
    const path = issue.path as (string | number)[];
    const field = path.map(String).join('.');
    if (field === 'schema' && typeof document.schema === 'string') {
      problems.add(
        'document.unsupported-schema',
        ['schema'],
        `This flow is written in the format "${document.schema}", which this installation cannot read (it reads ${FLOW_SCHEMA}).`,
      );
      continue;
    }
    problems.add('document.shape', path, `The flow's "${field}" ${issue.message}.`);
  }
}

/**
 * Checks a flow document against the catalogue and returns every problem at once, each with its
 * path and a sentence an analyst can act on. Never throws for any input.
 */
export function validateFlow(document: unknown, catalogue: Catalogue, options: ValidateOptions = {}): ValidationResult {
  const problems = new ProblemList();
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    problems.add(
      'document.shape',
      [],
      'A flow document must be a JSON object with "schema", "id", "name", "nodes" and "edges".',
    );
    return { valid: false, problems: problems.items };
  }
  const fields = document as Record<string, unknown>;
  checkTopLevel(fields, problems);
  const nodes = checkGraph(fields, [], { catalogue, problems, names: globalScope(options.globals ?? []) });
  if (problems.errorCount > 0 || !nodes) return { valid: false, problems: problems.items };
  const parsed = parseExplained(FlowDocumentSchema, { ...fields, nodes });
  if (!parsed.success) {
    // The checks above mirror the schema; this reports whatever a later schema rule adds.
    for (const issue of parsed.error.issues) {
      problems.add('document.shape', issue.path as (string | number)[], `"${issue.path.join('.')}" ${issue.message}.`);
    }
    return { valid: false, problems: problems.items };
  }
  return { valid: true, problems: problems.items, document: parsed.data };
}
