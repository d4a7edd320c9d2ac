import { useEffect, useId, useState } from 'react';
import type { Aggregate, ComparedSide, Comparison } from '../../api/evaluations.js';
import { evaluationsApi } from '../../api/evaluations.js';
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Icon } from '../../ui/icon.js';
import {
  ALL_ITEMS,
  type ChangeFilter,
  type CompareFilter,
  countChanges,
  filterCompared,
  itemLabel,
  orderByChange,
} from './compare-filter.js';
import { formatPercent, formatScore, inputsText, textOf } from './evaluation-format.js';
import { EvaluationStatusPill, EvaluationVersionLabel } from './evaluation-status.js';
import { ScoreReasons } from './score-reasons.js';

type Side = Comparison['base'];

function summaryOf(side: Side): Aggregate | undefined {
  return side.summary;
}

function SideHead({ side, which }: { side: Side; which: 'base' | 'candidate' }) {
  const t = useT();
  const summary = summaryOf(side);
  return (
    <div className="eval-side-head" data-testid={`compare-${which}`}>
      <span className="muted small">{t(which === 'base' ? 'evaluation.base' : 'evaluation.candidate')}</span>
      <h3>
        <a href={href({ page: 'evaluation', view: { kind: 'report', evaluationId: side.id } })}>
          <EvaluationVersionLabel evaluation={side} />
        </a>{' '}
        <EvaluationStatusPill evaluation={side} />
      </h3>
      <div className="eval-side-numbers">
        <span>
          <strong data-testid={`compare-${which}-pass-rate`}>{formatPercent(summary?.passRate ?? side.score)}</strong>{' '}
          <span className="muted small">{t('evaluation.passRate')}</span>
        </span>
        <span>
          <strong>{formatScore(summary?.meanScore)}</strong>{' '}
          <span className="muted small">{t('evaluation.meanScore')}</span>
        </span>
      </div>
    </div>
  );
}

function Delta({ from, to, percent }: { from: number | undefined; to: number | undefined; percent?: boolean }) {
  if (from === undefined || to === undefined) return <span className="muted">—</span>;
  const delta = to - from;
  const text = percent ? formatPercent(Math.abs(delta)) : Math.abs(delta).toFixed(2);
  if (Math.abs(delta) < 1e-9) return <span className="muted">±0</span>;
  return (
    <span className={delta > 0 ? 'eval-better-text' : 'eval-worse-text'}>{`${delta > 0 ? '+' : '−'}${text}`}</span>
  );
}

function ScorerComparison({ base, candidate }: { base?: Aggregate | undefined; candidate?: Aggregate | undefined }) {
  const t = useT();
  const names = [...new Set([...Object.keys(base?.scorers ?? {}), ...Object.keys(candidate?.scorers ?? {})])];
  return (
    <table className="table eval-scorer-table" data-testid="compare-scorers">
      <thead>
        <tr>
          <th>{t('evaluation.scorer')}</th>
          <th className="right">{t('evaluation.base')}</th>
          <th className="right">{t('evaluation.candidate')}</th>
          <th className="right">{t('evaluation.change')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>{t('evaluation.passRate')}</td>
          <td className="right mono">{formatPercent(base?.passRate)}</td>
          <td className="right mono">{formatPercent(candidate?.passRate)}</td>
          <td className="right mono">
            <Delta from={base?.passRate} to={candidate?.passRate} percent />
          </td>
        </tr>
        {names.map((name) => {
          const a = base?.scorers[name];
          const b = candidate?.scorers[name];
          return (
            <tr key={name}>
              <td className="mono">{name}</td>
              <td className="right mono">{a ? `${a.passed}/${a.items} · ${formatScore(a.meanScore)}` : '—'}</td>
              <td className="right mono">{b ? `${b.passed}/${b.items} · ${formatScore(b.meanScore)}` : '—'}</td>
              <td className="right mono">
                <Delta from={a?.meanScore} to={b?.meanScore} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function SideCell({ side }: { side: ComparedSide | undefined }) {
  const t = useT();
  if (!side) return <td className="muted">{t('evaluation.notInThisRun')}</td>;
  return (
    <td className="eval-cell">
      <div className="eval-side-score">
        <strong className="mono">{formatScore(side.score)}</strong>
        <span className={side.pass ? 'pill eval-pass' : 'pill eval-fail'}>
          {side.pass ? t('evaluation.itemPass') : t('evaluation.itemFail')}
        </span>
        {side.runId && (
          <a className="small" href={href({ page: 'runs', runId: side.runId })}>
            {t('evaluation.openRun')}
          </a>
        )}
      </div>
      <div className="eval-output">
        {side.error ? <span className="eval-error">{side.error}</span> : textOf(side.output)}
      </div>
      {side.scores && <ScoreReasons scores={side.scores} />}
    </td>
  );
}

const CHANGE_FILTERS: ChangeFilter[] = ['all', 'worse', 'better', 'same'];

/** Two evaluations side by side: aggregates, each scorer, and every item marked better, worse or the same. */
export function CompareView({ base, candidate }: { base: string; candidate: string }) {
  const t = useT();
  const searchId = useId();
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState<CompareFilter>(ALL_ITEMS);
  useEffect(() => {
    evaluationsApi.compare(base, candidate).then(setComparison).catch(setError);
  }, [base, candidate]);

  const counts = comparison ? countChanges(comparison.items) : undefined;
  const rows = comparison ? orderByChange(filterCompared(comparison.items, filter)) : [];
  return (
    <section data-testid="evaluation-compare-view">
      <div className="row eval-subhead">
        <a className="link-button" href={href({ page: 'evaluation' })}>
          <Icon name="back" size={14} /> {t('evaluation.allEvaluations')}
        </a>
        <a
          className="link-button"
          href={href({ page: 'evaluation', view: { kind: 'compare', base: candidate, candidate: base } })}
        >
          <Icon name="rerun" size={14} /> {t('evaluation.swap')}
        </a>
      </div>
      <ErrorNote error={error} />
      {comparison && counts && (
        <>
          <div className="eval-sides">
            <SideHead side={comparison.base} which="base" />
            <Icon name="io" size={20} />
            <SideHead side={comparison.candidate} which="candidate" />
          </div>
          <ScorerComparison base={summaryOf(comparison.base)} candidate={summaryOf(comparison.candidate)} />
          <div className="row eval-subhead">
            <fieldset className="segmented" aria-label={t('evaluation.showItems')}>
              {CHANGE_FILTERS.map((name) => (
                <button
                  key={name}
                  type="button"
                  className={filter.change === name ? `is-active eval-filter-${name}` : `eval-filter-${name}`}
                  aria-pressed={filter.change === name}
                  onClick={() => setFilter({ ...filter, change: name })}
                  data-testid={`compare-filter-${name}`}
                >
                  {t(`evaluation.change.${name}`)} <span className="eval-count">{counts[name]}</span>
                </button>
              ))}
            </fieldset>
            <label className="eval-sr" htmlFor={searchId}>
              {t('evaluation.searchItems')}
            </label>
            <input
              id={searchId}
              className="input grow"
              type="search"
              value={filter.query}
              placeholder={t('evaluation.searchItems')}
              onChange={(e) => setFilter({ ...filter, query: e.target.value })}
              data-testid="compare-search"
            />
          </div>
          {rows.length === 0 && <p className="muted">{t('evaluation.noMatches')}</p>}
          {rows.length > 0 && (
            <table className="table eval-table eval-compare-table" data-testid="compare-items">
              <thead>
                <tr>
                  <th>{t('evaluation.item')}</th>
                  <th>{t('evaluation.inputs')}</th>
                  <th>{t('evaluation.expected')}</th>
                  <th>{t('evaluation.base')}</th>
                  <th>{t('evaluation.candidate')}</th>
                  <th>{t('evaluation.change')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ item, index }) => (
                  <tr
                    key={item.index ?? index}
                    className={`eval-change-${item.change}`}
                    data-testid="compare-item"
                    data-change={item.change}
                  >
                    <td className="mono">{itemLabel(item, index)}</td>
                    <td className="eval-cell">{inputsText(item.inputs)}</td>
                    <td className="eval-cell">{textOf(item.expected) || '—'}</td>
                    <SideCell side={item.base} />
                    <SideCell side={item.candidate} />
                    <td>
                      <span className={`pill eval-change-pill-${item.change}`}>
                        {t(`evaluation.change.${item.change}`)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
