import { z } from 'zod';
import { callProvider, endpoint, plainText } from './call-provider.js';
import type { SearchProvider } from './provider.js';

const ReplySchema = z.object({
  results: z.array(
    z.object({
      title: z.string().nullish(),
      url: z.string(),
      content: z.string().nullish(),
      published_date: z.string().nullish(),
    }),
  ),
});

function tavilyError(body: unknown): string | undefined {
  const parsed = z
    .object({ detail: z.union([z.object({ error: z.string() }), z.string()]).optional(), error: z.string().optional() })
    .safeParse(body);
  if (!parsed.success) return undefined;
  const { detail, error } = parsed.data;
  return typeof detail === 'string' ? detail : (detail?.error ?? error);
}

/** Tavily search API for LLM agents: POST /search with a bearer key. */
export const tavily: SearchProvider = {
  name: 'tavily',
  title: 'Tavily',
  defaultBaseUrl: 'https://api.tavily.com/',
  needsKey: true,
  async search(query, call) {
    const body: Record<string, unknown> = {
      query: query.query,
      max_results: Math.min(query.topK, 20),
      search_depth: 'basic',
      topic: 'general',
      include_answer: false,
    };
    if (query.timeRange) body.time_range = query.timeRange;
    if (query.region) body.country = query.region.toLowerCase();
    const reply = await callProvider(
      {
        provider: 'Tavily',
        url: endpoint(call.baseUrl, 'search'),
        method: 'POST',
        headers: { authorization: `Bearer ${call.credential?.apiKey ?? ''}` },
        body,
        errorMessage: tavilyError,
      },
      ReplySchema,
      call,
    );
    return reply.results.slice(0, query.topK).map((r) => ({
      title: plainText(r.title),
      url: r.url,
      snippet: plainText(r.content),
      ...(r.published_date ? { date: r.published_date } : {}),
    }));
  },
};
