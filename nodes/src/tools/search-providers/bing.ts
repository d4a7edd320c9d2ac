import { z } from 'zod';
import { callProvider, endpoint, plainText } from './call-provider.js';
import type { SearchProvider } from './provider.js';

const ReplySchema = z.object({
  webPages: z
    .object({
      value: z.array(
        z.object({
          name: z.string(),
          url: z.string(),
          snippet: z.string().nullish(),
          datePublished: z.string().nullish(),
          dateLastCrawled: z.string().nullish(),
        }),
      ),
    })
    .optional(),
});

const FRESHNESS = { day: 'Day', week: 'Week', month: 'Month', year: undefined } as const;
const SAFE = { off: 'Off', moderate: 'Moderate', strict: 'Strict' } as const;

function bingError(body: unknown): string | undefined {
  const parsed = z
    .object({
      error: z.object({ message: z.string() }).optional(),
      errors: z.array(z.object({ message: z.string() })).optional(),
    })
    .safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.error?.message ?? parsed.data.errors?.[0]?.message;
}

/** Bing Web Search API v7 (Azure): key in Ocp-Apim-Subscription-Key. */
export const bing: SearchProvider = {
  name: 'bing',
  title: 'Bing Web Search',
  defaultBaseUrl: 'https://api.bing.microsoft.com/v7.0/',
  needsKey: true,
  async search(query, call) {
    const url = endpoint(call.baseUrl, 'search');
    url.searchParams.set('q', query.query);
    url.searchParams.set('count', String(Math.min(query.topK, 50)));
    url.searchParams.set('safeSearch', SAFE[query.safeSearch]);
    url.searchParams.set('responseFilter', 'Webpages');
    if (query.language && query.region) url.searchParams.set('mkt', `${query.language.slice(0, 2)}-${query.region}`);
    if (query.language) url.searchParams.set('setLang', query.language);
    const freshness = query.timeRange ? FRESHNESS[query.timeRange] : undefined;
    if (freshness) url.searchParams.set('freshness', freshness);
    const headers = { 'ocp-apim-subscription-key': call.credential?.apiKey ?? '' };
    const reply = await callProvider({ provider: 'Bing', url, headers, errorMessage: bingError }, ReplySchema, call);
    return (reply.webPages?.value ?? []).slice(0, query.topK).map((r) => ({
      title: plainText(r.name),
      url: r.url,
      snippet: plainText(r.snippet),
      ...(r.datePublished ? { date: r.datePublished } : {}),
    }));
  },
};
