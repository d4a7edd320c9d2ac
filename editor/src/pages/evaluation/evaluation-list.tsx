import { useState } from 'react';
import type { EvaluationSummary } from '../../api/evaluations.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { href, navigate } from '../../router.js';
import { Icon } from '../../ui/icon.js';
import { compareOrder } from './compare-filter.js';
import { formatPercent } from './evaluation-format.js';
import { EvaluationStatusPill, EvaluationVersionLabel, ProgressBar } from './evaluation-status.js';

/** One flow's evaluations, newest first, with live progress; pick two to compare them. */
export function EvaluationList({ evaluations }: { evaluations: readonly EvaluationSummary[] }) {
  const t = useT();
  const language = useLanguage();
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string, on: boolean) =>
    setPicked((current) => (on ? [...current.filter((p) => p !== id), id].slice(-2) : current.filter((p) => p !== id)));
  const datasets = new Set(evaluations.filter((e) => picked.includes(e.id)).map((e) => e.datasetId));
  // The server compares items by their place in one dataset; two datasets have nothing to pair.
  const pair = datasets.size === 1 ? compareOrder(picked, evaluations) : undefined;

  if (evaluations.length === 0) return <p className="muted">{t('evaluation.noEvaluations')}</p>;
  return (
    <section className="eval-list">
      <div className="row eval-subhead">
        <h2 className="grow">{t('evaluation.history')}</h2>
        <span className="muted small">{datasets.size > 1 ? t('evaluation.sameDataset') : t('evaluation.pickTwo')}</span>
        <button
          type="button"
          className="button"
          disabled={!pair}
          onClick={() => pair && navigate({ page: 'evaluation', view: { kind: 'compare', ...pair } })}
          data-testid="evaluation-compare"
        >
          {t('evaluation.compare')}
        </button>
      </div>
      <table className="table eval-table" data-testid="evaluation-list">
        <thead>
          <tr>
            <th>
              <span className="eval-sr">{t('evaluation.pick')}</span>
            </th>
            <th>{t('evaluation.started')}</th>
            <th>{t('evaluation.version')}</th>
            <th>{t('evaluation.dataset')}</th>
            <th>{t('evaluation.status')}</th>
            <th className="right">{t('evaluation.passRate')}</th>
          </tr>
        </thead>
        <tbody>
          {evaluations.map((evaluation) => (
            <tr key={evaluation.id} data-testid={`evaluation-row-${evaluation.id}`} data-status={evaluation.status}>
              <td>
                <input
                  type="checkbox"
                  checked={picked.includes(evaluation.id)}
                  onChange={(e) => toggle(evaluation.id, e.target.checked)}
                  aria-label={t('evaluation.pickOne', { id: evaluation.id })}
                  data-testid={`evaluation-pick-${evaluation.id}`}
                />
              </td>
              <td className="nowrap">
                <a href={href({ page: 'evaluation', view: { kind: 'report', evaluationId: evaluation.id } })}>
                  {new Date(evaluation.createdAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en', {
                    dateStyle: 'short',
                    timeStyle: 'medium',
                  })}
                </a>
              </td>
              <td>
                <EvaluationVersionLabel evaluation={evaluation} />
              </td>
              <td>{evaluation.datasetName ?? evaluation.datasetId}</td>
              <td>
                <EvaluationStatusPill evaluation={evaluation} />
                {evaluation.status === 'running' && <ProgressBar progress={evaluation.progress} compact />}
              </td>
              <td className="right mono">
                {formatPercent(evaluation.score)}{' '}
                {evaluation.passed !== undefined && <Icon name={evaluation.passed ? 'check' : 'x'} size={13} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
