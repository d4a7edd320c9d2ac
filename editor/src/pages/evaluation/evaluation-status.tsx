import type { EvaluationSummary } from '../../api/evaluations.js';
import { type MessageKey, useT } from '../../i18n/i18n.js';
import { formatPercent, versionLabel } from './evaluation-format.js';

const STATUS_KEYS: Record<string, MessageKey> = {
  running: 'evaluation.status.running',
  succeeded: 'evaluation.status.succeeded',
  failed: 'evaluation.status.failed',
  cancelled: 'evaluation.status.cancelled',
};

/** Running, finished (passed or below the threshold), failed or cancelled. */
export function EvaluationStatusPill({ evaluation }: { evaluation: EvaluationSummary }) {
  const t = useT();
  if (evaluation.status === 'succeeded' && evaluation.passed !== undefined)
    return (
      <span className={evaluation.passed ? 'pill eval-pass' : 'pill eval-fail'} data-testid="evaluation-verdict">
        {evaluation.passed ? t('evaluation.verdictPass') : t('evaluation.verdictFail')}
      </span>
    );
  const key = STATUS_KEYS[evaluation.status];
  return (
    <span className={`pill eval-status-${evaluation.status}`} title={evaluation.error}>
      {key ? t(key) : evaluation.status}
    </span>
  );
}

/** "v2", "Draft", or "Published (v2)" when the published version was asked for. */
export function EvaluationVersionLabel({ evaluation }: { evaluation: EvaluationSummary }) {
  const t = useT();
  const label = versionLabel(evaluation.version, {
    draft: t('evaluation.draft'),
    published: t('evaluation.published'),
  });
  const ran =
    evaluation.version === 'published' && evaluation.flowVersion !== undefined ? ` (v${evaluation.flowVersion})` : '';
  return (
    <span title={evaluation.draftChanged ? t('evaluation.draftChanged') : undefined}>
      {label}
      {ran}
      {evaluation.draftChanged ? ' *' : ''}
    </span>
  );
}

export function ProgressBar({ progress, compact }: { progress: { done: number; total: number }; compact?: boolean }) {
  const t = useT();
  const share = progress.total ? progress.done / progress.total : 0;
  return (
    <div
      className={compact ? 'progress eval-progress-compact' : 'progress'}
      role="progressbar"
      aria-valuenow={progress.done}
      aria-valuemin={0}
      aria-valuemax={progress.total}
      aria-label={t('evaluation.progress', { done: progress.done, total: progress.total })}
      data-testid="evaluation-progress"
    >
      <span style={{ width: formatPercent(share) === '—' ? '0%' : `${share * 100}%` }} />
      {!compact && <em>{t('evaluation.progress', { done: progress.done, total: progress.total })}</em>}
    </div>
  );
}
