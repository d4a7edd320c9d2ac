import { useCallback, useEffect, useState } from 'react';
import { type DatasetSummary, datasetsApi } from '../../api/datasets.js';
import { type EvaluationSummary, evaluationsApi } from '../../api/evaluations.js';
import { flowsApi } from '../../api/flows.js';
import type { FlowSummary } from '../../api/schemas.js';
import { useT } from '../../i18n/i18n.js';
import { type EvaluationView, href, useRoute } from '../../router.js';
import { ErrorNote } from '../../ui/error-note.js';
import { PageHeader } from '../page-header.js';
import { CompareView } from './compare-view.js';
import { DatasetsView } from './datasets-view.js';
import { isActive } from './evaluation-format.js';
import { EvaluationList } from './evaluation-list.js';
import { GateSettings } from './gate-settings.js';
import { ReportView } from './report-view.js';
import { StartEvaluation } from './start-evaluation.js';
import { usePolling } from './use-polling.js';
import './evaluation.css';

/** Start an evaluation, watch the history of the chosen flow, and set its publish gate. */
function EvaluationsOverview({ initialFlowId }: { initialFlowId?: string | undefined }) {
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [datasets, setDatasets] = useState<DatasetSummary[]>([]);
  const [flowId, setFlowId] = useState(initialFlowId ?? '');
  const [evaluations, setEvaluations] = useState<EvaluationSummary[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    Promise.all([flowsApi.list(), datasetsApi.list()])
      .then(([flowList, datasetList]) => {
        setFlows(flowList);
        setDatasets(datasetList);
        setFlowId((current) => current || flowList[0]?.id || '');
      })
      .catch(setError);
  }, []);
  const loadEvaluations = useCallback(
    () =>
      evaluationsApi
        .list(flowId || undefined)
        .then(setEvaluations)
        .catch(setError),
    [flowId],
  );
  useEffect(() => void loadEvaluations(), [loadEvaluations]);
  usePolling(
    loadEvaluations,
    1500,
    evaluations.some((e) => isActive(e.status)),
  );

  return (
    <>
      <ErrorNote error={error} />
      <div className="two-col">
        <div className="eval-column">
          <StartEvaluation flows={flows} flowId={flowId} onFlowChange={setFlowId} datasets={datasets} />
          <EvaluationList evaluations={evaluations} />
        </div>
        {flowId && <GateSettings key={flowId} flowId={flowId} datasets={datasets} />}
      </div>
    </>
  );
}

function Body({ view }: { view: EvaluationView | undefined }) {
  if (view?.kind === 'datasets') return <DatasetsView datasetId={view.datasetId} />;
  if (view?.kind === 'report') return <ReportView key={view.evaluationId} evaluationId={view.evaluationId} />;
  if (view?.kind === 'compare') return <CompareView base={view.base} candidate={view.candidate} />;
  return <EvaluationsOverview initialFlowId={view?.kind === 'flow' ? view.flowId : undefined} />;
}

/** Evaluation: datasets, evaluations of flow versions, their reports and side-by-side comparisons. */
export default function EvaluationPage() {
  const t = useT();
  const route = useRoute();
  const view = route.page === 'evaluation' ? route.view : undefined;
  const onDatasets = view?.kind === 'datasets';
  return (
    <div className="page eval-page" data-testid="evaluation-page">
      <PageHeader title={t('evaluation.title')} subtitle={t('evaluation.subtitle')} />
      <nav className="tabs eval-tabs" aria-label={t('evaluation.title')}>
        <a
          className={onDatasets ? 'tab' : 'tab is-active'}
          aria-current={onDatasets ? undefined : 'page'}
          href={href({ page: 'evaluation' })}
          data-testid="evaluation-tab-evaluations"
        >
          {t('evaluation.tabEvaluations')}
        </a>
        <a
          className={onDatasets ? 'tab is-active' : 'tab'}
          aria-current={onDatasets ? 'page' : undefined}
          href={href({ page: 'evaluation', view: { kind: 'datasets' } })}
          data-testid="evaluation-tab-datasets"
        >
          {t('evaluation.tabDatasets')}
        </a>
      </nav>
      <Body view={view} />
    </div>
  );
}
