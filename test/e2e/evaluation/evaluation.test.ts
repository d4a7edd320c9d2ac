import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../support/index.js';
import { type Browser, launchChromium } from '../editor/support/chromium.js';
import { ADMIN_PASSWORD, ROOT, startTailor, type TailorServer } from '../editor/support/tailor-server.js';

/**
 * Evaluation in the editor against the real product: a `tailor serve` on a fresh data directory,
 * the built editor in headless Chromium, and the local OpenAI-protocol server as the model. With
 * nothing queued the model answers `Echo: <prompt>`, so what each flow version answers follows from
 * its prompt: v1 says "Answer: …", v2 "Answer politely: …", and the dataset's expected texts make
 * one item worse, two better and one the same between them.
 */
const SCREENSHOTS = process.env.TAILOR_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : undefined;
const WAIT = { timeout: 30_000 };
const POLL = { timeout: 30_000 };
const FLOW_ID = 'support-bot';

function supportFlow(prompt: string) {
  return {
    schema: 'tailor.flow/v1',
    id: FLOW_ID,
    name: 'Support bot',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string', required: true }] } },
      {
        id: 'answer',
        type: 'model',
        config: { provider: 'openai', credential: 'local', model: 'gpt-test', prompt },
      },
      { id: 'end', type: 'output', config: { value: '{{ answer.text }}' } },
    ],
    edges: [
      { from: 'start', to: 'answer' },
      { from: 'answer', to: 'end' },
    ],
    // Positions given, so opening the editor has nothing to place and the draft stays as evaluated.
    ui: { positions: { start: { x: 0, y: 80 }, answer: { x: 320, y: 80 }, end: { x: 640, y: 80 } } },
  };
}
const V1_PROMPT = 'Answer: {{ start.question }}';
const V2_PROMPT = 'Answer politely: {{ start.question }}';

const CASES = [
  { id: 'hours', inputs: { question: 'When do you open?' }, expected: 'When do you open?' },
  { id: 'format', inputs: { question: 'Do you ship abroad?' }, expected: 'Answer: Do you ship abroad?' },
  { id: 'refund', inputs: { question: 'Can I get a refund?' }, expected: 'politely' },
  { id: 'late', inputs: { question: 'My parcel is late.' }, expected: 'politely' },
];
const GOOD_JSONL = `${CASES.map((c) => JSON.stringify(c)).join('\n')}\n`;
const BAD_JSONL = [
  JSON.stringify(CASES[0]),
  '{"inputs": "not an object"}',
  '{ broken',
  JSON.stringify({ inputs: { question: 'x' }, expect: 'typo' }),
].join('\n');

let server: TailorServer;
let provider: ProviderServer;
let browser: Browser;
let page: Page;

async function shoot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
}

async function openEvaluationPage(): Promise<void> {
  await page.locator('a.rail-item[href="#/evaluation"]').click();
  await page.getByTestId('evaluation-page').waitFor(WAIT);
  await page.getByTestId('evaluation-tab-evaluations').click();
  await page.getByTestId('evaluation-start').waitFor(WAIT);
}

/** Starts an evaluation from the form and waits for its report to finish; returns its id. */
async function evaluate(version: string): Promise<string> {
  await openEvaluationPage();
  await page.getByTestId('evaluation-flow').selectOption(FLOW_ID);
  await expect
    .poll(() => page.getByTestId('evaluation-version').locator('option').allTextContents(), POLL)
    .toEqual(expect.arrayContaining([expect.stringMatching(/^v1/)]));
  await page.getByTestId('evaluation-version').selectOption(version);
  await page.getByTestId('evaluation-dataset').selectOption({ label: 'Support cases (4 items)' });
  await page.getByTestId('evaluation-threshold').fill('70');
  await page.getByTestId('evaluation-run').click();
  await page.locator('[data-testid="evaluation-report"][data-status="succeeded"]').waitFor(WAIT);
  return decodeURIComponent(new URL(page.url()).hash.replace('#/evaluation/reports/', ''));
}

async function openEditorAndPublish(): Promise<void> {
  await page.goto(`${server.url}/#/flows/${FLOW_ID}`);
  await page.getByTestId('canvas').waitFor(WAIT);
  await page.getByTestId('publish-button').click();
  await page.getByTestId('publish-dialog').waitFor(WAIT);
  await page.getByTestId('publish-submit').click();
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
  browser = await launchChromium({ width: 1500, height: 1000 });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (error) => console.error(`page error: ${error.stack ?? error.message}`));
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !page) return;
  const file = join(tmpdir(), `tailor-e2e-evaluation-${context.task.name.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  console.error(`screenshot of the failure: ${file}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

describe('evaluation, end to end in Chromium', () => {
  let first = '';
  let second = '';

  it('creates a flow from a template in the New flow dialog', async () => {
    await page.goto(server.url);
    await page.getByTestId('password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('new-flow').click();
    await page.getByTestId('new-flow-dialog').waitFor(WAIT);
    const card = page.getByTestId('new-flow-template-meeting-summary');
    await card.waitFor(WAIT);
    expect(await card.textContent()).toContain('Meeting summary');
    expect(await page.getByTestId('new-flow-template-customer-service').textContent()).toContain(
      'Customer-service bot',
    );
    await card.click();
    expect(await card.getAttribute('aria-pressed')).toBe('true');
    await shoot('new-flow-dialog.png');
    await page.getByTestId('new-flow-name').fill('Team minutes');
    await page.getByTestId('new-flow-create').click();
    await page.getByTestId('canvas').waitFor(WAIT);
    expect(new URL(page.url()).hash).toBe('#/flows/meeting-summary');
    const created = await server.api<{ document: { name: string; nodes: unknown[] } }>(
      'GET',
      '/api/flows/meeting-summary',
    );
    expect(created.document.name).toBe('Team minutes');
    expect(created.document.nodes.length).toBeGreaterThan(3);
  }, 120_000);

  it('imports the flow to evaluate and publishes it as v1', async () => {
    await page.locator('a.rail-item[href="#/flows"]').click();
    await page.getByTestId('flow-list').waitFor(WAIT);
    await page.locator('input[type="file"][accept*=".json"]').setInputFiles({
      name: 'support-bot.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(supportFlow(V1_PROMPT))),
    });
    await page.getByTestId('canvas').waitFor(WAIT);
    await page.getByTestId('node-answer').waitFor(WAIT);
    await page.getByTestId('publish-button').click();
    await page.getByTestId('publish-submit').click();
    await page.getByText('Published version 1').waitFor(WAIT);
    await page.getByTestId('publish-dialog').getByRole('button', { name: 'Close' }).click();
  }, 60_000);

  it('refuses a dataset with bad lines, naming each line, then takes a dropped file', async () => {
    await page.locator('a.rail-item[href="#/evaluation"]').click();
    await page.getByTestId('evaluation-tab-datasets').click();
    await page.getByTestId('dataset-upload').waitFor(WAIT);
    await page.getByTestId('dataset-file').setInputFiles({
      name: 'broken.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(BAD_JSONL),
    });
    const problems = page.getByTestId('dataset-problems');
    await problems.waitFor(WAIT);
    const lines = await problems.locator('.eval-line').allTextContents();
    expect(lines).toEqual(['line 2', 'line 3', 'line 4']);
    expect(await problems.textContent()).toContain('unknown field "expect"');

    await page.getByLabel('Dataset name').fill('Support cases');
    // A DataTransfer holding the file, made in the page (the test's own types know no DOM).
    const dataTransfer = await page.evaluateHandle(
      `(() => { const transfer = new DataTransfer(); transfer.items.add(new File([${JSON.stringify(GOOD_JSONL)}], 'support-cases.jsonl', { type: 'application/x-ndjson' })); return transfer; })()`,
    );
    await page.getByTestId('dataset-drop').dispatchEvent('drop', { dataTransfer });
    await page.getByTestId('dataset-items').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('dataset-items').locator('tbody tr').count(), POLL).toBe(4);
    expect(await page.getByTestId('dataset-items').textContent()).toContain('Can I get a refund?');
  }, 60_000);

  it('evaluates v1 and shows the report: below the threshold, reasons, links to runs', async () => {
    first = await evaluate('1');
    const passRate = page.getByTestId('aggregate-pass-rate');
    expect(await passRate.locator('strong').textContent()).toBe('50%');
    expect(await passRate.textContent()).toContain('below the 70% threshold');
    expect(await page.getByTestId('evaluation-verdict').textContent()).toBe('Below threshold');
    expect(await page.getByTestId('aggregate-scorers').textContent()).toContain('2/4');
    const items = page.getByTestId('report-item');
    expect(await items.count()).toBe(4);
    expect(await items.nth(0).getByTestId('report-output').textContent()).toBe('Echo: Answer: When do you open?');
    expect(await items.nth(2).textContent()).toContain('"politely" not in the output');
    const runLink = await items.nth(0).getByTestId('report-run-link').getAttribute('href');
    expect(runLink).toMatch(/^#\/runs\/.+/);
    await page.getByTestId('report-filter-failed').click();
    await expect.poll(() => items.count(), POLL).toBe(2);
    await shoot('evaluation-report.png');
    // The item's run opens in the runs dashboard.
    await items.nth(0).getByTestId('report-run-link').click();
    await page.getByTestId('run-detail').waitFor(WAIT);
  }, 90_000);

  it('gates publishing: the dialog says why a draft without a passing evaluation is refused', async () => {
    await openEvaluationPage();
    await page.getByTestId('evaluation-flow').selectOption(FLOW_ID);
    const gate = page.getByTestId('evaluation-gate');
    await gate.getByText('No gate').waitFor(WAIT);
    await page.getByTestId('gate-dataset').selectOption({ label: 'Support cases (4 items)' });
    await page.getByTestId('gate-threshold').fill('70');
    await page.getByTestId('gate-scorer-contains').check();
    await page.getByTestId('gate-save').click();
    await gate.getByText('Gate saved.').waitFor(WAIT);
    expect(await server.api('GET', `/api/flows/${FLOW_ID}/evaluation-gate`)).toMatchObject({
      threshold: 0.7,
      scorers: ['contains'],
    });

    // The analyst rewrites the prompt (through the API here; the editor's own editing has its e2e).
    const current = await server.api<{ revision: number }>('GET', `/api/flows/${FLOW_ID}`);
    const response = await fetch(`${server.url}/api/flows/${FLOW_ID}`, {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/json',
        'If-Match': String(current.revision),
        'X-Tailor-Csrf': '1',
        Cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
      },
      body: JSON.stringify(supportFlow(V2_PROMPT)),
    });
    expect(response.status).toBe(200);

    await openEditorAndPublish();
    const refusal = page.getByTestId('publish-gate');
    await refusal.waitFor(WAIT);
    expect(await refusal.textContent()).toContain('Not published: the evaluation gate is not met.');
    expect(await refusal.textContent()).toContain('no evaluation of this draft');
    // Its link opens the evaluation page on this flow.
    await refusal.getByRole('link', { name: 'Open evaluation' }).click();
    await page.getByTestId('evaluation-start').waitFor(WAIT);
    expect(new URL(page.url()).hash).toBe(`#/evaluation/flows/${FLOW_ID}`);
    // The flow select holds its value once the flows list has arrived (it reads '' until then).
    await expect.poll(() => page.getByTestId('evaluation-flow').inputValue(), POLL).toBe(FLOW_ID);
  }, 90_000);

  it('evaluates the draft, which passes the gate, and publishes it as v2', async () => {
    await evaluate('draft');
    expect(await page.getByTestId('aggregate-pass-rate').locator('strong').textContent()).toBe('75%');
    expect(await page.getByTestId('evaluation-verdict').textContent()).toBe('Passed');
    await openEditorAndPublish();
    await page.getByText('Published version 2').waitFor(WAIT);
    await page.getByTestId('publish-dialog').getByRole('button', { name: 'Close' }).click();
  }, 90_000);

  it('evaluates v2 and compares it with v1 side by side', async () => {
    second = await evaluate('2');
    await openEvaluationPage();
    await page.getByTestId(`evaluation-row-${first}`).waitFor(WAIT);
    await shoot('evaluation-overview.png');
    await page.getByTestId(`evaluation-pick-${second}`).check();
    await page.getByTestId(`evaluation-pick-${first}`).check();
    await page.getByTestId('evaluation-compare').click();
    const view = page.getByTestId('evaluation-compare-view');
    await page.getByTestId('compare-items').waitFor(WAIT);
    // The older evaluation is the base, whichever was picked first.
    expect(await page.getByTestId('compare-base').textContent()).toContain('v1');
    expect(await page.getByTestId('compare-candidate').textContent()).toContain('v2');
    expect(await page.getByTestId('compare-base-pass-rate').textContent()).toBe('50%');
    expect(await page.getByTestId('compare-candidate-pass-rate').textContent()).toBe('75%');
    const counts = async (name: string) =>
      page.getByTestId(`compare-filter-${name}`).locator('.eval-count').textContent();
    expect([await counts('all'), await counts('worse'), await counts('better'), await counts('same')]).toEqual([
      '4',
      '1',
      '2',
      '1',
    ]);
    // What got worse comes first, highlighted.
    const rows = view.getByTestId('compare-item');
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-change')))).toEqual([
      'worse',
      'better',
      'better',
      'same',
    ]);
    await shoot('evaluation-compare.png');

    await page.getByTestId('compare-filter-worse').click();
    await expect.poll(() => rows.count(), POLL).toBe(1);
    expect(await rows.first().textContent()).toContain('format');
    expect(await rows.first().textContent()).toContain('Echo: Answer politely: Do you ship abroad?');
    await page.getByTestId('compare-filter-all').click();
    await page.getByTestId('compare-search').fill('refund');
    await expect.poll(() => rows.count(), POLL).toBe(1);
    expect(await rows.first().getAttribute('data-change')).toBe('better');
    await page.getByTestId('compare-search').fill('');
    await expect.poll(() => rows.count(), POLL).toBe(4);

    await page.getByTestId('language-toggle').click();
    await page.getByRole('heading', { name: '评测' }).waitFor(WAIT);
    expect(await page.getByTestId('compare-filter-worse').textContent()).toContain('变差');
    await page.getByTestId('language-toggle').click();
    await page.getByRole('heading', { name: 'Evaluation' }).waitFor(WAIT);
  }, 120_000);

  it('adds runs picked in the runs dashboard to a new dataset', async () => {
    await page.locator('a.rail-item[href="#/runs"]').click();
    await page.getByTestId('runs-page').waitFor(WAIT);
    const boxes = page.locator('[data-testid^="runs-select-"]');
    await boxes.first().waitFor(WAIT);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('add-to-dataset-name').fill('From production');
    await page.getByTestId('add-to-dataset-submit').click();
    await page.getByTestId('add-to-dataset-done').waitFor(WAIT);
    expect(await page.getByTestId('add-to-dataset-done').textContent()).toContain('Added 2 runs to “From production”');
    const datasets = await server.api<{ name: string; itemCount: number }[]>('GET', '/api/datasets');
    expect(datasets.find((d) => d.name === 'From production')?.itemCount).toBe(2);
    await page.getByTestId('add-to-dataset-done').getByRole('link').click();
    await expect.poll(() => page.getByTestId('dataset-items').locator('tbody tr').count(), POLL).toBe(2);
    expect(await page.getByTestId('dataset-items').textContent()).toContain('Echo: Answer');
  }, 60_000);

  // Last: the slow answers queued here must not be left for another step.
  it('shows live progress while an evaluation runs, and cancels it', async () => {
    for (const _ of CASES) provider.enqueue({ text: 'Slowly…', delayMs: 4_000 });
    await openEvaluationPage();
    await page.getByTestId('evaluation-flow').selectOption(FLOW_ID);
    await page.getByTestId('evaluation-dataset').selectOption({ label: 'Support cases (4 items)' });
    await page.getByTestId('evaluation-run').click();
    await page.locator('[data-testid="evaluation-report"][data-status="running"]').waitFor(WAIT);
    const progress = page.getByTestId('evaluation-progress');
    await progress.waitFor(WAIT);
    expect(await progress.getAttribute('aria-valuemax')).toBe('4');
    expect(await progress.textContent()).toMatch(/^[0-3] of 4 items$/);
    await page.getByTestId('evaluation-cancel').click();
    await page.locator('[data-testid="evaluation-report"][data-status="cancelled"]').waitFor(WAIT);
    expect(await page.getByTestId('evaluation-report').textContent()).toContain('Cancelled');
  }, 60_000);
});
