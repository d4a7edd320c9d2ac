import type { RunStatus } from '@tailor/runtime/contract';
import { type MessageKey, useT } from '../../i18n/i18n.js';

/** The words of each run status, for pills, filters and pickers. */
export const RUN_STATUS_LABEL: Record<RunStatus, MessageKey> = {
  running: 'status.running',
  succeeded: 'run.succeeded',
  failed: 'run.failed',
  cancelled: 'run.cancelled',
  interrupted: 'run.interrupted',
};

/** A run's or node's status as a coloured pill (node statuses share the run's colours). */
export function StatusPill({ status, title }: { status: RunStatus | 'skipped' | 'pending'; title?: string }) {
  const t = useT();
  const label = status === 'skipped' || status === 'pending' ? t(`status.${status}`) : t(RUN_STATUS_LABEL[status]);
  return (
    <span className={`run-pill run-pill-${status}`} title={title ?? label}>
      <span className="run-pill-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

export function formatTime(at: number, language: string): string {
  return new Date(at).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function formatTokens(usage: { input: number; output: number } | undefined): string {
  if (!usage) return '—';
  const total = usage.input + usage.output;
  return total >= 10_000 ? `${(total / 1000).toFixed(1)}k` : String(total);
}
