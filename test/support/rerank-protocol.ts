import { tokensOf } from './deterministic-vectors.js';
import type { Exchange, RouteTable } from './provider-server.js';
import { isScriptedError } from './scripted-replies.js';

/**
 * The Cohere/Jina-style rerank API (`POST /v1/rerank`, also `/v2/rerank` as Cohere v2 names it).
 * Scores are the share of the query's words found in the document, so ranking is real and stable.
 */
export function rerankRoutes(): RouteTable {
  return { 'POST /v1/rerank': rerank, 'POST /v2/rerank': rerank, 'POST /rerank': rerank };
}

function rerank(ex: Exchange) {
  const { apiKey } = ex.options;
  if (apiKey && ex.presentedKey() !== apiKey) return ex.sendJson(401, { message: 'invalid api token' });
  const scripted = ex.take('rerank');
  if (isScriptedError(scripted)) {
    const headers: Record<string, string> = scripted.error.retryAfter
      ? { 'retry-after': scripted.error.retryAfter }
      : {};
    return ex.sendJson(scripted.error.status, { message: scripted.error.message ?? 'rerank failed' }, headers);
  }
  const query = new Set(tokensOf(String(ex.body.query ?? '')));
  const documents = Array.isArray(ex.body.documents) ? ex.body.documents : [];
  const scored = documents.map((doc, index) => {
    const text = typeof doc === 'string' ? doc : String((doc as { text?: string }).text ?? '');
    const words = new Set(tokensOf(text));
    let hits = 0;
    for (const word of query) if (words.has(word)) hits += 1;
    const score = query.size === 0 ? 0 : hits / query.size;
    return { index, relevance_score: Math.round(score * 1e6) / 1e6, document: { text } };
  });
  scored.sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  const topN = typeof ex.body.top_n === 'number' ? ex.body.top_n : scored.length;
  ex.sendJson(200, {
    id: 'rerank-local',
    model: ex.body.model,
    results: scored.slice(0, topN),
    usage: { total_tokens: documents.length },
  });
}
