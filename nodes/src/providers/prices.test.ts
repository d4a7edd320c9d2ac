import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, mergePriceTables, parsePriceTable, priceOf, priceUsage } from './prices.js';

describe('price table', () => {
  it('prices a model by exact key, by the longest prefix and by a provider wildcard', () => {
    expect(priceOf(DEFAULT_PRICES, 'openai', 'gpt-4o')).toEqual({ input: 2.5, output: 10 });
    expect(priceOf(DEFAULT_PRICES, 'openai', 'gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf(DEFAULT_PRICES, 'ollama', 'qwen2.5:7b')).toEqual({ input: 0, output: 0 });
    expect(priceOf(DEFAULT_PRICES, 'openai', 'unheard-of')).toBeUndefined();
  });

  it('adds the cost to a usage, per million tokens', () => {
    expect(priceUsage(DEFAULT_PRICES, 'openai', 'gpt-4o', { input: 1000, output: 500 })).toEqual({
      input: 1000,
      output: 500,
      cost: 0.0075,
    });
    expect(priceUsage(DEFAULT_PRICES, 'mystery', 'm', { input: 1, output: 1 })).toEqual({ input: 1, output: 1 });
  });

  it('lets a user table override entries and the currency', () => {
    const mine = parsePriceTable('{"currency":"CNY","models":{"deepseek/deepseek-chat":{"input":2,"output":8}}}');
    const merged = mergePriceTables(DEFAULT_PRICES, mine);
    expect(merged.currency).toBe('CNY');
    expect(priceOf(merged, 'deepseek', 'deepseek-chat')).toEqual({ input: 2, output: 8 });
    expect(priceOf(merged, 'openai', 'gpt-4o')).toEqual({ input: 2.5, output: 10 });
  });

  it('explains a malformed table', () => {
    expect(() => parsePriceTable('{"models":{"gpt-4o":{"input":-1}}}', 'prices.json')).toThrow(
      /prices.json has problems/,
    );
  });
});
