import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../support/index.js';
import { type Browser, launchChromium } from './editor/support/chromium.js';
import { ADMIN_PASSWORD, startTailor, type TailorServer } from './editor/support/tailor-server.js';

/**
 * Every page of the editor, checked by axe-core against WCAG 2.0/2.1 A and AA in the real product
 * (`tailor serve`, the built editor, headless Chromium), once with an English browser and once with a
 * Chinese one (the language the editor picks by default). A WCAG violation of impact serious or
 * critical fails the page, as does any finding of the structure rules below; the rest are printed.
 * Then the keyboard alone: the rail by Tab, a node added from the palette with Enter, its inspector,
 * and a connection made from the inspector's connections form.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/**
 * axe's best-practice rules about page structure, held to as strictly as WCAG: a screen reader user
 * moves by landmarks and headings, and a column header read as nothing is a column without a name.
 * The other best-practice findings are printed only.
 */
const STRUCTURE_RULES = new Set([
  'landmark-one-main',
  'landmark-no-duplicate-main',
  'landmark-main-is-top-level',
  'landmark-unique',
  'region',
  'page-has-heading-one',
  'heading-order',
  'empty-heading',
  'empty-table-header',
  'aria-dialog-name',
]);
const WAIT = { timeout: 30_000 };
const POLL = { timeout: 30_000, interval: 100 };
const FLOW_ID = 'a11y-bot';
const ANSWER = 'We are open from nine to five.';
const LOCALES = [
  { locale: 'en-US', language: 'en' },
  { locale: 'zh-CN', language: 'zh' },
] as const;

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  tags: string[];
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

function a11yFlow() {
  return {
    schema: 'tailor.flow/v1',
    id: FLOW_ID,
    name: 'Accessible bot',
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string', required: true }] } },
      {
        id: 'answer',
        type: 'model',
        config: { provider: 'openai', credential: 'local', model: 'gpt-test', prompt: 'Answer: {{ start.question }}' },
      },
      { id: 'end', type: 'output', config: { value: '{{ answer.text }}' } },
    ],
    edges: [
      { from: 'start', to: 'answer' },
      { from: 'answer', to: 'end' },
    ],
    ui: { positions: { start: { x: 0, y: 80 }, answer: { x: 320, y: 80 }, end: { x: 640, y: 80 } } },
  };
}

/** Runs axe on the page as it is now; returns the violations that fail the page, described. */
async function audit(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: AXE_SOURCE });
  // Let transitions (panel slides, fades) end so colours are measured as they rest.
  await page.waitForTimeout(350);
  // A string, as the test project has no DOM types; the page has `axe` once the script is in.
  // The whole document, React Flow's canvas included: its SVG edges, handles and controls raised no
  // finding, so nothing is excluded.
  const context = { include: [['html']] };
  const options = { runOnly: { type: 'tag', values: [...WCAG_TAGS, 'best-practice'] }, resultTypes: ['violations'] };
  const violations = (await page.evaluate(
    `axe.run(${JSON.stringify(context)}, ${JSON.stringify(options)}).then((result) => result.violations)`,
  )) as AxeViolation[];
  const failing = (v: AxeViolation) =>
    STRUCTURE_RULES.has(v.id) ||
    (v.tags.some((tag) => WCAG_TAGS.includes(tag)) && (v.impact === 'serious' || v.impact === 'critical'));
  for (const v of violations.filter((v) => !failing(v)))
    console.warn(`axe (${v.impact}) ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  return violations.filter(failing).map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n${v.nodes
        .slice(0, 8)
        .map((n) => `    ${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`)
        .join('\n')}`,
  );
}

let server: TailorServer;
let provider: ProviderServer;
const browsers: Browser[] = [];
const pages: { locale: string; language: 'en' | 'zh'; page: Page }[] = [];

/** Runs `visit` in each locale's page and expects no failing violation in any. */
async function checkEach(name: string, visit: (page: Page, language: 'en' | 'zh') => Promise<void>): Promise<void> {
  const report: string[] = [];
  for (const { locale, language, page } of pages) {
    await visit(page, language);
    const found = await audit(page);
    if (found.length > 0) report.push(`[${name}, ${locale}]\n  ${found.join('\n  ')}`);
  }
  // Soft: one page's violations do not hide the next page's.
  expect.soft(report.join('\n')).toBe('');
}

/** Opens a route afresh (a reload when only the hash would change, so lists are fetched again). */
async function open(page: Page, hash: string, testId: string): Promise<void> {
  const url = `${server.url}/#/${hash}`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.getByTestId(testId).first().waitFor(WAIT);
}

async function openEditor(page: Page): Promise<void> {
  await open(page, `flows/${FLOW_ID}`, 'canvas');
  await page.getByTestId('node-answer').waitFor(WAIT);
}

function englishPage(): Page {
  const english = pages[0];
  if (!english) throw new Error('the browsers did not start');
  return english.page;
}

let runId = '';
let evaluationId = '';
let datasetId = '';

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
  for (const { locale, language } of LOCALES) {
    const browser = await launchChromium({ locale, width: 1440, height: 900 });
    browsers.push(browser);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => console.error(`page error (${locale}): ${error.stack ?? error.message}`));
    pages.push({ locale, language, page });
  }
}, 180_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  for (const { locale, page } of pages) {
    const file = join(tmpdir(), `tailor-e2e-a11y-${locale}-${context.task.name.replace(/\W+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`screenshot of the failure: ${file}`);
  }
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await server?.stop();
  await provider?.close();
});

describe('accessibility (axe, WCAG 2 A/AA) in English and Chinese', () => {
  it('login page, in the browser language', async () => {
    await checkEach('login', async (page, language) => {
      await page.goto(server.url);
      await page.getByTestId('password').waitFor(WAIT);
      expect(await page.evaluate('document.documentElement.lang')).toBe(language === 'zh' ? 'zh-CN' : 'en');
    });
    for (const { page } of pages) {
      await page.getByTestId('password').fill(ADMIN_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('new-flow').waitFor(WAIT);
    }
  }, 90_000);

  it('flows page without flows, and the new flow dialog', async () => {
    await checkEach('flows, empty', async (page) => {
      await open(page, 'flows', 'new-flow');
    });
    await checkEach('new flow dialog', async (page) => {
      await page.getByTestId('new-flow').click();
      await page.getByTestId('new-flow-create').waitFor(WAIT);
    });
    for (const { page } of pages) {
      // Escape closes the modal and focus stays in the page.
      await page.keyboard.press('Escape');
      await page.getByTestId('new-flow-create').waitFor({ state: 'detached', ...WAIT });
    }
  }, 90_000);

  it('flows page with a flow', async () => {
    await server.api('POST', '/api/flows', a11yFlow());
    await checkEach('flows, with a flow', async (page) => {
      await open(page, 'flows', `flow-${FLOW_ID}`);
    });
  }, 60_000);

  it('editor canvas with a node selected and the inspector open', async () => {
    await checkEach('editor + inspector', async (page) => {
      await openEditor(page);
      await page.getByTestId('node-answer').click({ position: { x: 60, y: 14 } });
      await page.getByTestId('tab-inspector').click();
      await page.getByTestId('inspector').locator('#node-id').waitFor(WAIT);
    });
  }, 90_000);

  it('run panel after a run, and the chat preview', async () => {
    await checkEach('run panel', async (page) => {
      provider.enqueue({ text: ANSWER });
      await page.getByTestId('open-run').click();
      await page.getByTestId('run-input-question').fill('When are you open?');
      await page.getByTestId('run-button').click();
      await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), POLL).toBe('succeeded');
    });
    await checkEach('chat preview', async (page) => {
      provider.enqueue({ text: ANSWER });
      await page.getByTestId('open-chat').click();
      await page.getByTestId('chat-input').fill('Are you open on Monday?');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('chat-assistant').last().textContent(), POLL).toContain(ANSWER);
    });
  }, 90_000);

  it('publish dialog with a published version; Escape closes it', async () => {
    await checkEach('publish dialog', async (page) => {
      await page.getByTestId('publish-button').click();
      await page.getByTestId('publish-dialog').waitFor(WAIT);
      const before = await page.getByTestId('versions').locator('li, tr').count();
      await page.getByTestId('publish-submit').click();
      await expect.poll(() => page.getByTestId('versions').locator('li, tr').count(), POLL).toBeGreaterThan(before);
    });
    for (const { page } of pages) {
      // The modal keeps focus inside: Tab from its last control does not reach the canvas.
      for (let i = 0; i < 40; i += 1) await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.closest(\'[data-testid="publish-dialog"]\') !== null')).toBe(
        true,
      );
      await page.keyboard.press('Escape');
      await page.getByTestId('publish-dialog').waitFor({ state: 'detached', ...WAIT });
    }
  }, 90_000);

  it('runs dashboard: the list and a run detail', async () => {
    const { runs } = await server.api<{ runs: { id: string }[] }>('GET', '/api/runs?limit=5');
    runId = runs[0]?.id ?? '';
    expect(runId).not.toBe('');
    await checkEach('runs list', async (page) => {
      await open(page, 'runs', 'runs-page');
      await page.locator('[data-testid="runs-page"] tbody tr').first().waitFor(WAIT);
    });
    await checkEach('run detail', async (page) => {
      await open(page, `runs/${encodeURIComponent(runId)}`, 'run-detail');
      await page.getByTestId('run-detail').getByText(ANSWER).first().waitFor(WAIT);
    });
  }, 90_000);

  it('knowledge, credentials, API keys and settings', async () => {
    await checkEach('knowledge', async (page) => {
      await page.goto(`${server.url}/#/knowledge`);
      await page.locator('.shell-main h1').first().waitFor(WAIT);
      await page.waitForLoadState('networkidle');
    });
    await checkEach('credentials', async (page) => {
      await page.goto(`${server.url}/#/credentials`);
      await page.getByText('local', { exact: true }).first().waitFor(WAIT);
    });
    await checkEach('API keys', async (page) => {
      await page.goto(`${server.url}/#/keys`);
      await page.locator('.shell-main h1').first().waitFor(WAIT);
      await page.waitForLoadState('networkidle');
    });
    await checkEach('settings', async (page) => {
      await open(page, 'settings', 'price-settings');
      await page.waitForLoadState('networkidle');
    });
  }, 120_000);

  it('evaluation: evaluations, datasets, a dataset, a flow and a report', async () => {
    const dataset = await server.api<{ id: string }>('POST', '/api/datasets', {
      name: 'Opening hours',
      items: [
        { id: 'hours', inputs: { question: 'When do you open?' }, expected: 'When do you open?' },
        { id: 'refund', inputs: { question: 'Can I get a refund?' }, expected: 'never said' },
      ],
    });
    datasetId = dataset.id;
    const started = await server.api<{ id: string }>('POST', '/api/evaluations', {
      flowId: FLOW_ID,
      version: 'draft',
      datasetId,
      scorers: ['contains'],
      threshold: 0.5,
      concurrency: 1,
    });
    evaluationId = started.id;
    await expect
      .poll(async () => (await server.api<{ status: string }>('GET', `/api/evaluations/${evaluationId}`)).status, POLL)
      .not.toBe('running');
    await checkEach('evaluation, evaluations tab', async (page) => {
      await open(page, 'evaluation', 'evaluation-page');
      await page.getByTestId('evaluation-tab-evaluations').click();
      await page.getByTestId('evaluation-start').waitFor(WAIT);
    });
    await checkEach('evaluation, datasets', async (page) => {
      await open(page, 'evaluation/datasets', 'dataset-upload');
    });
    await checkEach('evaluation, a dataset', async (page) => {
      await open(page, `evaluation/datasets/${encodeURIComponent(datasetId)}`, 'dataset-items');
    });
    await checkEach('evaluation, a flow', async (page) => {
      await open(page, `evaluation/flows/${FLOW_ID}`, 'evaluation-page');
      await page.waitForLoadState('networkidle');
    });
    await checkEach('evaluation, a report', async (page) => {
      await page.goto(`${server.url}/#/evaluation/reports/${encodeURIComponent(evaluationId)}`);
      await page.locator('[data-testid="evaluation-report"]:not([data-status="running"])').waitFor(WAIT);
      await page.getByTestId('report-item').first().waitFor(WAIT);
    });
  }, 120_000);
});

describe('keyboard only', () => {
  it('reaches the main navigation by Tab from the top of the page', async () => {
    const page = englishPage();
    await open(page, 'flows', `flow-${FLOW_ID}`);
    await page.reload();
    await page.getByTestId(`flow-${FLOW_ID}`).waitFor(WAIT);
    const reached: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate<string>("document.activeElement?.getAttribute('href') ?? ''"));
    }
    expect(reached).toEqual(expect.arrayContaining(['#/flows', '#/runs', '#/evaluation', '#/settings']));
    // A nav link followed with Enter.
    while ((await page.evaluate<string>("document.activeElement?.getAttribute('href') ?? ''")) !== '#/runs')
      await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('runs-page').waitFor(WAIT);
  }, 60_000);

  it('switches the language from the rail with the keyboard, and back', async () => {
    const page = englishPage();
    await open(page, 'runs', 'runs-page');
    const focused = () => page.evaluate<string>("document.activeElement?.getAttribute('data-testid') ?? ''");
    for (let i = 0; i < 30 && (await focused()) !== 'language-toggle'; i += 1) await page.keyboard.press('Tab');
    expect(await page.getByTestId('language-toggle').getAttribute('lang')).toBe('zh-CN');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '运行记录' }).waitFor(WAIT);
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    expect(await page.getByTestId('language-toggle').getAttribute('lang')).toBe('en');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Runs' }).waitFor(WAIT);
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
  }, 60_000);

  it('adds a node from the palette with Enter and opens it in the inspector', async () => {
    const page = englishPage();
    await openEditor(page);
    const before = await page.locator('.react-flow__node').count();
    const search = page.getByRole('searchbox').first();
    await search.focus();
    await page.keyboard.type('template');
    // Tab from the search field to the first matching palette entry, then Enter adds it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>("document.activeElement?.getAttribute('data-testid') ?? ''")).toBe(
      'palette-template',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node').count(), POLL).toBe(before + 1);
    await page.getByTestId('node-template').waitFor(WAIT);
    // The new node is selected; Tab reaches the inspector's tab, Enter opens it, Tab enters its fields.
    const focused = () => page.evaluate<string>("document.activeElement?.getAttribute('data-testid') ?? ''");
    for (let i = 0; i < 80 && (await focused()) !== 'tab-inspector'; i += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe('tab-inspector');
    // The side tabs are one Tab stop; the arrow keys move between them and show their panel.
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('tab-run');
    expect(await page.getByTestId('tab-run').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('tab-inspector');
    await page.keyboard.press('Enter');
    const nodeId = page.getByTestId('inspector').locator('#node-id');
    await expect.poll(() => nodeId.inputValue(), POLL).toBe('template');
    const focusedId = () => page.evaluate<string>("document.activeElement?.id ?? ''");
    for (let i = 0; i < 20 && (await focusedId()) !== 'node-id'; i += 1) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('node-id');
    // Connect it without a mouse: the inspector's connections form picks the next node.
    const targetSelect = 'connect-target-template';
    for (let i = 0; i < 80 && (await focusedId()) !== targetSelect; i += 1) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe(targetSelect);
    await page.keyboard.type('answer');
    expect(await page.locator(`#${targetSelect}`).inputValue()).toBe('answer');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('connect-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('connection-list').textContent(), POLL).toContain('answer');
    await expect.poll(() => page.locator('.react-flow__edge[data-id*="template"]').count(), POLL).toBe(1);
  }, 60_000);
});
