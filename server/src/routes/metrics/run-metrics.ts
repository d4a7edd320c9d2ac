import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RunBus, RunEnvelope } from '../../realtime/run-bus.js';

/** Seconds: from a quick template flow to a long agent run. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** One flow's series, kept so an event finds its counts without prom-client hashing label objects. */
interface FlowSeries {
  readonly activeLabels: { flow: string };
  active: number;
  readonly runs: Map<string, RunCount>;
  readonly duration: { observe(value: number): void };
}

interface RunCount {
  readonly labels: { flow: string; status: string };
  count: number;
  reported: number;
}

export interface RunMetrics {
  registry: Registry;
  stop(): void;
}

/**
 * Prometheus metrics of the runs this server sees on its run bus: runs by flow and status, run
 * duration, runs in progress, tokens and cost, plus the Node process metrics. Labels are flow ids
 * and statuses only, so the series count grows with flows, never with runs or users.
 */
export function createRunMetrics(bus: RunBus): RunMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tailor_' });
  // Runs and active runs are counted here per event and handed to prom-client when scraped: its
  // `inc`/`dec` hash a label object on every call, which showed in the endpoint profile. Arrays
  // keep first-seen order, so series print in the order they always did.
  const flows = new Map<string, FlowSeries>();
  const activeSeries: FlowSeries[] = [];
  const runCounts: RunCount[] = [];
  const runs = new Counter({
    name: 'tailor_runs_total',
    help: 'Runs that ended, by flow and status.',
    labelNames: ['flow', 'status'] as const,
    registers: [registry],
    collect() {
      for (const series of runCounts) {
        if (series.count > series.reported) runs.inc(series.labels, series.count - series.reported);
        series.reported = series.count;
      }
    },
  });
  const active = new Gauge({
    name: 'tailor_runs_active',
    help: 'Runs started and not yet ended, by flow.',
    labelNames: ['flow'] as const,
    registers: [registry],
    collect() {
      for (const series of activeSeries) active.set(series.activeLabels, series.active);
    },
  });
  const duration = new Histogram({
    name: 'tailor_run_duration_seconds',
    help: 'How long runs took, by flow.',
    labelNames: ['flow'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'tailor_tokens_total',
    help: 'Model tokens of ended runs, by flow and direction (input, output).',
    labelNames: ['flow', 'direction'] as const,
    registers: [registry],
  });
  const cost = new Counter({
    name: 'tailor_cost_total',
    help: "Model cost of ended runs in the price table's currency, by flow.",
    labelNames: ['flow'] as const,
    registers: [registry],
  });
  const seriesOf = (flow: string): FlowSeries => {
    let series = flows.get(flow);
    if (!series) {
      series = { activeLabels: { flow }, active: 0, runs: new Map(), duration: duration.labels({ flow }) };
      flows.set(flow, series);
      activeSeries.push(series);
    }
    return series;
  };
  const stop = bus.subscribeAll(({ flowId, event }: RunEnvelope) => {
    if (event.type === 'run.start') seriesOf(flowId).active++;
    if (event.type !== 'run.end') return;
    const series = seriesOf(flowId);
    series.active--;
    let ended = series.runs.get(event.status);
    if (!ended) {
      ended = { labels: { flow: flowId, status: event.status }, count: 0, reported: 0 };
      series.runs.set(event.status, ended);
      runCounts.push(ended);
    }
    ended.count++;
    series.duration.observe(event.durationMs / 1000);
    if (event.usage) {
      tokens.inc({ flow: flowId, direction: 'input' }, event.usage.input);
      tokens.inc({ flow: flowId, direction: 'output' }, event.usage.output);
      if (event.usage.cost !== undefined) cost.inc({ flow: flowId }, event.usage.cost);
    }
  });
  return { registry, stop };
}
