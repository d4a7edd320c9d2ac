import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One local server that speaks the wire protocols of the web search providers, each under its own
 * prefix (`/searxng/`, `/bing/v7.0/`, `/tavily/`, `/serpapi/`, `/brave/res/v1/`), plus `/pages/<n>`
 * HTML articles the results link to. Keys: `good-key` works, `bad-key` is refused, `quota-key` has
 * used its quota. Queries: `boom` makes the provider fail (500), `garbled` returns a reply of the
 * wrong shape, `nothing` returns no results.
 */
export interface SearchServers {
  base: string;
  /** Base URL of one provider, to put in a credential or the node's baseUrl. */
  urlOf(provider: 'searxng' | 'bing' | 'tavily' | 'serpapi' | 'brave'): string;
  /** Every request seen, newest last. */
  requests: Array<{ method: string; url: URL; headers: IncomingMessage['headers']; body: unknown }>;
  /** SearXNG instance without the JSON format enabled (answers 403 like the real one). */
  jsonDisabled: { value: boolean };
  close(): Promise<void>;
}

interface Hit {
  title: string;
  url: string;
  snippet: string;
  date: string;
}

function hits(base: string, query: string, count: number): Hit[] {
  if (query === 'nothing') return [];
  return Array.from({ length: Math.min(count, 8) }, (_, i) => ({
    title: `<b>${query}</b> result ${i + 1}`,
    url: `${base}/pages/${i + 1}`,
    snippet: `About <em>${query}</em> &amp; more, number ${i + 1}.`,
    date: `2026-06-${String(10 + i).padStart(2, '0')}`,
  }));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

type Failure = 'auth' | 'quota' | 'boom' | undefined;

function failureOf(key: string | undefined, query: string, needsKey: boolean): Failure {
  if (query === 'boom') return 'boom';
  if (key === 'quota-key') return 'quota';
  if (needsKey && key !== 'good-key') return 'auth';
  return undefined;
}

const ERRORS: Record<'bing' | 'tavily' | 'serpapi' | 'brave', (f: Failure) => [number, unknown]> = {
  bing: (f: Failure) => [
    f === 'auth' ? 401 : f === 'quota' ? 429 : 500,
    { error: { code: f, message: `Bing says ${f}` } },
  ],
  tavily: (f: Failure) => [f === 'auth' ? 401 : f === 'quota' ? 432 : 500, { detail: { error: `Tavily says ${f}` } }],
  serpapi: (f: Failure) => [f === 'auth' ? 401 : f === 'quota' ? 429 : 500, { error: `SerpAPI says ${f}` }],
  brave: (f: Failure) => [
    f === 'auth' ? 401 : f === 'quota' ? 429 : 500,
    { type: 'ErrorResponse', error: { code: f, detail: `Brave says ${f}` } },
  ],
};

function article(n: string): string {
  const filler = '杭州西湖是中国著名的风景名胜区，门票免费，建议游览一天。'.repeat(8);
  return `<!doctype html><html><head><title>Page ${n}</title><meta charset="utf-8"></head><body>
<nav>Home | About | Login</nav><article><h1>Guide ${n}</h1><p>${filler}</p><p>Main text of page ${n}.</p></article>
<footer>© footer links</footer><script>var tracking = 1;</script></body></html>`;
}

function route(
  servers: SearchServers,
  url: URL,
  req: IncomingMessage,
  body: Record<string, unknown>,
  res: ServerResponse,
): void {
  const path = url.pathname;
  const q = url.searchParams;
  if (path.startsWith('/pages/')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(article(path.slice('/pages/'.length)));
    return;
  }
  const reply = (
    provider: keyof typeof ERRORS,
    key: string | undefined,
    query: string,
    ok: (h: Hit[]) => unknown,
    count: number,
  ) => {
    const failure = failureOf(key, query, true);
    if (failure) {
      const [status, error] = ERRORS[provider](failure);
      send(res, status, error);
      return;
    }
    if (query === 'garbled') {
      send(res, 200, '<html>oops</html>');
      return;
    }
    send(res, 200, ok(hits(servers.base, query, count)));
    return;
  };
  if (path === '/searxng/search') {
    const query = q.get('q') ?? '';
    if (servers.jsonDisabled.value || q.get('format') !== 'json') {
      send(res, 403, '<html>Forbidden</html>');
      return;
    }
    if (query === 'boom') {
      send(res, 502, '<html>Bad gateway</html>');
      return;
    }
    if (query === 'garbled') {
      send(res, 200, { answers: [] });
      return;
    }
    const results = hits(servers.base, query, 10).map((h) => ({
      title: h.title,
      url: h.url,
      content: h.snippet,
      publishedDate: h.date,
      engine: 'bing',
    }));
    send(res, 200, { query, number_of_results: results.length, results });
    return;
  }
  if (path === '/bing/v7.0/search') {
    const count = Number(q.get('count') ?? 10);
    reply(
      'bing',
      req.headers['ocp-apim-subscription-key'] as string | undefined,
      q.get('q') ?? '',
      (h) => ({
        _type: 'SearchResponse',
        webPages: { value: h.map((x) => ({ name: x.title, url: x.url, snippet: x.snippet, datePublished: x.date })) },
      }),
      count,
    );
    return;
  }
  if (path === '/tavily/search' && req.method === 'POST') {
    const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    reply(
      'tavily',
      key,
      String(body.query ?? ''),
      (h) => ({
        query: body.query,
        results: h.map((x) => ({ title: x.title, url: x.url, content: x.snippet, score: 0.9, published_date: x.date })),
      }),
      Number(body.max_results ?? 5),
    );
    return;
  }
  if (path === '/serpapi/search.json') {
    reply(
      'serpapi',
      q.get('api_key') ?? undefined,
      q.get('q') ?? '',
      (h) =>
        h.length === 0
          ? { search_metadata: { status: 'Success' }, error: "Google hasn't returned any results for this query." }
          : {
              search_metadata: { status: 'Success' },
              organic_results: h.map((x, i) => ({
                position: i + 1,
                title: x.title,
                link: x.url,
                snippet: x.snippet,
                date: x.date,
              })),
            },
      Number(q.get('num') ?? 10),
    );
    return;
  }
  if (path === '/brave/res/v1/web/search') {
    reply(
      'brave',
      req.headers['x-subscription-token'] as string | undefined,
      q.get('q') ?? '',
      (h) => ({
        type: 'search',
        web: {
          type: 'search',
          results: h.map((x) => ({ title: x.title, url: x.url, description: x.snippet, page_age: x.date })),
        },
      }),
      Number(q.get('count') ?? 20),
    );
    return;
  }
  send(res, 404, { error: 'not found' });
}

export async function startSearchServers(): Promise<SearchServers> {
  const servers: SearchServers = {
    base: '',
    urlOf: (provider) =>
      `${servers.base}/${provider === 'bing' ? 'bing/v7.0' : provider === 'brave' ? 'brave/res/v1' : provider}/`,
    requests: [],
    jsonDisabled: { value: false },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const url = new URL(req.url ?? '/', servers.base);
    servers.requests.push({ method: req.method ?? 'GET', url, headers: req.headers, body });
    route(servers, url, req, body, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return servers;
}
