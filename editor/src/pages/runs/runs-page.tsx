import { lazy, Suspense, useEffect, useState } from 'react';
import { flowsApi } from '../../api/flows.js';
import type { FlowSummary } from '../../api/schemas.js';
import { useT } from '../../i18n/i18n.js';
import { useRoute } from '../../router.js';
import { ErrorNote } from '../../ui/error-note.js';
import { PageHeader } from '../page-header.js';
import { AddToDataset } from './add-to-dataset.js';
import { RunDetail } from './run-detail.js';
import { EMPTY_FILTERS, type RunFilters } from './run-filters.js';
import { RunFiltersBar } from './run-filters-bar.js';
import { RunsTable } from './runs-table.js';
import { useRunList } from './use-run-list.js';
import './runs.css';

// The charts are only drawn when asked for.
const MetricsPanel = lazy(() => import('./metrics-panel.js'));

/** Typing in a text filter asks the server once the analyst pauses. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function RunsList({ filters }: { filters: RunFilters }) {
  const t = useT();
  const list = useRunList(filters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <>
      <AddToDataset runIds={[...selected]} onClear={() => setSelected(new Set())} />
      <ErrorNote error={list.error} />
      {list.pending > 0 && (
        <button type="button" className="runs-pending" onClick={list.reload}>
          {t('runs.newRuns', { count: list.pending })}
        </button>
      )}
      {list.rows && list.rows.length === 0 && <p className="muted runs-empty">{t('runs.empty')}</p>}
      {list.rows && list.rows.length > 0 && <RunsTable rows={list.rows} selection={{ selected, toggle }} />}
      {!list.rows && list.loading && <p className="muted">{t('common.loading')}</p>}
      {list.nextCursor && (
        <button
          type="button"
          className="button runs-more"
          disabled={list.loading}
          onClick={list.loadMore}
          data-testid="runs-load-more"
        >
          {list.loading ? t('common.loading') : t('runs.loadMore')}
        </button>
      )}
    </>
  );
}

/** The operations dashboard: every run live, filters, metrics per flow, and one run's waterfall. */
export default function RunsPage() {
  const t = useT();
  const route = useRoute();
  const [tab, setTab] = useState<'list' | 'metrics'>('list');
  const [filters, setFilters] = useState<RunFilters>(EMPTY_FILTERS);
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const settled = useDebounced(filters, 300);
  useEffect(() => {
    flowsApi
      .list()
      .then(setFlows)
      .catch(() => setFlows([]));
  }, []);

  if (route.page === 'runs' && route.runId) return <RunDetail key={route.runId} runId={route.runId} />;
  return (
    <div className="page runs-page" data-testid="runs-page">
      <PageHeader title={t('runs.title')} subtitle={t('runs.subtitle')}>
        <span className="runs-live" title={t('runs.live')}>
          <span className="runs-live-dot" aria-hidden="true" />
          {t('runs.live')}
        </span>
      </PageHeader>
      <div className="runs-tabs" role="tablist">
        {(['list', 'metrics'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'runs-tab is-active' : 'runs-tab'}
            onClick={() => setTab(name)}
            data-testid={`runs-tab-${name}`}
          >
            {t(name === 'list' ? 'runs.tabList' : 'runs.tabMetrics')}
          </button>
        ))}
      </div>
      <RunFiltersBar filters={filters} flows={flows} onChange={setFilters} compact={tab === 'metrics'} />
      {tab === 'list' ? (
        <RunsList filters={settled} />
      ) : (
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <MetricsPanel flowId={settled.flowId} range={settled.range} />
        </Suspense>
      )}
    </div>
  );
}
