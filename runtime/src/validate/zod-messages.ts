import type { z } from 'zod';

/** A value as an analyst would name it in a sentence: `text "abc"`, `the number 5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `text ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object (named fields)',
  record: 'an object (named fields)',
  null: 'null',
  bigint: 'a whole number',
  date: 'a date',
  tuple: 'a list',
};

function describeExpected(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

function quoteValues(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? `"${value}"` : String(value))).join(', ');
}

type Issue = z.core.$ZodRawIssue;

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }, input: unknown): string {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const small = issue.code === 'too_small';
  const exact = issue.inclusive !== false;
  const limit = String(bound);
  switch (issue.origin) {
    case 'string':
      if (small && Number(bound) === 1) return 'cannot be empty';
      return `must be ${small ? 'at least' : 'at most'} ${limit} characters long (it has ${String(input).length})`;
    case 'array':
    case 'set':
      if (small && Number(bound) === 1) return 'needs at least one item';
      return `must have ${small ? 'at least' : 'at most'} ${limit} items (it has ${Array.isArray(input) ? input.length : '?'})`;
    default: {
      const relation = small ? (exact ? 'at least' : 'more than') : exact ? 'at most' : 'less than';
      return `must be ${relation} ${limit} (it is ${String(input)})`;
    }
  }
}

function formatMessage(issue: Issue & { code: 'invalid_format' }): string {
  switch (issue.format) {
    case 'url':
      return 'must be a web address (URL)';
    case 'email':
      return 'must be an email address';
    case 'regex':
      return `does not have the expected form${'pattern' in issue && issue.pattern ? ` (${String(issue.pattern)})` : ''}`;
    default:
      return `must be a valid ${issue.format}`;
  }
}

/**
 * A per-parse zod error map: sentences without the field name (the caller says where). Messages a
 * schema sets itself (`.regex(re, "…")`) take precedence over this map, as zod intends.
 */
export function analystErrorMap(issue: Issue): string | undefined {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'is required';
      return `must be ${describeExpected(issue.expected)}, not ${describeValue(input)}`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue, input);
    case 'invalid_value':
      if (issue.values.length === 1) return `must be ${quoteValues(issue.values)} (it is ${describeValue(input)})`;
      return `must be one of ${quoteValues(issue.values)} (it is ${describeValue(input)})`;
    case 'invalid_format':
      return formatMessage(issue);
    case 'unrecognized_keys':
      return `has fields it does not know: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return `does not match any accepted form (it is ${describeValue(input)})`;
    default:
      return undefined;
  }
}

export const analystParseOptions = { error: analystErrorMap } as const;

/**
 * Parses without the error map first: zod's fast path applies only to a plain parse, and valid
 * input, the common case, needs no messages. Invalid input is parsed again to word its issues.
 */
export function parseExplained<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): z.ZodSafeParseResult<z.output<Schema>> {
  const plain = schema.safeParse(value);
  return plain.success ? plain : schema.safeParse(value, analystParseOptions);
}
