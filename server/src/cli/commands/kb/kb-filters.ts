import type { KnowledgeFilter } from '@tailor/nodes';
import { UsageError } from '../../command.js';

const PATTERN = /^([^=!<>]+?)\s*(!=|>=|<=|=|>|<)\s*(.*)$/s;

/**
 * `--filter` values: `category=displays`, `price<1000`, `year>=2024`, `lang!=en`, and
 * `category=displays|accessories` for one of several values.
 */
export function parseFilter(text: string): KnowledgeFilter {
  const match = PATTERN.exec(text.trim());
  if (!match) throw new UsageError(`--filter "${text}" is not field=value, field!=value, field<value, field>=value …`);
  const [, field = '', op = '', raw = ''] = match;
  const name = field.trim();
  if (op === '=' && raw.includes('|')) return { field: name, op: 'in', value: raw.split('|').map(typed) };
  if (op === '!=' && raw.includes('|')) return { field: name, op: 'nin', value: raw.split('|').map(typed) };
  if (op === '=') return { field: name, op: 'eq', value: typed(raw) };
  if (op === '!=') return { field: name, op: 'ne', value: typed(raw) };
  const value = typed(raw);
  if (typeof value === 'boolean')
    throw new UsageError(`--filter "${text}": a range needs a number or a text, not ${raw}.`);
  const ops = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' } as const;
  return { field: name, op: ops[op as keyof typeof ops], value };
}

function typed(raw: string): string | number | boolean {
  const value = raw.trim();
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}
