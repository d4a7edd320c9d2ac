import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from './support/chromium.js';
import { ADMIN_PASSWORD, startTailor, type TailorServer } from './support/tailor-server.js';

/** "Run this node" in the inspector: one node alone, its input pinned from the last run and edited. */
const WAIT = { timeout: 30_000 };
const POLL = { timeout: 30_000, interval: 100 };

let server: TailorServer;
let browser: Browser;
let page: Page;

const flow = {
  schema: 'tailor.flow/v1',
  id: 'single',
  name: 'Single node',
  nodes: [
    { id: 'start', type: 'input', config: { fields: [{ name: 'message', type: 'string', required: true }] } },
    { id: 'shout', type: 'template', config: { template: '{{ start.message }}!' } },
    { id: 'end', type: 'output', config: { value: '{{ shout.text }}' } },
  ],
  edges: [
    { from: 'start', to: 'shout' },
    { from: 'shout', to: 'end' },
  ],
  ui: { positions: { start: { x: 0, y: 0 }, shout: { x: 300, y: 0 }, end: { x: 600, y: 0 } } },
};

beforeAll(async () => {
  server = await startTailor();
  await server.api('POST', '/api/flows', flow);
  browser = await launchChromium({ width: 1600, height: 940 });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (error) => console.error(`page error: ${error.stack ?? error.message}`));
  await page.request.post(`${server.url}/api/auth/login`, {
    headers: { 'X-Tailor-Csrf': '1' },
    data: { password: ADMIN_PASSWORD },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('running a single node from the inspector', () => {
  it('prefills the pinned input from the last run and runs only that node', async () => {
    await page.goto(`${server.url}/#/flows/single`);
    await page.getByTestId('open-run').click();
    await page.getByTestId('run-input-message').fill('hello');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), POLL).toBe('succeeded');

    await page.getByTestId('node-shout').click({ position: { x: 60, y: 14 } });
    await page.getByTestId('tab-inspector').click();
    await page.getByTestId('node-run-alone').click();
    const pins = page.getByTestId('node-run-pins');
    expect(JSON.parse(await pins.inputValue())).toEqual({ start: { message: 'hello' } });

    await pins.fill(JSON.stringify({ start: { message: 'pinned' } }));
    await page.getByTestId('node-run-start').click();
    await expect.poll(() => page.getByTestId('node-run-output').textContent(), POLL).toContain('pinned!');
    expect(await page.getByTestId('node-shout').getAttribute('data-status')).toBe('succeeded');
    // Nothing below the node ran.
    expect(await page.getByTestId('node-end').getAttribute('data-status')).toBe('idle');

    await pins.fill('{ not json');
    await page.getByTestId('node-run-start').click();
    await page.getByTestId('node-run-problem').waitFor(WAIT);
  }, 120_000);
});
