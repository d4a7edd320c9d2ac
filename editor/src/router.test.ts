import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router.js';

describe('router', () => {
  it('reads a flow route and writes it back', () => {
    const route = parseRoute('#/flows/faq-bot');
    expect(route).toEqual({ page: 'editor', flowId: 'faq-bot' });
    expect(href(route)).toBe('#/flows/faq-bot');
  });
  it('reads and writes the evaluation pages', () => {
    for (const hash of [
      '#/evaluation',
      '#/evaluation/flows/faq-bot',
      '#/evaluation/datasets',
      '#/evaluation/datasets/d%201',
      '#/evaluation/reports/e1',
      '#/evaluation/compare/e1/e2',
    ])
      expect(href(parseRoute(hash))).toBe(hash);
    expect(parseRoute('#/evaluation/compare/e1/e2')).toEqual({
      page: 'evaluation',
      view: { kind: 'compare', base: 'e1', candidate: 'e2' },
    });
    expect(parseRoute('#/evaluation/compare/e1')).toEqual({ page: 'evaluation' });
  });
  it('falls back to the flows list', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'flows' });
    expect(parseRoute('')).toEqual({ page: 'flows' });
  });
});
