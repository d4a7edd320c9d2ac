import { describe, expect, it } from 'vitest';
import { LocalRunBus } from '../../realtime/local-run-bus.js';
import { createRunMetrics } from './run-metrics.js';

function run(bus: LocalRunBus, runId: string, status: 'succeeded' | 'failed', durationMs: number, cost?: number) {
  const flowId = 'faq';
  bus.publish({ flowId, event: { runId, seq: 1, at: 0, type: 'run.start', flowId, inputs: {} } });
  bus.publish({
    flowId,
    event: {
      runId,
      seq: 2,
      at: durationMs,
      type: 'run.end',
      status,
      durationMs,
      usage: { input: 10, output: 4, ...(cost !== undefined ? { cost } : {}) },
    },
  });
}

describe('run metrics', () => {
  it('counts ended runs by flow and status in the Prometheus text format', async () => {
    const bus = new LocalRunBus();
    const metrics = createRunMetrics(bus);
    run(bus, 'a', 'succeeded', 200, 0.01);
    run(bus, 'b', 'failed', 3000);
    const text = await metrics.registry.metrics();
    expect(text).toContain('tailor_runs_total{flow="faq",status="succeeded"} 1');
    expect(text).toContain('tailor_runs_total{flow="faq",status="failed"} 1');
    expect(text).toContain('tailor_run_duration_seconds_bucket{le="0.25",flow="faq"} 1');
    expect(text).toContain('tailor_run_duration_seconds_bucket{le="5",flow="faq"} 2');
    expect(text).toContain('tailor_tokens_total{flow="faq",direction="input"} 20');
    expect(text).toContain('tailor_cost_total{flow="faq"} 0.01');
    expect(text).toContain('tailor_runs_active{flow="faq"} 0');
    expect(text).toContain('tailor_process_cpu_seconds_total');
    metrics.stop();
  });

  it('shows a run in progress as active until it ends', async () => {
    const bus = new LocalRunBus();
    const metrics = createRunMetrics(bus);
    bus.publish({ flowId: 'faq', event: { runId: 'x', seq: 1, at: 0, type: 'run.start', flowId: 'faq', inputs: {} } });
    expect(await metrics.registry.metrics()).toContain('tailor_runs_active{flow="faq"} 1');
    metrics.stop();
    await bus.close();
  });

  it('counts each run once across scrapes and keeps series in first-seen order', async () => {
    const bus = new LocalRunBus();
    const metrics = createRunMetrics(bus);
    run(bus, 'a', 'succeeded', 100);
    expect(await metrics.registry.metrics()).toContain('tailor_runs_total{flow="faq",status="succeeded"} 1');
    run(bus, 'b', 'failed', 100);
    run(bus, 'c', 'succeeded', 100);
    const text = await metrics.registry.metrics();
    expect(text).toContain('tailor_runs_total{flow="faq",status="succeeded"} 2');
    expect(text).toContain('tailor_runs_total{flow="faq",status="failed"} 1');
    expect(text.indexOf('status="succeeded"')).toBeLessThan(text.indexOf('status="failed"'));
    expect(text).toContain('tailor_run_duration_seconds_count{flow="faq"} 3');
    expect(text).toContain('tailor_runs_active{flow="faq"} 0');
    metrics.stop();
  });
});
