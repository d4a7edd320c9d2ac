import { describe, expect, it } from 'vitest';
import { datasetFormatOf, datasetNameOf } from './datasets.js';

describe('dataset files', () => {
  it('reads the format from the extension, else from the first character', () => {
    expect(datasetFormatOf('cases.CSV', '{"inputs":{}}')).toBe('csv');
    expect(datasetFormatOf('cases.jsonl', 'question\nhi')).toBe('jsonl');
    expect(datasetFormatOf('cases.ndjson', '')).toBe('jsonl');
    expect(datasetFormatOf('cases.txt', '  {"inputs": {"q": 1}}')).toBe('jsonl');
    expect(datasetFormatOf('cases.txt', 'question,expected\nhi,hello')).toBe('csv');
  });
  it('names a dataset after its file', () => {
    expect(datasetNameOf('support cases.jsonl')).toBe('support cases');
    expect(datasetNameOf('.jsonl')).toBe('.jsonl');
  });
});
