import { Liquid } from 'liquidjs';

/**
 * The one template engine of Tailor. Locked down: own properties only (no `constructor`,
 * `__proto__` or prototype getters), no file system (`include`/`render`/`layout` see an empty
 * in-memory set), and parse/render limits so a template cannot hang or exhaust a run.
 */
export const liquid = new Liquid({
  ownPropertyOnly: true,
  strictFilters: true,
  templates: {},
  jsTruthy: false,
  parseLimit: 1_000_000,
  renderLimit: 2_000,
  memoryLimit: 64 * 1024 * 1024,
  cache: false,
  // Objects and arrays print as JSON inside text, so `Data: {{ api.body }}` gives the model real data.
  outputEscape: renderValueAsText,
});

export function renderValueAsText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
