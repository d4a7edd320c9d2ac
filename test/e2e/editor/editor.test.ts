import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderServer, startProviderServer } from '../../support/index.js';
import { type Browser, launchChromium } from './support/chromium.js';
import { ADMIN_PASSWORD, ROOT, startTailor, type TailorServer } from './support/tailor-server.js';

/**
 * The analyst's path through the real product: a `tailor serve` on a fresh data directory, the built
 * editor in headless Chromium, and a local server speaking the OpenAI wire protocol as the model.
 */
const ANSWER = 'We are open from nine to five, Monday to Friday.';
const SCREENSHOTS = process.env.TAILOR_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : undefined;
const WAIT = { timeout: 30_000 };
const POLL = { timeout: 30_000, interval: 100 };

let server: TailorServer;
let provider: ProviderServer;
let browser: Browser;
let page: Page;

async function shoot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name) });
}

async function dropFromPalette(type: string, x: number, y: number): Promise<void> {
  const canvas = page.getByTestId('canvas');
  await page.getByTestId(`palette-${type}`).dragTo(canvas, { targetPosition: { x, y } });
  await page.getByTestId(`node-${type}`).waitFor(WAIT);
}

async function connect(from: string, to: string): Promise<void> {
  const source = page.locator(`[data-testid=node-${from}] .react-flow__handle.source`).first();
  const target = page.locator(`[data-testid=node-${to}] .react-flow__handle.target`).first();
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error(`handles of ${from} → ${to} are not on screen`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.locator(`.react-flow__edge[data-id="${from}:out->${to}"]`).waitFor({ state: 'attached', ...WAIT });
}

async function select(nodeId: string): Promise<Locator> {
  await page.getByTestId(`node-${nodeId}`).click({ position: { x: 60, y: 14 } });
  await page.getByTestId('tab-inspector').click();
  const inspector = page.getByTestId('inspector');
  await inspector
    .locator('#node-id')
    .and(page.locator(`[value="${nodeId}"]`))
    .waitFor(WAIT);
  return inspector;
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
  browser = await launchChromium({ width: 1600, height: 940 });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text().slice(0, 3000)}`));
  page.on('pageerror', (error) => console.error(`page error: ${error.stack ?? error.message}`));
}, 180_000);

// A failed step leaves a screenshot of what the browser showed, named in the output.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || !page) return;
  const file = join(tmpdir(), `tailor-e2e-${context.task.name.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
  console.error(`screenshot of the failure: ${file}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

describe('editor, end to end in Chromium', () => {
  it('signs in and creates a blank flow', async () => {
    await page.goto(server.url);
    await page.getByTestId('password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('new-flow').click();
    // The dialog offers a blank flow (picked first) and the templates.
    await page.getByTestId('new-flow-create').click();
    await page.getByTestId('canvas').waitFor(WAIT);
    await page.getByTestId('node-start').waitFor(WAIT);
    // Start from the input alone: remove the output the blank flow comes with.
    await page.getByTestId('node-end').click({ position: { x: 60, y: 14 } });
    await page.keyboard.press('Delete');
    await page.getByTestId('node-end').waitFor({ state: 'detached', ...WAIT });
  }, 60_000);

  it('drags three nodes from the palette and connects them', async () => {
    await dropFromPalette('template', 130, 140);
    await dropFromPalette('model', 340, 320);
    await dropFromPalette('output', 560, 140);
    await connect('start', 'template');
    await connect('template', 'model');
    await connect('model', 'output');
    expect(await page.locator('.react-flow__edge').count()).toBe(3);
  }, 90_000);

  it('shows a validation problem inline and on the node, and clears it once fixed', async () => {
    const inspector = await select('model');
    // A model without provider and model: the server's validator says so on those fields.
    const providerField = inspector.locator('[data-field="f-model-provider"]');
    await providerField.getByTestId('field-problem').first().waitFor(WAIT);
    expect(await providerField.getByTestId('field-problem').first().textContent()).toContain('provider');
    await page.getByTestId('node-problems-model').waitFor(WAIT);

    // The model picker: providers from /api/providers, models from the provider's own list.
    await inspector.locator('#f-model-provider').selectOption('openai');
    await inspector.locator('#f-model-credential').selectOption('local');
    const status = inspector.getByTestId('model-status');
    await expect.poll(() => status.textContent(), POLL).toContain('Listed by the provider: 1.');
    expect(
      await inspector
        .locator('#f-model-model-models option')
        .evaluateAll((os) => os.map((o) => o.getAttribute('value'))),
    ).toContain('gpt-test');
    // A model the provider does not list can still be typed.
    await inspector.locator('#f-model-model').fill('gpt-4o-mini');
    await expect.poll(() => status.textContent(), POLL).toContain('does not list this model');
    await inspector.locator('#f-model-prompt').fill('Answer the customer: {{ template.text }}');
    await providerField
      .getByTestId('field-problem')
      .first()
      .waitFor({ state: 'detached', ...WAIT });

    const template = await select('template');
    const field = template.locator('#f-template-template');
    await field.click();
    await field.pressSequentially('Question: {{ start.me');
    await page.getByTestId('reference-suggestions').waitFor(WAIT);
    await page.keyboard.press('Enter');
    await expect.poll(() => field.inputValue(), POLL).toBe('Question: {{ start.message }}');

    const output = await select('output');
    await output.locator('#f-output-value').fill('{{ model.text }}');
    await expect.poll(() => page.getByTestId('problems-count').getAttribute('class'), POLL).not.toContain('has-errors');
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), POLL).toBe('saved');
    await page.getByLabel('Name', { exact: true }).fill('Customer FAQ bot');
    await page.getByRole('button', { name: 'Tidy layout' }).click();
    await page.waitForFunction('document.querySelectorAll(".react-flow__node").length === 4');
    await shoot('editor-canvas.png');
  }, 90_000);

  it('runs the flow and shows live statuses and a node output', async () => {
    provider.enqueue({ text: ANSWER });
    await page.getByTestId('open-run').click();
    await page.getByTestId('run-input-message').fill('When are you open?');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), POLL).toBe('succeeded');
    for (const id of ['start', 'template', 'model', 'output']) {
      expect(await page.getByTestId(`node-${id}`).getAttribute('data-status')).toBe('succeeded');
    }
    expect(await page.getByTestId('run-output').textContent()).toContain(ANSWER);
    await shoot('editor-run.png');
    await select('model');
    await expect.poll(() => page.getByTestId('node-run-output').textContent(), POLL).toContain(ANSWER);
    const sent = provider.requestsTo('/chat/completions').at(-1)?.body as { messages?: { content?: string }[] };
    expect(JSON.stringify(sent?.messages)).toContain('Question: When are you open?');
  }, 90_000);

  it('re-runs from a node, reusing the recorded outputs above it', async () => {
    provider.enqueue({ text: ANSWER });
    const before = provider.requestsTo('/chat/completions').length;
    await select('model');
    await page.getByRole('button', { name: 'Re-run from here' }).click();
    await page.getByTestId('open-run').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), POLL).toBe('succeeded');
    expect(provider.requestsTo('/chat/completions').length).toBe(before + 1);
    expect(await page.getByTestId('node-output').getAttribute('data-status')).toBe('succeeded');
  }, 60_000);

  it('chats with the flow in the preview', async () => {
    provider.enqueue({ text: ANSWER });
    await page.getByTestId('open-chat').click();
    await page.getByTestId('chat-input').fill('Are you open on Monday?');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chat-assistant').last().textContent(), POLL).toContain(ANSWER);
    expect(await page.getByTestId('chat-user').last().textContent()).toBe('Are you open on Monday?');
  }, 60_000);

  it('publishes a version and copies the embed snippet with a new key', async () => {
    await page.getByTestId('publish-button').click();
    await page.getByTestId('publish-submit').click();
    await expect.poll(() => page.getByTestId('versions').textContent(), POLL).toContain('v1');
    // The new version is the live one (a stale cached flow would say otherwise).
    await expect.poll(() => page.getByTestId('versions').locator('.pill-live').count(), POLL).toBe(1);
    await page.getByTestId('create-key').click();
    const key = (await page.getByTestId('created-key').locator('code').textContent({ timeout: 30_000 })) ?? '';
    expect(key.length).toBeGreaterThan(10);
    await page.getByTestId('example-tab-embed').click();
    const snippet = (await page.getByTestId('embed-snippet').textContent()) ?? '';
    expect(snippet).toContain(`data-key="${key}"`);
    expect(snippet).toContain(`${server.url}/widget.js`);
    await page.getByTestId('embed-snippet-copy').click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(snippet);
    const versions = await server.api<{ version: number }[]>('GET', `/api/flows/${await flowId()}/versions`);
    expect(versions.map((v) => v.version)).toEqual([1]);
  }, 60_000);
});

async function flowId(): Promise<string> {
  const match = /#\/flows\/([^/]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on a flow page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}
