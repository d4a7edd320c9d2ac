import { z } from 'zod';
import { callProvider, endpoint, plainText } from './call-provider.js';
import type { SearchProvider } from './provider.js';

const ReplySchema = z.object({
  results: z.array(
    z.object({
      title: z.string().nullish(),
      url: z.string(),
      content: z.string().nullish(),
      publishedDate: z.string().nullish(),
    }),
  ),
});

const SAFE = { off: '0', moderate: '1', strict: '2' } as const;

/** SearXNG, the self-hosted metasearch engine (its JSON API must be enabled in settings.yml). */
export const searxng: SearchProvider = {
  name: 'searxng',
  title: 'SearXNG',
  needsKey: false,
  async search(query, call) {
    const url = endpoint(call.baseUrl, 'search');
    url.searchParams.set('q', query.query);
    url.searchParams.set('format', 'json');
    url.searchParams.set('safesearch', SAFE[query.safeSearch]);
    if (query.language) url.searchParams.set('language', query.language);
    if (query.timeRange) url.searchParams.set('time_range', query.timeRange);
    const headers: Record<string, string> = call.credential?.apiKey
      ? { authorization: `Bearer ${call.credential.apiKey}` }
      : {};
    const reply = await callProvider(
      {
        provider: 'SearXNG',
        url,
        headers,
        errorMessage: () => undefined,
        hints: { 403: 'Enable the JSON output: add "json" to search.formats in SearXNG\'s settings.yml.' },
      },
      ReplySchema,
      call,
    );
    return reply.results.slice(0, query.topK).map((r) => ({
      title: plainText(r.title),
      url: r.url,
      snippet: plainText(r.content),
      ...(r.publishedDate ? { date: r.publishedDate } : {}),
    }));
  },
};
