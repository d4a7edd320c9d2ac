import type { Catalogue } from '@tailor/runtime';
import { type FlowDocument, FlowDocumentSchema, loadFlow, type ValidationProblem } from '@tailor/runtime';
import { fromValidationProblems } from '../http/http-error.js';

/**
 * A document as the editor saves it: a draft may still have problems (they are returned beside
 * it), but it must be a flow document in shape, else 400 with every problem.
 */
export function readFlowDocument(
  body: unknown,
  catalogue: Catalogue,
): { document: FlowDocument; problems: ValidationProblem[] } {
  const checked = loadFlow(body, catalogue);
  if (checked.document) return { document: checked.document, problems: checked.problems };
  const shape = FlowDocumentSchema.safeParse(body);
  if (!shape.success) throw fromValidationProblems(checked.problems);
  return { document: shape.data, problems: checked.problems };
}

export function problemsOf(document: FlowDocument, catalogue: Catalogue): ValidationProblem[] {
  return loadFlow(document, catalogue).problems;
}
