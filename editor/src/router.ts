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
  | { page: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (first === 'flows' && second) return { page: 'editor', flowId: second };
  if (first === 'knowledge' || first === 'credentials' || first === 'keys' || first === 'settings')
    return { page: first };
  if (first === 'runs') return second ? { page: 'runs', runId: second } : { page: 'runs' };
  return { page: 'flows' };
}

export function href(route: Route): string {
  if (route.page === 'editor') return `#/flows/${encodeURIComponent(route.flowId)}`;
  if (route.page === 'runs' && route.runId) return `#/runs/${encodeURIComponent(route.runId)}`;
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
