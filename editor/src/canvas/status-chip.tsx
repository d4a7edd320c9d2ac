import { useT } from '../i18n/i18n.js';
import type { NodeRunView } from '../state/run-state.js';

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Running, done with its duration, skipped or failed: the one status line of a node. */
export function StatusChip({ view }: { view: NodeRunView }) {
  const t = useT();
  const label = t(`status.${view.status}`);
  const tokens = view.usage ? view.usage.input + view.usage.output : 0;
  return (
    <span className={`chip chip-${view.status}`} title={view.error?.message ?? view.skipReason ?? label}>
      <span className="chip-dot" aria-hidden="true" />
      {label}
      {view.durationMs !== undefined && view.status !== 'running' && <span>· {formatDuration(view.durationMs)}</span>}
      {tokens > 0 && <span>· {t('status.tokens', { count: tokens })}</span>}
    </span>
  );
}

export { formatDuration };
