import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/flows/faq-bot`): the server serves one index.html and needs no fallback rule,
 * and a link to a flow survives reloads.
 */
export type Route =
  | { page: 'flows' }
  | { page: 'editor'; flowId: string }
  | { page: 'knowledge' }
  | { page: 'credentials' }
  | { page: 'keys' }
  | { page: 'runs'; runId?: string }
  | { page: 'settings' }
  | { page: 'evaluation'; view?: EvaluationView };

/** The evaluation pages: `#/evaluation[/flows/<id>]`, `/datasets[/<id>]`, `/reports/<id>`, `/compare/<base>/<candidate>`. */
export type EvaluationView =
  | { kind: 'flow'; flowId: string }
  | { kind: 'datasets'; datasetId?: string }
  | { kind: 'report'; evaluationId: string }
  | { kind: 'compare'; base: string; candidate: string };

function parseEvaluationView(parts: readonly string[]): EvaluationView | undefined {
  const [kind, first, second] = parts;
  if (kind === 'flows' && first) return { kind: 'flow', flowId: first };
  if (kind === 'datasets') return first ? { kind: 'datasets', datasetId: first } : { kind: 'datasets' };
  if (kind === 'reports' && first) return { kind: 'report', evaluationId: first };
  if (kind === 'compare' && first && second) return { kind: 'compare', base: first, candidate: second };
  return undefined;
}

function evaluationHref(view: EvaluationView | undefined): string {
  const enc = encodeURIComponent;
  if (!view) return '#/evaluation';
  if (view.kind === 'flow') return `#/evaluation/flows/${enc(view.flowId)}`;
  if (view.kind === 'report') return `#/evaluation/reports/${enc(view.evaluationId)}`;
  if (view.kind === 'compare') return `#/evaluation/compare/${enc(view.base)}/${enc(view.candidate)}`;
  return view.datasetId ? `#/evaluation/datasets/${enc(view.datasetId)}` : '#/evaluation/datasets';
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (first === 'flows' && second) return { page: 'editor', flowId: second };
  if (first === 'knowledge' || first === 'credentials' || first === 'keys' || first === 'settings')
    return { page: first };
  if (first === 'runs') return second ? { page: 'runs', runId: second } : { page: 'runs' };
  if (first === 'evaluation') {
    const view = parseEvaluationView(parts.slice(1));
    return view ? { page: 'evaluation', view } : { page: 'evaluation' };
  }
  return { page: 'flows' };
}

export function href(route: Route): string {
  if (route.page === 'editor') return `#/flows/${encodeURIComponent(route.flowId)}`;
  if (route.page === 'runs' && route.runId) return `#/runs/${encodeURIComponent(route.runId)}`;
  if (route.page === 'evaluation') return evaluationHref(route.view);
  return `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
