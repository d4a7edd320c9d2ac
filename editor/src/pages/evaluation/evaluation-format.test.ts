import { describe, expect, it } from 'vitest';
import {
  formatPercent,
  formatScore,
  inputsText,
  isActive,
  percentToThreshold,
  textOf,
  thresholdToPercent,
  versionLabel,
} from './evaluation-format.js';

describe('evaluation formatting', () => {
  it('shows text as-is and other values as JSON', () => {
    expect(textOf('hi')).toBe('hi');
    expect(textOf({ intent: 'faq' })).toBe('{"intent":"faq"}');
    expect(textOf(undefined)).toBe('');
  });
  it('shows one input as its value and several as lines', () => {
    expect(inputsText({ question: 'When?' })).toBe('When?');
    expect(inputsText({ city: 'Paris', days: 3 })).toBe('city: Paris\ndays: 3');
    expect(inputsText(undefined)).toBe('');
  });
  it('writes shares as percentages and scores with two decimals', () => {
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatScore(0.5)).toBe('0.50');
  });
  it('names versions', () => {
    const words = { draft: 'Draft', published: 'Live' };
    expect(versionLabel(3, words)).toBe('v3');
    expect(versionLabel('draft', words)).toBe('Draft');
    expect(versionLabel('published', words)).toBe('Live');
  });
  it('turns a threshold into a percentage and back, clamped', () => {
    expect(thresholdToPercent(0.8)).toBe(80);
    expect(percentToThreshold(80)).toBe(0.8);
    expect(percentToThreshold(150)).toBe(1);
  });
  it('knows when an evaluation is still moving', () => {
    expect(isActive('running')).toBe(true);
    expect(isActive('succeeded')).toBe(false);
  });
});
