import type { Catalogue } from '../contract/catalogue.js';
import { type FlowMigrations, flowMigrations } from '../contract/migrations.js';
import type { ValidationProblem } from '../contract/validation-problem.js';
import { type ValidateOptions, type ValidationResult, validateFlow } from '../validate/validate-flow.js';
import { locateJsonError } from './json-position.js';

export interface LoadOptions extends ValidateOptions {
  /** The document migrations to apply; Tailor's own registry by default. */
  migrations?: FlowMigrations;
}

function problem(code: ValidationProblem['code'], path: ValidationProblem['path'], message: string): ValidationResult {
  return { valid: false, problems: [{ code, path, message, severity: 'error' }] };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; result: ValidationResult } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (thrown) {
    const where = locateJsonError(body);
    const message = where
      ? `The flow is not valid JSON: line ${where.line}, column ${where.column}: ${where.reason}.`
      : `The flow is not valid JSON: ${thrown instanceof Error ? thrown.message : String(thrown)}.`;
    return { ok: false, result: problem('json.malformed', [], message) };
  }
}

/**
 * Reads a flow from JSON text (a string) or an already parsed value: parses, migrates older
 * formats forward, migrates node configs, validates. The result is validateFlow's.
 */
export function loadFlow(input: unknown, catalogue: Catalogue, options: LoadOptions = {}): ValidationResult {
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseJson(input);
    if (!parsed.ok) return parsed.result;
    value = parsed.value;
  }
  const migrated = (options.migrations ?? flowMigrations).migrate(value);
  if (!migrated.ok) {
    const code = migrated.reason === 'unknown-schema' ? 'document.unsupported-schema' : 'document.migration-failed';
    return problem(code, ['schema'], migrated.message);
  }
  return validateFlow(migrated.document, catalogue, options);
}
