import { describe, expect, it } from 'vitest';
import { parseOtlpHeaders, readOtlpSettings, tracesUrlOf } from './otlp-settings.js';

describe('OTLP export settings', () => {
  it('is off without an endpoint', () => {
    expect(readOtlpSettings({})).toBeUndefined();
    expect(readOtlpSettings({ TAILOR_OTLP_ENDPOINT: '' })).toBeUndefined();
  });

  it('reads the endpoint, headers and the content switch', () => {
    expect(
      readOtlpSettings({
        TAILOR_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        TAILOR_OTLP_HEADERS: 'Authorization=Bearer x,foo=bar',
        TAILOR_OTLP_CONTENT: 'true',
      }),
    ).toEqual({
      tracesUrl: 'http://127.0.0.1:4318/v1/traces',
      headers: { Authorization: 'Bearer x', foo: 'bar' },
      content: true,
      serviceName: 'tailor',
    });
  });

  it('keeps a full traces URL and percent-decodes header values', () => {
    expect(tracesUrlOf('https://cloud.langfuse.com/api/public/otel/')).toBe(
      'https://cloud.langfuse.com/api/public/otel/v1/traces',
    );
    expect(tracesUrlOf('http://tempo:4318/v1/traces')).toBe('http://tempo:4318/v1/traces');
    expect(parseOtlpHeaders('Authorization=Basic%20abc%3D%3D, broken ,=x')).toEqual({ Authorization: 'Basic abc==' });
  });

  it('refuses an endpoint that is not an http(s) URL', () => {
    expect(() => readOtlpSettings({ TAILOR_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(/TAILOR_OTLP_ENDPOINT/);
  });
});
