import { describe, expect, it } from 'vitest';
import { fieldLabel } from './field-labels.js';

describe('fieldLabel', () => {
  it('names a config field in Chinese, and in English where the code name reads badly', () => {
    expect(fieldLabel('topK', 'zh')).toBe('返回条数');
    expect(fieldLabel('topK', 'en')).toBe('Results (top K)');
    expect(fieldLabel('knowledgeBase', 'zh')).toBe('知识库');
  });

  it('leaves English to the humanized name where that reads well, and unknown names to the caller', () => {
    expect(fieldLabel('knowledgeBase', 'en')).toBeUndefined();
    expect(fieldLabel('someNewField', 'zh')).toBeUndefined();
  });
});
