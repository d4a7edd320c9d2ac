import { z } from 'zod';
import { callProvider, endpoint, plainText } from './call-provider.js';
import type { SearchProvider } from './provider.js';

const ReplySchema = z.object({
  web: z
    .object({
      results: z.array(
        z.object({
          title: z.string().nullish(),
          url: z.string(),
          description: z.string().nullish(),
          page_age: z.string().nullish(),
          age: z.string().nullish(),
        }),
      ),
    })
    .optional(),
});

const FRESHNESS = { day: 'pd', week: 'pw', month: 'pm', year: 'py' } as const;

function braveError(body: unknown): string | undefined {
  const parsed = z
    .object({ error: z.object({ detail: z.string().optional(), code: z.string().optional() }) })
    .safeParse(body);
  return parsed.success ? (parsed.data.error.detail ?? parsed.data.error.code) : undefined;
}

/** Brave Search API: key in X-Subscription-Token. */
export const brave: SearchProvider = {
  name: 'brave',
  title: 'Brave Search',
  defaultBaseUrl: 'https://api.search.brave.com/res/v1/',
  needsKey: true,
  async search(query, call) {
    const url = endpoint(call.baseUrl, 'web/search');
    url.searchParams.set('q', query.query);
    url.searchParams.set('count', String(Math.min(query.topK, 20)));
    url.searchParams.set('safesearch', query.safeSearch);
    if (query.language) url.searchParams.set('search_lang', query.language.slice(0, 2).toLowerCase());
    if (query.region) url.searchParams.set('country', query.region.toUpperCase());
    if (query.timeRange) url.searchParams.set('freshness', FRESHNESS[query.timeRange]);
    const headers = { 'x-subscription-token': call.credential?.apiKey ?? '' };
    const reply = await callProvider({ provider: 'Brave', url, headers, errorMessage: braveError }, ReplySchema, call);
    return (reply.web?.results ?? []).slice(0, query.topK).map((r) => ({
      title: plainText(r.title),
      url: r.url,
      snippet: plainText(r.description),
      ...((r.page_age ?? r.age) ? { date: r.page_age ?? r.age ?? '' } : {}),
    }));
  },
};
