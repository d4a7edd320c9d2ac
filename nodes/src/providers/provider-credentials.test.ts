import { describe, expect, it } from 'vitest';
import { credentialsFromEnv, mergeCredentials, parseCredentialsFile } from './provider-credentials.js';

describe('credentials from the environment', () => {
  it('makes one credential per preset whose variables are set, named after the preset', () => {
    const credentials = credentialsFromEnv({
      OPENAI_API_KEY: 'sk-1',
      OPENAI_BASE_URL: 'http://127.0.0.1:9000/v1',
      ANTHROPIC_API_KEY: 'sk-ant',
      DEEPSEEK_API_KEY: 'ds-1',
      DASHSCOPE_API_KEY: 'dash',
      PATH: '/usr/bin',
    });
    expect(credentials.map((c) => c.id).sort()).toEqual(['anthropic', 'deepseek', 'openai', 'qwen']);
    expect(credentials.find((c) => c.id === 'openai')).toMatchObject({
      provider: 'openai',
      apiKey: 'sk-1',
      baseUrl: 'http://127.0.0.1:9000/v1',
    });
  });

  it('accepts a keyless local server by its base URL and normalises OLLAMA_HOST', () => {
    const credentials = credentialsFromEnv({ OLLAMA_HOST: '0.0.0.0:11434', VLLM_BASE_URL: 'http://gpu-box:8000/v1' });
    expect(credentials).toEqual([
      { id: 'vllm', kind: 'api-key', provider: 'vllm', baseUrl: 'http://gpu-box:8000/v1' },
      { id: 'ollama', kind: 'api-key', provider: 'ollama', baseUrl: 'http://127.0.0.1:11434' },
    ]);
  });

  it('reads the Azure endpoint and api version', () => {
    const [azure] = credentialsFromEnv({
      AZURE_OPENAI_API_KEY: 'az',
      AZURE_OPENAI_ENDPOINT: 'https://acme.openai.azure.com',
      OPENAI_API_VERSION: '2024-10-21',
    });
    expect(azure).toMatchObject({
      id: 'azure-openai',
      baseUrl: 'https://acme.openai.azure.com',
      extra: { apiVersion: '2024-10-21' },
    });
  });

  it('names the variable that holds a bad URL, never the key', () => {
    expect(() => credentialsFromEnv({ DEEPSEEK_API_KEY: 'secret-key', DEEPSEEK_BASE_URL: 'not a url' })).toThrow(
      /DEEPSEEK_BASE_URL is not a valid URL/,
    );
  });
});

describe('credentials file', () => {
  it('reads a list, a wrapped list or a map keyed by id', () => {
    const list = parseCredentialsFile('[{"id":"prod-openai","provider":"openai","apiKey":"k"}]');
    const wrapped = parseCredentialsFile('{"credentials":[{"id":"x","apiKey":"k"}]}');
    const map = parseCredentialsFile(
      '{"deepseek":{"apiKey":"k"},"local":{"provider":"vllm","baseUrl":"http://127.0.0.1:8000/v1"}}',
    );
    expect(list[0]).toMatchObject({ id: 'prod-openai', kind: 'api-key', provider: 'openai' });
    expect(wrapped[0]?.id).toBe('x');
    expect(map.map((c) => c.id)).toEqual(['deepseek', 'local']);
  });

  it('says what is wrong and where, without echoing secrets', () => {
    expect(() => parseCredentialsFile('{oops')).toThrow(/not valid JSON/);
    let message = '';
    try {
      parseCredentialsFile('[{"id":"a","apiKey":"super-secret","baseUrl":"nope"}]', 'creds.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('creds.json has problems');
    expect(message).not.toContain('super-secret');
  });

  it('lets a file override the environment credential by credential', () => {
    const merged = mergeCredentials(
      [{ id: 'openai', kind: 'api-key', apiKey: 'env' }],
      [
        { id: 'openai', kind: 'api-key', apiKey: 'file' },
        { id: 'other', kind: 'api-key' },
      ],
    );
    expect(merged).toEqual([
      { id: 'openai', kind: 'api-key', apiKey: 'file' },
      { id: 'other', kind: 'api-key' },
    ]);
  });
});
