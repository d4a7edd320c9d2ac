import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../support/index.js';
import { type Browser, launchChromium } from '../editor/support/chromium.js';
import { ADMIN_PASSWORD, ROOT, startTailor, type TailorServer } from '../editor/support/tailor-server.js';

/**
 * The operations dashboard against the real product: a `tailor serve` on a fresh data directory,
 * the built editor in headless Chromium, a local OpenAI-protocol server as the model. Runs are
 * started through the API after the page is open, so a row that appears proves the live tail.
 */
const SCREENSHOTS = process.env.TAILOR_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : undefined;
const WAIT = { timeout: 30_000 };
const ANSWER = 'Parcels ship within two working days.';

let server: TailorServer;
let provider: ProviderServer;
let browser: Browser;
let page: Page;

/** Two model branches side by side after a code node that fails on request. */
function opsFlow() {
  const model = (prompt: string) => ({ provider: 'openai', credential: 'local', model: 'gpt-test', prompt });
  return {
    schema: 'tailor.flow/v1',
    id: 'ops-demo',
    name: 'Shipping helper',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string', required: true }] } },
      {
        id: 'check',
        type: 'code',
        config: {
          inputs: { question: '{{ start.question }}' },
          code: "console.log('checking', inputs.question); if (inputs.question === 'fail') throw new Error('The question was fail'); return { ok: true };",
        },
      },
      { id: 'answer', type: 'model', config: model('Answer: {{ start.question }}') },
      { id: 'summary', type: 'model', config: model('Summarise: {{ start.question }}') },
      { id: 'end', type: 'output', config: { value: { answer: '{{ answer.text }}', summary: '{{ summary.text }}' } } },
    ],
    edges: [
      { from: 'start', to: 'check' },
      { from: 'check', to: 'answer' },
      { from: 'check', to: 'summary' },
      { from: 'answer', to: 'end' },
      { from: 'summary', to: 'end' },
    ],
  };
}

async function startRun(question: string): Promise<string> {
  const { runId } = await server.api<{ runId: string }>('POST', '/api/flows/ops-demo/runs', { inputs: { question } });
  return runId;
}

async function shoot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name) });
}

beforeAll(async () => {
  provider = await startProviderServer({ apiKey: 'sk-local-test' });
  server = await startTailor();
  await server.api('POST', '/api/credentials', {
    id: 'local',
    kind: 'api-key',
    provider: 'openai',
    apiKey: 'sk-local-test',
    baseUrl: provider.openaiBaseUrl,
  });
  await server.api('POST', '/api/flows', opsFlow());
  browser = await launchChromium({ width: 1500, height: 940 });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (error) => console.error(`page error: ${error.stack ?? error.message}`));
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !page) return;
  const file = join(tmpdir(), `tailor-e2e-runs-${context.task.name.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
  console.error(`screenshot of the failure: ${file}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

describe('operations dashboard, end to end in Chromium', () => {
  let succeeded = '';
  let failed = '';

  it('opens the runs page from the rail', async () => {
    await page.goto(server.url);
    await page.getByTestId('password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('a.rail-item[href="#/runs"]').click();
    await page.getByTestId('runs-page').waitFor(WAIT);
    await page.getByText('No runs match these filters.').waitFor(WAIT);
  }, 60_000);

  it('shows runs live as they start and end, without a reload', async () => {
    provider.enqueue({ text: ANSWER, delayMs: 20, usage: { input: 12, output: 8 } });
    provider.enqueue({ text: 'Two days.', delayMs: 20, usage: { input: 10, output: 3 } });
    succeeded = await startRun('How fast do you ship?');
    const row = page.getByTestId(`runs-row-${succeeded}`);
    await row.waitFor(WAIT);
    await page.locator(`[data-testid="runs-row-${succeeded}"][data-status="succeeded"]`).waitFor(WAIT);

    failed = await startRun('fail');
    await page.locator(`[data-testid="runs-row-${failed}"][data-status="failed"]`).waitFor(WAIT);
    // Newest first.
    const ids = await page
      .locator('[data-testid^="runs-row-"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(ids).toEqual([`runs-row-${failed}`, `runs-row-${succeeded}`]);
  }, 60_000);

  it('keeps up with several runs at once', async () => {
    const questions = ['Where is my parcel?', 'fail', 'Do you ship abroad?', 'fail'];
    for (const _ of questions) provider.enqueue({ text: ANSWER, usage: { input: 9, output: 7 } });
    const ids = await Promise.all(questions.map((q) => startRun(q)));
    for (const [index, id] of ids.entries()) {
      const status = questions[index] === 'fail' ? 'failed' : 'succeeded';
      await page.locator(`[data-testid="runs-row-${id}"][data-status="${status}"]`).waitFor(WAIT);
    }
    expect(await page.locator('[data-testid^="runs-row-"]').count()).toBe(6);
  }, 60_000);

  it("draws a flow's metrics from its runs", async () => {
    await page.getByTestId('runs-tab-metrics').click();
    await page.getByTestId('runs-filter-flow').selectOption('ops-demo');
    // The panel first shows every flow; wait for the chosen flow's figures.
    await page.locator('[data-testid="runs-metrics"][data-flow="ops-demo"]').waitFor(WAIT);
    const runs = page.getByTestId('metric-runs').locator('strong');
    await runs.waitFor(WAIT);
    expect(await runs.textContent()).toBe('6');
    // 3 of the 6 runs failed.
    expect(await page.getByTestId('metric-errors').locator('strong').textContent()).toBe('50.0%');
    // Computed by the server: the failing code node's error, grouped, and the nodes by p95.
    await page.getByTestId('metrics-top-errors').getByText('The question was fail').first().waitFor(WAIT);
    await page.getByTestId('metrics-node-check').waitFor(WAIT);
    await page.getByTestId('metrics-node-answer').waitFor(WAIT);
    await shoot('runs-metrics.png');
    await page.getByTestId('runs-filter-flow').selectOption('');
    await page.getByTestId('runs-tab-list').click();
  }, 60_000);

  it('counts the runs in the Prometheus metrics', async () => {
    // The browser's session cookie signs the request in, as an admin token would for Prometheus.
    const response = await page.request.get(`${server.url}/metrics`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('tailor_runs_total{flow="ops-demo",status="failed"} 3');
    expect(text).toContain('tailor_runs_total{flow="ops-demo",status="succeeded"} 3');
    const anonymous = await fetch(`${server.url}/metrics`);
    expect(anonymous.status).toBe(401);
  }, 60_000);

  it('filters by status', async () => {
    await page.getByTestId('runs-filter-status').selectOption('failed');
    await page.getByTestId(`runs-row-${succeeded}`).waitFor({ state: 'detached', ...WAIT });
    await page.getByTestId(`runs-row-${failed}`).waitFor(WAIT);
    await page.getByTestId('runs-filter-status').selectOption('');
    await page.getByTestId(`runs-row-${succeeded}`).waitFor(WAIT);
  }, 60_000);

  it('opens a run and reads a node output from its waterfall', async () => {
    await shoot('runs-dashboard.png');
    await page.getByTestId(`runs-row-${succeeded}`).click();
    await page.getByTestId('run-detail').waitFor(WAIT);
    for (const node of ['start', 'check', 'answer', 'summary', 'end'])
      await page.getByTestId(`waterfall-node-${node}`).waitFor(WAIT);
    await page.getByTestId('waterfall-node-answer').click();
    const output = page.getByTestId('run-node-output');
    await output.waitFor(WAIT);
    expect(await output.textContent()).toContain(ANSWER);
    expect(await page.getByTestId('run-final-output').textContent()).toContain(ANSWER);
    await shoot('runs-detail.png');
  }, 60_000);

  it('replays a run and follows the new one', async () => {
    provider.enqueue({ text: ANSWER });
    provider.enqueue({ text: 'Two days.' });
    const before = new URL(page.url()).hash;
    await page.getByTestId('run-replay').click();
    await expect.poll(() => new URL(page.url()).hash, { timeout: 30_000 }).not.toBe(before);
    expect(new URL(page.url()).hash).not.toContain(succeeded);
    await page.locator('[data-testid="run-detail"][data-status="succeeded"]').waitFor(WAIT);
    const replayed = decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
    expect(await page.getByTestId('run-detail').textContent()).toContain(replayed);
    // Side by side with the run it replayed: every node of the flow, paired.
    await page.getByTestId('run-compare-pick').selectOption(succeeded);
    await page.getByTestId('run-compare-answer').waitFor(WAIT);
    const paired = await page.locator('[data-testid^="run-compare-"] td.mono').allTextContents();
    expect(paired.sort()).toEqual(['answer', 'check', 'end', 'start', 'summary']);
    await shoot('runs-compare.png');
  }, 60_000);

  it('re-runs from a node, reusing what ran above it', async () => {
    provider.enqueue({ text: 'In two days.' });
    const before = new URL(page.url()).hash;
    await page.getByTestId('waterfall-node-summary').click();
    await page.getByTestId('run-rerun').click();
    await expect.poll(() => new URL(page.url()).hash, { timeout: 30_000 }).not.toBe(before);
    await page.locator('[data-testid="run-detail"][data-status="succeeded"]').waitFor(WAIT);
    await page.getByTestId('waterfall-node-check').click();
    await page.getByTestId('run-node').getByText('Output reused from an earlier run').waitFor(WAIT);
    await page.getByTestId('waterfall-node-summary').click();
    expect(await page.getByTestId('run-node-output').textContent()).toContain('In two days.');
  }, 60_000);

  it('speaks Chinese when the rail says so', async () => {
    await page.locator('a.rail-item[href="#/runs"]').click();
    await page.getByTestId('runs-page').waitFor(WAIT);
    await page.getByTestId('language-toggle').click();
    await page.getByRole('heading', { name: '运行记录' }).waitFor(WAIT);
    expect(await page.getByTestId('runs-filter-status').locator('option').first().textContent()).toBe('任意状态');
    await page.getByTestId('language-toggle').click();
    await page.getByRole('heading', { name: 'Runs' }).waitFor(WAIT);
  }, 60_000);
});
