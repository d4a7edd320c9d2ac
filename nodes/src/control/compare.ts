import { z } from 'zod';

export const ComparisonOperatorSchema = z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'empty', 'notEmpty']);
export type ComparisonOperator = z.output<typeof ComparisonOperatorSchema>;

/**
 * Typed comparison for conditions: numbers (and numeric text) compare as numbers, other values as
 * text or, for objects and arrays, by their JSON.
 */
export function compare(left: unknown, op: ComparisonOperator, right: unknown): boolean {
  switch (op) {
    case 'empty':
      return isEmpty(left);
    case 'notEmpty':
      return !isEmpty(left);
    case 'eq':
      return equals(left, right);
    case 'ne':
      return !equals(left, right);
    case 'contains':
      return contains(left, right);
    default:
      return order(left, op, right);
  }
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isNaN(number) ? undefined : number;
  }
  return undefined;
}

function canonical(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function equals(left: unknown, right: unknown): boolean {
  const [a, b] = [asNumber(left), asNumber(right)];
  if (a !== undefined && b !== undefined) return a === b;
  if (left === null || left === undefined || right === null || right === undefined) {
    return (left ?? null) === (right ?? null);
  }
  return canonical(left) === canonical(right);
}

function contains(left: unknown, right: unknown): boolean {
  if (Array.isArray(left)) return left.some((item) => equals(item, right));
  if (typeof left === 'string') return left.includes(canonical(right));
  if (typeof left === 'object' && left !== null) return Object.hasOwn(left, String(right));
  return false;
}

function order(left: unknown, op: 'gt' | 'gte' | 'lt' | 'lte', right: unknown): boolean {
  const [a, b] = [asNumber(left), asNumber(right)];
  const difference =
    a !== undefined && b !== undefined
      ? a - b
      : left == null || right == null
        ? Number.NaN
        : canonical(left).localeCompare(canonical(right));
  if (Number.isNaN(difference)) return false;
  if (op === 'gt') return difference > 0;
  if (op === 'gte') return difference >= 0;
  if (op === 'lt') return difference < 0;
  return difference <= 0;
}
