import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { splitLine, uploadProblems } from './upload-problems.js';

describe('uploadProblems', () => {
  it('reads the listed problems, line by line, in line order', () => {
    const error = new ApiError(400, 'INVALID_DATASET', 'The dataset has 2 problems.', [
      'line 4: unknown field "expect" (a line has inputs, expected, facts, sources and id)',
      'line 2: "inputs": Invalid input: expected record, received string',
    ]);
    expect(uploadProblems(error)).toEqual([
      { line: 2, message: '"inputs": Invalid input: expected record, received string' },
      { line: 4, message: 'unknown field "expect" (a line has inputs, expected, facts, sources and id)' },
    ]);
  });

  it('takes { line, message } objects too', () => {
    const error = new ApiError(400, 'INVALID_DATASET', 'bad', [{ line: 3, message: 'not JSON (Unexpected token)' }]);
    expect(uploadProblems(error)).toEqual([{ line: 3, message: 'not JSON (Unexpected token)' }]);
  });

  it('reads the line from the problem path, as the import route sends it', () => {
    const error = new ApiError(400, 'REQUEST_INVALID', 'The JSON Lines file has 2 problem(s); nothing was imported.', [
      { path: ['line', 3], message: "line 3: not JSON (Expected property name or '}' in JSON at position 2)" },
      { path: [], message: 'body: empty' },
    ]);
    expect(uploadProblems(error)).toEqual([
      { message: 'body: empty' },
      { line: 3, message: "not JSON (Expected property name or '}' in JSON at position 2)" },
    ]);
  });

  it('splits a message that names the file and several lines', () => {
    const error = new ApiError(
      400,
      'BAD_REQUEST',
      'cases.jsonl: line 3: not JSON (Expected property name); cases.jsonl: line 1: "inputs": Required',
    );
    expect(uploadProblems(error)).toEqual([
      { line: 1, message: '"inputs": Required' },
      { line: 3, message: 'not JSON (Expected property name)' },
    ]);
  });

  it('keeps a sentence without a line whole', () => {
    expect(uploadProblems(new Error('The dataset is empty.'))).toEqual([{ message: 'The dataset is empty.' }]);
    expect(splitLine('Line 12 - missing inputs')).toEqual({ line: 12, message: 'missing inputs' });
  });
});
