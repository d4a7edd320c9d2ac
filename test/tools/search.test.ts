import { CredentialsService, createSafeFetch, SafeFetchService, searchNode, staticCredentials } from '@tailor/nodes';
import { ServiceRegistry, TailorError } from '@tailor/runtime';
import { runNodeForTest } from '@tailor/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SearchServers, startSearchServers } from '../support/search-servers.js';

let servers: SearchServers;
let services: ServiceRegistry;
const PROVIDERS = ['searxng', 'bing', 'tavily', 'serpapi', 'brave'] as const;

beforeAll(async () => {
  servers = await startSearchServers();
  const credentials = PROVIDERS.flatMap((provider) => [
    { id: `${provider}-good`, kind: 'api-key' as const, apiKey: 'good-key', baseUrl: servers.urlOf(provider) },
    { id: `${provider}-bad`, kind: 'api-key' as const, apiKey: 'bad-key', baseUrl: servers.urlOf(provider) },
    { id: `${provider}-quota`, kind: 'api-key' as const, apiKey: 'quota-key', baseUrl: servers.urlOf(provider) },
  ]);
  services = new ServiceRegistry()
    .provide(SafeFetchService, createSafeFetch({ allow: ['127.0.0.1'] }))
    .provide(CredentialsService, staticCredentials(credentials));
});
afterAll(() => servers.close());

const search = (config: Record<string, unknown>) => runNodeForTest(searchNode, config, { services });

async function failure(promise: Promise<unknown>): Promise<TailorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TailorError) return error;
    throw error;
  }
  throw new Error('expected the search to fail');
}

describe.each(PROVIDERS)('search through %s', (provider) => {
  const credential = `${provider}-good`;

  it('returns top-k results with plain-text titles and snippets, and dates', async () => {
    const { output } = await search({ provider, credential, query: '西湖 门票', topK: 3 });
    expect(output.results).toHaveLength(3);
    expect(output.results[0]).toEqual({
      title: '西湖 门票 result 1',
      url: `${servers.base}/pages/1`,
      snippet: 'About 西湖 门票 & more, number 1.',
      date: '2026-06-10',
    });
    expect(output.text).toContain('[1] 西湖 门票 result 1');
  });

  it('says when the provider fails, distinctly', async () => {
    const error = await failure(search({ provider, credential, query: 'boom' }));
    expect(error.code).toBe('SEARCH_UNAVAILABLE');
  });

  it('says when the reply cannot be understood', async () => {
    expect((await failure(search({ provider, credential, query: 'garbled' }))).code).toBe('SEARCH_BAD_RESPONSE');
  });

  it('returns an empty list when nothing is found', async () => {
    expect((await search({ provider, credential, query: 'nothing' })).output.results).toEqual([]);
  });
});

describe.each(PROVIDERS.filter((p) => p !== 'searxng'))('credentials of %s', (provider) => {
  it('refuses a bad key with SEARCH_AUTH and the provider message, never the key', async () => {
    const error = await failure(search({ provider, credential: `${provider}-bad`, query: 'x' }));
    expect(error.code).toBe('SEARCH_AUTH');
    expect(error.message).toContain('says auth');
    expect(error.message).not.toContain('bad-key');
  });

  it('reports a used-up quota as SEARCH_RATE_LIMITED', async () => {
    expect((await failure(search({ provider, credential: `${provider}-quota`, query: 'x' }))).code).toBe(
      'SEARCH_RATE_LIMITED',
    );
  });

  it('asks for a credential when none is given', async () => {
    const error = await failure(search({ provider, query: 'x' }));
    expect(error.code).toBe('SEARCH_AUTH');
    expect(error.message).toContain('needs an API key');
  });
});

describe('search options on the wire', () => {
  it('sends language, region, time range, safe search and top-k the way each API wants', async () => {
    const options = { query: 'q', topK: 4, language: 'zh-CN', region: 'CN', timeRange: 'week', safeSearch: 'strict' };
    await search({ provider: 'bing', credential: 'bing-good', ...options });
    expect(Object.fromEntries(servers.requests.at(-1)?.url.searchParams ?? [])).toMatchObject({
      count: '4',
      mkt: 'zh-CN',
      setLang: 'zh-CN',
      freshness: 'Week',
      safeSearch: 'Strict',
    });
    await search({ provider: 'brave', credential: 'brave-good', ...options });
    expect(Object.fromEntries(servers.requests.at(-1)?.url.searchParams ?? [])).toMatchObject({
      count: '4',
      search_lang: 'zh',
      country: 'CN',
      freshness: 'pw',
      safesearch: 'strict',
    });
    await search({ provider: 'serpapi', credential: 'serpapi-good', ...options });
    expect(Object.fromEntries(servers.requests.at(-1)?.url.searchParams ?? [])).toMatchObject({
      num: '4',
      hl: 'zh-cn',
      gl: 'cn',
      tbs: 'qdr:w',
      safe: 'active',
      engine: 'google',
    });
    await search({ provider: 'tavily', credential: 'tavily-good', ...options });
    expect(servers.requests.at(-1)?.body).toMatchObject({
      query: 'q',
      max_results: 4,
      time_range: 'week',
      country: 'cn',
    });
    await search({ provider: 'searxng', baseUrl: servers.urlOf('searxng'), ...options });
    expect(Object.fromEntries(servers.requests.at(-1)?.url.searchParams ?? [])).toMatchObject({
      format: 'json',
      language: 'zh-CN',
      time_range: 'week',
      safesearch: '2',
    });
  });

  it('tells how to enable SearXNG JSON output when the instance refuses it', async () => {
    servers.jsonDisabled.value = true;
    const error = await failure(search({ provider: 'searxng', baseUrl: servers.urlOf('searxng'), query: 'x' }));
    servers.jsonDisabled.value = false;
    expect(error.code).toBe('SEARCH_AUTH');
    expect(error.message).toContain('search.formats');
  });

  it('fetches the top pages through the safe fetch and keeps their main text', async () => {
    const { output } = await search({
      provider: 'tavily',
      credential: 'tavily-good',
      query: '西湖',
      topK: 3,
      fetchPages: 2,
    });
    expect(output.results[0]?.content).toContain('Main text of page 1');
    expect(output.results[0]?.content).not.toContain('tracking');
    expect(output.results[0]?.content).not.toContain('footer links');
    expect(output.results[2]?.content).toBeUndefined();
    expect(output.text).toContain('杭州西湖是中国著名的风景名胜区');
  });

  it('never fetches a result page the guard refuses', async () => {
    const guarded = new ServiceRegistry()
      .provide(SafeFetchService, createSafeFetch({ allow: ['127.0.0.1'] }))
      .provide(
        CredentialsService,
        staticCredentials([{ id: 't', kind: 'api-key', apiKey: 'good-key', baseUrl: servers.urlOf('tavily') }]),
      );
    const before = servers.requests.length;
    const pages = createSafeFetch();
    const { output } = await runNodeForTest(
      searchNode,
      { provider: 'tavily', credential: 't', query: 'x', fetchPages: 1 },
      {
        services: guarded.with(SafeFetchService, {
          fetch: (request) =>
            request.url.includes('/pages/')
              ? pages.fetch(request)
              : createSafeFetch({ allow: ['127.0.0.1'] }).fetch(request),
        }),
      },
    );
    expect(output.results[0]?.contentError).toContain('loopback');
    expect(servers.requests.slice(before).some((r) => r.url.pathname.startsWith('/pages/'))).toBe(false);
  });
});
