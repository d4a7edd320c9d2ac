import { useCallback, useEffect, useState } from 'react';
import { onRunEvent, subscribe } from '../../api/socket.js';
import { formatDuration } from '../../canvas/status-chip.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { href, navigate } from '../../router.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Icon } from '../../ui/icon.js';
import { JsonView } from '../../ui/json-view.js';
import { NodeInspect } from './node-inspect.js';
import { RunCompare } from './run-compare.js';
import { formatTime, formatTokens, StatusPill } from './run-status.js';
import { runsListApi, type StoredRun } from './runs-api.js';
import { Waterfall } from './waterfall.js';
import type { WaterfallRow } from './waterfall-layout.js';
import './runs.css';

/** The record of a run, fetched again (at most every 300 ms) while its events arrive. */
function useRunRecord(runId: string) {
  const [run, setRun] = useState<StoredRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gone = false;
    const load = () => {
      timer = undefined;
      runsListApi
        .get(runId)
        .then((record) => !gone && setRun(record))
        .catch((caught: unknown) => !gone && setError(caught));
    };
    load();
    const off = onRunEvent((event) => {
      if (event.runId === runId && !timer) timer = setTimeout(load, 300);
    });
    let stop: (() => void) | undefined;
    void subscribe({ runId }).then((unsubscribe) => {
      if (gone) unsubscribe();
      else stop = unsubscribe;
    });
    return () => {
      gone = true;
      off();
      stop?.();
      if (timer) clearTimeout(timer);
    };
  }, [runId]);
  return { run, error };
}

/** One run: its waterfall, what each node did, the answer, and replay / re-run from a node. */
export function RunDetail({ runId }: { runId: string }) {
  const t = useT();
  const language = useLanguage();
  const { run, error } = useRunRecord(runId);
  const [selected, setSelected] = useState<WaterfallRow | undefined>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (run?.status !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [run?.status]);

  const start = useCallback(async (action: () => Promise<{ runId: string }>) => {
    setBusy(true);
    setActionError(null);
    try {
      const { runId: next } = await action();
      setSelected(undefined);
      navigate({ page: 'runs', runId: next });
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(false);
    }
  }, []);

  if (!run)
    return (
      <div className="page" data-testid="run-detail">
        <ErrorNote error={error} />
        {!error && <p className="muted">{t('common.loading')}</p>}
      </div>
    );
  const node = selected?.node;
  return (
    <div className="page runs-page" data-testid="run-detail" data-status={run.status}>
      <a className="runs-back" href={href({ page: 'runs' })}>
        <Icon name="back" size={14} /> {t('runs.back')}
      </a>
      <header className="page-header">
        <div>
          <h1 className="row">
            <span>{run.flowId}</span>
            <StatusPill status={run.status} />
          </h1>
          <p className="muted small">
            <span className="mono">{run.id}</span> · {formatTime(run.startedAt, language)} ·{' '}
            {run.flowVersion === undefined ? t('runs.draft') : `v${run.flowVersion}`}
            {run.durationMs !== undefined && ` · ${formatDuration(run.durationMs)}`}
            {run.usage && ` · ${formatTokens(run.usage)} tok`}
            {run.source && ` · ${run.source}`}
            {run.endUser && ` · ${run.endUser.name ?? run.endUser.id}`}
          </p>
          {run.parentRunId && (
            <a className="small" href={href({ page: 'runs', runId: run.parentRunId })}>
              {t('runs.parent', { id: run.parentRunId })}
            </a>
          )}
        </div>
        <div className="row">
          <a className="button button-ghost" href={href({ page: 'editor', flowId: run.flowId })}>
            {t('runs.openFlow')}
          </a>
          <button
            type="button"
            className="button button-primary"
            disabled={busy || run.status === 'running'}
            title={t('runs.replayHint')}
            onClick={() => void start(() => runsListApi.replay(run.id))}
            data-testid="run-replay"
          >
            <Icon name="rerun" size={14} /> {t('runs.replay')}
          </button>
        </div>
      </header>
      <ErrorNote error={actionError} />
      {run.error && (
        <div className="run-error" role="alert" data-testid="run-error">
          <strong>{run.error.code}</strong> {run.error.message}
        </div>
      )}
      <div className="run-layout">
        <section className="panel-card">
          <h2>{t('runs.timeline')}</h2>
          <Waterfall
            run={run}
            now={run.status === 'running' ? now : run.startedAt}
            selected={selected?.key}
            onSelect={setSelected}
          />
        </section>
        {node ? (
          <NodeInspect
            node={node}
            busy={busy || run.status === 'running'}
            {...(selected?.depth === 0
              ? { onRerun: () => void start(() => runsListApi.rerun(run.id, node.nodeId)) }
              : {})}
          />
        ) : (
          <section className="panel-card muted">{t('runs.pickNode')}</section>
        )}
      </div>
      <div className="run-io">
        <section className="panel-card">
          <h2>{t('runs.inputs')}</h2>
          <JsonView value={run.inputs} />
        </section>
        <section className="panel-card">
          <h2>{t('runs.finalOutput')}</h2>
          {run.output === undefined ? (
            <p className="muted">—</p>
          ) : (
            <JsonView value={run.output} testId="run-final-output" />
          )}
        </section>
      </div>
      {run.status !== 'running' && <RunCompare run={run} />}
    </div>
  );
}
