import { defineNode, type NodeContext, TailorError } from '@tailor/runtime';
import { z } from 'zod';
import { safeFetchFrom } from '../net/safe-fetch.js';
import { type Credential, CredentialsService } from '../services/credentials.js';
import { extractPage } from './page-extract.js';
import { SEARCH_PROVIDER_NAMES, SEARCH_PROVIDERS, type SearchResult } from './search-providers/index.js';

export const SearchConfigSchema = z.object({
  provider: z
    .enum(SEARCH_PROVIDER_NAMES)
    .default('searxng')
    .describe('The search API: searxng, bing, tavily, serpapi or brave.'),
  credential: z
    .string()
    .min(1)
    .optional()
    .describe('Stored credential with the API key (and, for SearXNG or a proxy, the base URL).'),
  baseUrl: z
    .string()
    .url()
    .optional()
    .describe("The provider's address when it is not the public API (self-hosted SearXNG)."),
  query: z.string().trim().min(1, 'the search query is empty').describe('What to search for, with {{ }} references.'),
  topK: z.number().int().min(1).max(50).default(5).describe('How many results to keep.'),
  language: z.string().optional().describe('Language of the results, e.g. zh-CN or en.'),
  region: z.string().optional().describe('Country or market, e.g. CN or US.'),
  timeRange: z
    .enum(['day', 'week', 'month', 'year'])
    .optional()
    .describe('Only results from the last day, week, month or year.'),
  safeSearch: z
    .enum(['off', 'moderate', 'strict'])
    .default('moderate')
    .describe('Adult-content filtering of the provider.'),
  fetchPages: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .describe('Also fetch the first N result pages and keep their main text (through the safe fetch).'),
  maxPageChars: z.number().int().min(200).max(50_000).default(4_000),
  timeoutMs: z.number().int().positive().max(120_000).default(20_000),
});
export type SearchConfig = z.output<typeof SearchConfigSchema>;

const ResultSchema = z.object({
  title: z.string(),
  url: z.string(),
  snippet: z.string(),
  date: z.string().optional(),
  content: z.string().optional(),
  contentError: z.string().optional(),
});

export const SearchOutputSchema = z.object({
  results: z.array(ResultSchema),
  text: z.string().describe('The results as numbered text, ready for a prompt.'),
  provider: z.string(),
});

async function credentialFor(ctx: NodeContext<SearchConfig>): Promise<Credential | undefined> {
  const { config } = ctx;
  if (!config.credential) return undefined;
  const credential = await ctx.services.get(CredentialsService).get(config.credential);
  if (!credential)
    throw new TailorError('CREDENTIAL_MISSING', `No stored credential has the id "${config.credential}".`);
  return credential;
}

function asText(results: ReadonlyArray<SearchResult & { content?: string }>): string {
  return results
    .map((r, i) => `[${i + 1}] ${r.title}\n${r.url}${r.date ? ` (${r.date})` : ''}\n${r.content ?? r.snippet}`)
    .join('\n\n');
}

async function runSearch(ctx: NodeContext<SearchConfig>) {
  const { config } = ctx;
  const provider = SEARCH_PROVIDERS[config.provider];
  const credential = await credentialFor(ctx);
  if (provider.needsKey && !credential?.apiKey) {
    throw new TailorError(
      'SEARCH_AUTH',
      `${provider.title} needs an API key: choose a stored credential that holds one.`,
    );
  }
  const baseUrl = config.baseUrl ?? credential?.baseUrl ?? provider.defaultBaseUrl;
  if (!baseUrl) {
    throw new TailorError(
      'SEARCH_BAD_REQUEST',
      `${provider.title} has no public address: set the base URL of your instance.`,
    );
  }
  const fetch = safeFetchFrom(ctx.services);
  const call = { fetch, credential, baseUrl, signal: ctx.signal, timeoutMs: config.timeoutMs };
  const found = await provider.search(config, call);
  ctx.log('info', `${provider.title}: ${found.length} results for "${config.query}"`);
  const pages = await Promise.all(
    found.map((result, index) =>
      index < config.fetchPages ? extractPage(fetch, result.url, config.maxPageChars, ctx.signal) : Promise.resolve({}),
    ),
  );
  const results = found.map((result, index) => ({ ...result, ...pages[index] }));
  return { output: { results, text: asText(results), provider: config.provider } };
}

export const searchNode = defineNode({
  type: 'search',
  version: 1,
  title: { en: 'Web search', zh: '联网搜索' },
  description: {
    en: 'Search the web through SearXNG, Bing, Tavily, SerpAPI or Brave; optionally read the top pages.',
    zh: '通过 SearXNG、Bing、Tavily、SerpAPI 或 Brave 联网搜索，可选抓取前几个网页的正文。',
  },
  category: 'tool',
  config: SearchConfigSchema,
  output: SearchOutputSchema,
  ports: ['out'],
  defaultTimeoutMs: 60_000,
  run: runSearch,
});
