import { TailorError } from '@tailor/runtime';
import { z } from 'zod';
import { callProvider, endpoint, plainText } from './call-provider.js';
import type { SearchProvider } from './provider.js';

const ReplySchema = z.object({
  error: z.string().optional(),
  organic_results: z
    .array(
      z.object({
        title: z.string().nullish(),
        link: z.string(),
        snippet: z.string().nullish(),
        date: z.string().nullish(),
      }),
    )
    .optional(),
});

const TIME = { day: 'qdr:d', week: 'qdr:w', month: 'qdr:m', year: 'qdr:y' } as const;

function serpError(body: unknown): string | undefined {
  const parsed = z.object({ error: z.string() }).safeParse(body);
  return parsed.success ? parsed.data.error : undefined;
}

/** SerpAPI's Google engine: key in the api_key query parameter. */
export const serpapi: SearchProvider = {
  name: 'serpapi',
  title: 'SerpAPI (Google)',
  defaultBaseUrl: 'https://serpapi.com/',
  needsKey: true,
  async search(query, call) {
    const url = endpoint(call.baseUrl, 'search.json');
    url.searchParams.set('engine', 'google');
    url.searchParams.set('q', query.query);
    url.searchParams.set('num', String(Math.min(query.topK, 100)));
    url.searchParams.set('safe', query.safeSearch === 'off' ? 'off' : 'active');
    if (query.language) url.searchParams.set('hl', query.language.toLowerCase());
    if (query.region) url.searchParams.set('gl', query.region.toLowerCase());
    if (query.timeRange) url.searchParams.set('tbs', TIME[query.timeRange]);
    url.searchParams.set('api_key', call.credential?.apiKey ?? '');
    const reply = await callProvider({ provider: 'SerpAPI', url, errorMessage: serpError }, ReplySchema, call);
    // "Google hasn't returned any results" arrives as 200 with an error field: no results, not a failure.
    if (reply.error && !/hasn't returned any results/i.test(reply.error)) {
      throw new TailorError('SEARCH_BAD_REQUEST', `SerpAPI: ${reply.error}`);
    }
    return (reply.organic_results ?? []).slice(0, query.topK).map((r) => ({
      title: plainText(r.title),
      url: r.link,
      snippet: plainText(r.snippet),
      ...(r.date ? { date: r.date } : {}),
    }));
  },
};
