import { describe, expect, it } from 'vitest';
import { classifyProviderError, parseErrorBody, redactSecrets } from './provider-errors.js';
import { retryAfterMs } from './retry.js';

describe('provider errors', () => {
  it('reads the message from each dialect', () => {
    expect(parseErrorBody('{"error":{"message":"bad","type":"t","code":"c"}}')).toEqual({
      message: 'bad',
      type: 't',
      code: 'c',
    });
    expect(parseErrorBody('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toMatchObject(
      {
        message: 'Overloaded',
      },
    );
    expect(parseErrorBody('{"error":"model \\"x\\" not found"}')).toEqual({ message: 'model "x" not found' });
    expect(parseErrorBody('{"detail":"Invalid token"}')).toMatchObject({ message: 'Invalid token' });
    expect(parseErrorBody('<html>Bad Gateway</html>')).toEqual({ message: '<html>Bad Gateway</html>' });
  });

  it.each([
    [401, {}, 'PROVIDER_AUTH'],
    [404, { message: 'The model `x` does not exist' }, 'PROVIDER_MODEL_NOT_FOUND'],
    [404, { message: 'Not Found' }, 'PROVIDER_BAD_REQUEST'],
    [429, { code: 'rate_limit_exceeded' }, 'PROVIDER_RATE_LIMITED'],
    [429, { code: 'insufficient_quota' }, 'PROVIDER_QUOTA_EXCEEDED'],
    [400, { code: 'context_length_exceeded' }, 'PROVIDER_CONTEXT_TOO_LONG'],
    [400, { message: 'Range of input length should be [1, 30720]' }, 'PROVIDER_CONTEXT_TOO_LONG'],
    [400, { message: 'temperature must be at most 2' }, 'PROVIDER_BAD_REQUEST'],
    [
      400,
      { code: 'data_inspection_failed', message: 'Input data may contain inappropriate content.' },
      'PROVIDER_CONTENT_FILTERED',
    ],
    [503, {}, 'PROVIDER_UNAVAILABLE'],
    [529, { message: 'Overloaded' }, 'PROVIDER_UNAVAILABLE'],
  ] as const)('classifies HTTP %i %j as %s', (status, body, code) => {
    expect(classifyProviderError(status, body)).toBe(code);
  });

  it('removes a key and the pieces of it a provider echoes back', () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz123456';
    expect(redactSecrets(`Incorrect API key provided: ${key}`, [key])).toBe('Incorrect API key provided: ***');
    expect(redactSecrets('key sk-proj-abcd****3456 wxyz123456', [key])).not.toContain('wxyz123456');
  });

  it('reads Retry-After as seconds, as a date, and retry-after-ms', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '150' }))).toBe(150);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});
