import type { Finding } from '../finding.js';
import { INJECTION_RULES } from './injection-rules.js';

/** Prompt injection and jailbreak attempts found by rules (the optional LLM judge is separate). */
export function checkInjection(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const rule of INJECTION_RULES) {
    for (const found of text.matchAll(rule.regex)) {
      const start = found.index ?? 0;
      const end = start + found[0].length;
      if (findings.some((f) => start < f.end && end > f.start)) continue;
      findings.push({ check: 'injection', type: rule.type, match: found[0], start, end, reason: rule.reason });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}
