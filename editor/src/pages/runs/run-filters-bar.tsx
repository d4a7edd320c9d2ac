import { RunStatusSchema } from '@tailor/runtime/contract';
import type { FlowSummary } from '../../api/schemas.js';
import { type MessageKey, useT } from '../../i18n/i18n.js';
import { EMPTY_FILTERS, type RunFilters, TIME_RANGES, type TimeRange } from './run-filters.js';
import { RUN_STATUS_LABEL } from './run-status.js';

interface Props {
  filters: RunFilters;
  flows: FlowSummary[];
  onChange(filters: RunFilters): void;
  /** The metrics tab has no use for duration, end-user and text filters. */
  compact?: boolean;
}

/** The filter row above the runs table and the metrics charts. */
export function RunFiltersBar({ filters, flows, onChange, compact }: Props) {
  const t = useT();
  const set = <K extends keyof RunFilters>(key: K, value: RunFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <div className="runs-filters">
      <select
        className="input"
        aria-label={t('runs.flow')}
        value={filters.flowId}
        onChange={(e) => set('flowId', e.target.value)}
        data-testid="runs-filter-flow"
      >
        <option value="">{t('runs.allFlows')}</option>
        {flows.map((flow) => (
          <option key={flow.id} value={flow.id}>
            {flow.name}
          </option>
        ))}
      </select>
      {!compact && (
        <select
          className="input"
          aria-label={t('runs.status')}
          value={filters.status}
          onChange={(e) => {
            const parsed = RunStatusSchema.safeParse(e.target.value);
            set('status', parsed.success ? parsed.data : '');
          }}
          data-testid="runs-filter-status"
        >
          <option value="">{t('runs.anyStatus')}</option>
          {RunStatusSchema.options.map((status) => (
            <option key={status} value={status}>
              {t(RUN_STATUS_LABEL[status])}
            </option>
          ))}
        </select>
      )}
      <select
        className="input"
        aria-label={t('runs.started')}
        value={filters.range}
        onChange={(e) => set('range', (e.target.value in TIME_RANGES ? e.target.value : '') as TimeRange)}
        data-testid="runs-filter-range"
      >
        <option value="">{t('runs.anyTime')}</option>
        {Object.keys(TIME_RANGES).map((range) => (
          <option key={range} value={range}>
            {t(`runs.range.${range}` as MessageKey)}
          </option>
        ))}
      </select>
      {!compact && (
        <>
          <input
            className="input runs-filter-num"
            inputMode="decimal"
            placeholder={t('runs.minSeconds')}
            aria-label={t('runs.minSeconds')}
            value={filters.minSeconds}
            onChange={(e) => set('minSeconds', e.target.value)}
          />
          <input
            className="input runs-filter-num"
            inputMode="decimal"
            placeholder={t('runs.maxSeconds')}
            aria-label={t('runs.maxSeconds')}
            value={filters.maxSeconds}
            onChange={(e) => set('maxSeconds', e.target.value)}
          />
          <input
            className="input"
            placeholder={t('runs.endUserId')}
            aria-label={t('runs.endUserId')}
            value={filters.endUserId}
            onChange={(e) => set('endUserId', e.target.value)}
          />
          <input
            className="input runs-filter-q"
            type="search"
            placeholder={t('runs.search')}
            aria-label={t('runs.search')}
            value={filters.q}
            onChange={(e) => set('q', e.target.value)}
            data-testid="runs-filter-q"
          />
          <button type="button" className="button button-ghost" onClick={() => onChange(EMPTY_FILTERS)}>
            {t('runs.clear')}
          </button>
        </>
      )}
    </div>
  );
}
