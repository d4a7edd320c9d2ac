import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router.js';

describe('router', () => {
  it('reads a flow route and writes it back', () => {
    const route = parseRoute('#/flows/faq-bot');
    expect(route).toEqual({ page: 'editor', flowId: 'faq-bot' });
    expect(href(route)).toBe('#/flows/faq-bot');
  });
  it('falls back to the flows list', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'flows' });
    expect(parseRoute('')).toEqual({ page: 'flows' });
  });
});
