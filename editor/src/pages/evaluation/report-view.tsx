import { useCallback, useEffect, useState } from 'react';
import { type EvaluationDetail, evaluationsApi, type ReportItem } from '../../api/evaluations.js';
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Icon } from '../../ui/icon.js';
import { AggregateCards } from './aggregate-cards.js';
import { itemLabel } from './compare-filter.js';
import { formatScore, inputsText, isActive, textOf } from './evaluation-format.js';
import { EvaluationStatusPill, EvaluationVersionLabel, ProgressBar } from './evaluation-status.js';
import { ScoreReasons } from './score-reasons.js';
import { usePolling } from './use-polling.js';

type ItemFilter = 'all' | 'passed' | 'failed';

function ItemRow({ item, index }: { item: ReportItem; index: number }) {
  const t = useT();
  return (
    <tr className={item.pass ? 'eval-item' : 'eval-item is-failed'} data-testid="report-item" data-pass={item.pass}>
      <td className="mono">
        {itemLabel(item, index)}
        <div>
          <span className={item.pass ? 'pill eval-pass' : 'pill eval-fail'}>
            {item.pass ? t('evaluation.itemPass') : t('evaluation.itemFail')}
          </span>
        </div>
      </td>
      <td className="eval-cell">{inputsText(item.inputs)}</td>
      <td className="eval-cell">
        {textOf(item.expected) || '—'}
        {item.facts && item.facts.length > 0 && (
          <div className="muted small">{t('evaluation.factsList', { facts: item.facts.join(' · ') })}</div>
        )}
      </td>
      <td className="eval-cell" data-testid="report-output">
        {item.error ? <span className="eval-error">{item.error}</span> : textOf(item.output)}
      </td>
      <td>
        <strong className="mono">{formatScore(item.score)}</strong>
        <ScoreReasons scores={item.scores} />
      </td>
      <td className="right mono small nowrap">
        {item.durationMs !== undefined ? `${Math.round(item.durationMs)} ms` : '—'}
        {item.usage && <div className="muted">{`${item.usage.input}+${item.usage.output}`}</div>}
        {item.usage?.cost !== undefined && <div className="muted">{`$${item.usage.cost.toFixed(4)}`}</div>}
      </td>
      <td>
        {item.runId && (
          <a href={href({ page: 'runs', runId: item.runId })} data-testid="report-run-link">
            {t('evaluation.openRun')}
          </a>
        )}
      </td>
    </tr>
  );
}

/** One evaluation: live progress while it runs, then the aggregate and every item with the scorers' reasons. */
export function ReportView({ evaluationId }: { evaluationId: string }) {
  const t = useT();
  const [evaluation, setEvaluation] = useState<EvaluationDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<ItemFilter>('all');
  const load = useCallback(
    () =>
      evaluationsApi
        .get(evaluationId)
        .then((found) => {
          setEvaluation(found);
          setError(null);
        })
        .catch(setError),
    [evaluationId],
  );
  useEffect(() => void load(), [load]);
  usePolling(load, 1000, evaluation !== null && isActive(evaluation.status));

  const cancel = async () => {
    try {
      await evaluationsApi.cancel(evaluationId);
      await load();
    } catch (caught) {
      setError(caught);
    }
  };

  const items = evaluation?.report?.items ?? [];
  const shown = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => filter === 'all' || (filter === 'passed') === item.pass);
  return (
    <section data-testid="evaluation-report" data-status={evaluation?.status}>
      <div className="row eval-subhead">
        <a
          className="link-button"
          href={href(
            evaluation
              ? { page: 'evaluation', view: { kind: 'flow', flowId: evaluation.flowId } }
              : { page: 'evaluation' },
          )}
        >
          <Icon name="back" size={14} /> {t('evaluation.allEvaluations')}
        </a>
      </div>
      <ErrorNote error={error} />
      {evaluation && (
        <>
          <header className="eval-report-head">
            <div>
              <h2>
                <span className="mono">{evaluation.flowId}</span> · <EvaluationVersionLabel evaluation={evaluation} />
              </h2>
              <p className="muted">
                {t('evaluation.onDataset', { dataset: evaluation.datasetName ?? evaluation.datasetId })}
                {evaluation.scorers && ` · ${evaluation.scorers.join(', ')}`}
              </p>
            </div>
            <EvaluationStatusPill evaluation={evaluation} />
            {isActive(evaluation.status) && (
              <button type="button" className="button" onClick={() => void cancel()} data-testid="evaluation-cancel">
                <Icon name="stop" size={14} /> {t('common.cancel')}
              </button>
            )}
          </header>
          {isActive(evaluation.status) && <ProgressBar progress={evaluation.progress} />}
          {evaluation.error && <p className="error-note">{evaluation.error}</p>}
          {evaluation.report && (
            <>
              <AggregateCards summary={evaluation.report.summary} threshold={evaluation.threshold} />
              <div className="row eval-subhead">
                <h3 className="grow">{t('evaluation.itemsTitle')}</h3>
                <fieldset className="segmented" aria-label={t('evaluation.showItems')}>
                  {(['all', 'failed', 'passed'] as const).map((name) => (
                    <button
                      key={name}
                      type="button"
                      className={filter === name ? 'is-active' : ''}
                      aria-pressed={filter === name}
                      onClick={() => setFilter(name)}
                      data-testid={`report-filter-${name}`}
                    >
                      {t(`evaluation.filter.${name}`)}
                    </button>
                  ))}
                </fieldset>
              </div>
              <table className="table eval-table" data-testid="report-items">
                <thead>
                  <tr>
                    <th>{t('evaluation.item')}</th>
                    <th>{t('evaluation.inputs')}</th>
                    <th>{t('evaluation.expected')}</th>
                    <th>{t('evaluation.output')}</th>
                    <th>{t('evaluation.score')}</th>
                    <th className="right">{t('evaluation.latency')}</th>
                    <th>
                      <span className="eval-sr">{t('evaluation.run')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map(({ item, index }) => (
                    <ItemRow key={item.index ?? index} item={item} index={index} />
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  );
}
