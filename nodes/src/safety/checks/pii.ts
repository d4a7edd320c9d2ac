import type { Finding } from '../finding.js';
import { PII_PATTERNS, type PiiPattern } from '../pii/pii-patterns.js';

export interface CustomPattern {
  name: string;
  pattern: string;
  flags?: string;
}

export interface PiiOptions {
  /** Which built-in kinds to look for; all when empty. */
  types: readonly string[];
  custom: readonly CustomPattern[];
}

function customPatterns(custom: readonly CustomPattern[]): PiiPattern[] {
  return custom.map(({ name, pattern, flags }) => ({
    type: name,
    regex: new RegExp(pattern, `${(flags ?? '').replace(/g/g, '')}g`),
    mask: (match: string) => '*'.repeat(match.length),
  }));
}

export function patternsFor(options: PiiOptions): PiiPattern[] {
  const builtIn = options.types.length ? PII_PATTERNS.filter((p) => options.types.includes(p.type)) : [...PII_PATTERNS];
  return [...builtIn, ...customPatterns(options.custom)];
}

/**
 * Personal data, each kind confirmed beyond its shape (ID checksum, Luhn and issuer prefix), in
 * pattern order: an ID number is not reported again as a card. Overlaps keep the earlier kind.
 */
export function checkPii(text: string, options: PiiOptions): Finding[] {
  const findings: Finding[] = [];
  const taken = (start: number, end: number) => findings.some((f) => start < f.end && end > f.start);
  for (const pattern of patternsFor(options)) {
    for (const found of text.matchAll(pattern.regex)) {
      const match = found[0];
      const start = found.index ?? 0;
      const end = start + match.length;
      if (!match || taken(start, end) || (pattern.confirm && !pattern.confirm(match))) continue;
      findings.push({ check: 'pii', type: pattern.type, match, start, end, reason: `looks like ${pattern.type}` });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

/** The masked form of one PII finding. */
export function maskPii(finding: Finding, options: PiiOptions): string {
  const pattern = patternsFor(options).find((p) => p.type === finding.type);
  return pattern ? pattern.mask(finding.match) : '*'.repeat(finding.match.length);
}
