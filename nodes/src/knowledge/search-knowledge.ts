import { TailorError } from '@tailor/runtime';
import { type ModelProviders, ModelProvidersService } from '../providers/interfaces.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Candidate } from './knowledge-index.js';
import type { SearchHit, SearchRequest, SearchResult } from './model.js';

type Ranked = SearchHit & { candidate: Candidate };

/**
 * The whole search over one or more knowledge bases: candidates from each, merged by score (0–1
 * in every mode), optionally reranked, then the threshold, then top-k. With `debug`, the
 * candidates that were cut come back too, each with its reason.
 */
export async function searchKnowledge(
  bases: readonly KnowledgeBase[],
  request: SearchRequest,
  options: {
    providers?: ModelProviders;
    signal?: AbortSignal;
    modes?: ReadonlyMap<string, SearchRequest['mode']>;
  } = {},
): Promise<SearchResult> {
  const rerankCandidates = request.rerank ? (request.rerank.candidates ?? Math.max(20, request.topK * 4)) : 0;
  const depth = Math.max(40, request.topK * 4, rerankCandidates);
  const timings = { embedMs: 0, searchMs: 0, rerankMs: 0 };
  const ranked: Ranked[] = [];
  for (const base of bases) {
    const result = await base.retrieve({
      query: request.query,
      mode: options.modes?.get(base.name) ?? request.mode,
      depth,
      filters: request.filters,
      weights: request.weights,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    timings.embedMs += result.embedMs;
    timings.searchMs += result.searchMs;
    for (const candidate of result.candidates) ranked.push(toHit(base.name, candidate));
  }
  if (bases.length > 1) ranked.sort((a, b) => b.score - a.score);
  let pool = ranked;
  const cut: NonNullable<SearchResult['cut']> = [];
  if (request.rerank && ranked.length > 0) {
    const started = performance.now();
    pool = await rerank(ranked.slice(0, rerankCandidates), request, options);
    for (const hit of ranked.slice(rerankCandidates)) cut.push({ ...strip(hit), reason: 'topK' });
    timings.rerankMs = performance.now() - started;
  }
  const hits: SearchHit[] = [];
  for (const hit of pool) {
    if (request.threshold !== undefined && hit.score < request.threshold)
      cut.push({ ...strip(hit), reason: 'threshold' });
    else if (hits.length < request.topK) hits.push(strip(hit));
    else cut.push({ ...strip(hit), reason: 'topK' });
  }
  const mode = options.modes?.values().next().value ?? request.mode;
  return request.debug ? { hits, mode, cut, timings } : { hits, mode, timings };
}

async function rerank(
  candidates: Ranked[],
  request: SearchRequest,
  options: { providers?: ModelProviders; signal?: AbortSignal },
): Promise<Ranked[]> {
  const settings = request.rerank;
  if (!settings) return candidates;
  if (!options.providers)
    throw new TailorError('SERVICE_MISSING', `Rerank needs the ${ModelProvidersService.description}.`);
  const provider = await options.providers.rerank(
    settings.credential
      ? { provider: settings.provider, credential: settings.credential }
      : { provider: settings.provider },
  );
  const scores = await provider.rerank({
    model: settings.model,
    query: request.query,
    documents: candidates.map((c) => c.text),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const reranked: Ranked[] = [];
  for (const { index, score } of scores) {
    const candidate = candidates[index];
    if (candidate) reranked.push({ ...candidate, score, scores: { ...candidate.scores, rerank: score } });
  }
  return reranked.sort((a, b) => b.score - a.score);
}

function toHit(knowledgeBase: string, candidate: Candidate): Ranked {
  const chunk = candidate.chunk;
  return {
    text: chunk.text,
    score: candidate.score,
    document: chunk.document,
    knowledgeBase,
    headingPath: chunk.headingPath,
    position: chunk.position,
    metadata: chunk.metadata,
    scores: { keyword: candidate.keyword, vector: candidate.vector, fused: candidate.fused, rerank: null },
    candidate,
  };
}

function strip(hit: Ranked): SearchHit {
  const { candidate: _candidate, ...rest } = hit;
  return rest;
}
