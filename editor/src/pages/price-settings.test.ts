import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import { problemLines, readPriceDraft } from './price-settings.js';

describe('price settings section', () => {
  it('reads the draft as JSON, or says why it is not JSON yet', () => {
    expect(readPriceDraft('{"models": {}}')).toEqual({ ok: true, value: { models: {} } });
    const broken = readPriceDraft('{"models": ');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.message.length).toBeGreaterThan(0);
  });

  it("lists the server's problems with the table, one line each", () => {
    const refused = new ApiError(400, 'REQUEST_INVALID', 'The request is not valid.', [
      { path: ['models', 'no-slash'], message: 'body.models.no-slash: Invalid key in record' },
      { path: ['models', 'qwen/x', 'input'], message: 'body.models.qwen/x.input: Too small' },
    ]);
    expect(problemLines(refused)).toEqual([
      'body.models.no-slash: Invalid key in record',
      'body.models.qwen/x.input: Too small',
    ]);
    expect(problemLines(new ApiError(0, 'NETWORK', 'unreachable'))).toEqual([]);
    expect(problemLines(new Error('other'))).toEqual([]);
  });
});
