import type { z } from 'zod';
import type { AnyNodeDefinition } from '../contract/node-definition.js';
import type { ProblemPath } from '../contract/validation-problem.js';
import { hasTemplate, parseWholeReference } from '../template/references.js';
import { didYouMean, listNames } from './closest-name.js';
import type { ValueKind } from './output-paths.js';
import { nodeLabel, type ProblemList } from './problem-list.js';
import { parseExplained } from './zod-messages.js';

type Schema = z.core.$ZodType;
type Segment = string | number;

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/**
 * A string holding `{{ }}` or `{% %}` is filled in at run time, so a check that its *text* is not a
 * number, a list or one of an enum's values says nothing yet: the engine validates the resolved
 * config again before the node runs. Fields the engine does not resolve get no such leniency.
 */
function resolvesAtRunTime(issue: z.core.$ZodIssue, raw: unknown, rawFields: readonly string[]): boolean {
  const [first] = issue.path;
  if (first === undefined || rawFields.includes(String(first))) return false;
  const value = valueAt(raw, issue.path);
  return typeof value === 'string' && hasTemplate(value);
}

/** The keys a config object schema declares, or undefined when it accepts any key. */
function declaredKeys(schema: Schema): string[] | undefined {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return declaredKeys((def as z.core.$ZodOptionalDef).innerType);
    case 'pipe':
      return declaredKeys((def as z.core.$ZodPipeDef).in);
    case 'object': {
      const object = def as z.core.$ZodObjectDef;
      // A catch-all (loose/strict objects) says the schema itself decides about other keys.
      return object.catchall ? undefined : Object.keys(object.shape);
    }
    default:
      return undefined;
  }
}

export interface ConfigSubject {
  readonly id: string;
  readonly type: string;
  /** Path of the node in the document. */
  readonly at: ProblemPath;
}

function warnUnknownFields(
  definition: AnyNodeDefinition,
  raw: Record<string, unknown>,
  subject: ConfigSubject,
  problems: ProblemList,
): void {
  const keys = declaredKeys(definition.config);
  if (!keys) return;
  for (const key of Object.keys(raw)) {
    if (keys.includes(key)) continue;
    problems.add(
      'config.unknown-field',
      [...subject.at, 'config', key],
      `${nodeLabel(subject.id, subject.type)} has a setting "${key}" that ${subject.type} does not use, so it is ignored.${didYouMean(key, keys)} Its settings are: ${listNames(keys)}.`,
      { nodeId: subject.id, field: [key], warning: true },
    );
  }
}

function issueSentence(subject: ConfigSubject, issue: z.core.$ZodIssue): string {
  const label = nodeLabel(subject.id, subject.type);
  if (issue.path.length === 0) return `${label}: its settings ${issue.message}.`;
  const field = issue.path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`));
  const name = field.join('').replace(/^\./, '');
  return `${label}: "${name}" ${issue.message}.`;
}

export interface ConfigVerdict {
  /** No problem beyond fields that resolve at run time. */
  readonly valid: boolean;
  /** The parsed config (defaults applied), only when it parsed as written: then ports and output
   * shapes that depend on the config can be known before the run. */
  readonly exact?: unknown;
  /** Fields holding exactly one reference where the schema wants a kind of value other than text. */
  readonly expectations?: readonly ValueExpectation[];
}

/** `"items"` needs a list: checked against what the referenced node outputs, once it is known. */
export interface ValueExpectation {
  readonly field: readonly Segment[];
  readonly kind: ValueKind;
}

const EXPECTED_KIND: Record<string, ValueKind> = {
  number: 'number',
  int: 'number',
  boolean: 'boolean',
  array: 'list',
  tuple: 'list',
  object: 'object',
  record: 'object',
};

function expectationOf(issue: z.core.$ZodIssue, raw: unknown): ValueExpectation | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const kind = EXPECTED_KIND[issue.expected];
  const value = valueAt(raw, issue.path);
  if (!kind || typeof value !== 'string' || !parseWholeReference(value)) return undefined;
  return { field: issue.path.filter((s): s is Segment => typeof s !== 'symbol'), kind };
}

/** Checks a node's config against its definition's schema, reporting every real problem. */
export function checkNodeConfig(
  definition: AnyNodeDefinition,
  raw: Record<string, unknown>,
  subject: ConfigSubject,
  problems: ProblemList,
): ConfigVerdict {
  warnUnknownFields(definition, raw, subject, problems);
  const parsed = parseExplained(definition.config, raw);
  if (parsed.success) return { valid: true, exact: parsed.data };
  const rawFields = definition.rawFields ?? [];
  let valid = true;
  const expectations: ValueExpectation[] = [];
  for (const issue of parsed.error.issues) {
    if (resolvesAtRunTime(issue, raw, rawFields)) {
      const expectation = expectationOf(issue, raw);
      if (expectation) expectations.push(expectation);
      continue;
    }
    valid = false;
    const field = issue.path.filter((s): s is Segment => typeof s !== 'symbol');
    problems.add('config.invalid', [...subject.at, 'config', ...field], issueSentence(subject, issue), {
      nodeId: subject.id,
      field,
    });
  }
  return { valid, expectations };
}
