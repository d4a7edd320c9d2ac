import type { EvaluationVersion } from '../../api/evaluations.js';

/** A value as the report shows it: text as-is, anything else as compact JSON. */
export function textOf(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A flow's inputs as `name: value` lines (one input shows as its value alone). */
export function inputsText(inputs: Record<string, unknown> | undefined): string {
  if (!inputs) return '';
  const entries = Object.entries(inputs);
  if (entries.length === 1 && entries[0]) return textOf(entries[0][1]);
  return entries.map(([name, value]) => `${name}: ${textOf(value)}`).join('\n');
}

/** 0.8333 → "83.3%". */
export function formatPercent(share: number | undefined): string {
  if (share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** A score from 0 to 1 with two decimals. */
export function formatScore(score: number | undefined): string {
  return score === undefined || Number.isNaN(score) ? '—' : score.toFixed(2);
}

export function versionLabel(version: EvaluationVersion, words: { draft: string; published: string }): string {
  if (version === 'draft') return words.draft;
  if (version === 'published') return words.published;
  return `v${version}`;
}

/** An evaluation still moving: its page keeps asking the server. */
export function isActive(status: string): boolean {
  return status === 'queued' || status === 'running' || status === 'pending';
}

/** The percentage a threshold field shows for a stored share (0.8 → 80), and back. */
export function thresholdToPercent(share: number): number {
  return Math.round(share * 1000) / 10;
}
export function percentToThreshold(percent: number): number {
  return Math.min(1, Math.max(0, percent / 100));
}
