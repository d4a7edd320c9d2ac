import {
  formatProblemPath,
  type ProblemPath,
  type ValidationProblem,
  type ValidationProblemCode,
} from '../contract/validation-problem.js';

/** Collects problems in document order of discovery; counts errors apart from warnings. */
export class ProblemList {
  readonly items: ValidationProblem[] = [];
  #errors = 0;

  add(
    code: ValidationProblemCode,
    path: ProblemPath,
    message: string,
    extra: { nodeId?: string; field?: readonly (string | number)[]; warning?: boolean } = {},
  ): void {
    const problem: ValidationProblem = { code, path, message, severity: extra.warning ? 'warning' : 'error' };
    if (extra.nodeId !== undefined) problem.nodeId = extra.nodeId;
    if (extra.field !== undefined && extra.field.length > 0) problem.field = formatProblemPath(extra.field);
    if (!extra.warning) this.#errors++;
    this.items.push(problem);
  }

  get errorCount(): number {
    return this.#errors;
  }
}

/** `Node "kb" (retrieval)`: how messages name a node. */
export function nodeLabel(id: string, type?: string): string {
  return type ? `Node "${id}" (${type})` : `Node "${id}"`;
}
