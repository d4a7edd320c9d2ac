import { z } from 'zod';

/**
 * What validation can find wrong with a flow document. Stable codes for programs (the editor
 * highlights by code and path); the message is the sentence an analyst reads.
 */
export const ValidationProblemCodeSchema = z.enum([
  'json.malformed',
  'document.shape',
  'document.unsupported-schema',
  'document.migration-failed',
  'node.duplicate-id',
  'node.unknown-type',
  'node.newer-version',
  'node.migration-failed',
  'config.invalid',
  'config.unknown-field',
  'edge.missing-node',
  'edge.unknown-port',
  'edge.duplicate',
  'graph.cycle',
  'reference.syntax',
  'reference.unknown-name',
  'reference.self',
  'reference.not-ancestor',
  'reference.unknown-field',
  'reference.wrong-kind',
  'scope.shadowed',
]);
export type ValidationProblemCode = z.output<typeof ValidationProblemCodeSchema>;

export const ValidationProblemSchema = z.object({
  code: ValidationProblemCodeSchema,
  /** Where in the document, e.g. `["nodes", 3, "config", "body", "nodes", 1, "config", "prompt"]`. */
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  /** The node the problem belongs to (the innermost one for a node of a nested body). */
  nodeId: z.string().optional(),
  /** The config field inside that node, written like `cases[0].when[1].left`. */
  field: z.string().optional(),
  /** A warning does not make the document invalid (an unused setting, a duplicated edge). */
  severity: z.enum(['error', 'warning']).default('error'),
});
export type ValidationProblem = z.output<typeof ValidationProblemSchema>;
export type ProblemPath = ValidationProblem['path'];

/** Renders a path the way a reader writes it: `nodes[3].config.body`. */
export function formatProblemPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
