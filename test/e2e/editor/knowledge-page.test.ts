import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from './support/chromium.js';
import { ADMIN_PASSWORD, startTailor, type TailorServer } from './support/tailor-server.js';

/**
 * The knowledge page in Chromium: create a base, upload a Markdown file (sent as the raw body with
 * `?name=`, progress shown), read the chunks it became, and search it with the retrieval debugger.
 */
const WAIT = { timeout: 30_000 };
const POLL = { timeout: 30_000, interval: 100 };

const HANDBOOK = `# Opening hours

We are open from nine to five, Monday to Friday.

# Returns

Items can be returned within thirty days with the receipt.
`;

let server: TailorServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTailor();
  browser = await launchChromium({ width: 1440, height: 900 });
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

describe('knowledge page', () => {
  it('creates a base, uploads Markdown with progress, previews its chunks and searches them', async () => {
    await page.goto(`${server.url}/#/knowledge`);
    await page.getByPlaceholder('Name').fill('Help center');
    await page.getByRole('button', { name: 'New knowledge base' }).click();
    // The name becomes the base's identifier.
    await page.locator('.list-card', { hasText: 'help-center' }).waitFor(WAIT);

    // Record every progress value the page shows while the file goes up.
    await page.evaluate(`(() => {
      window.__progress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=kb-progress]');
        if (bar) window.__progress.push(Number(bar.getAttribute('aria-valuenow')));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    await page.getByTestId('kb-upload').setInputFiles({
      name: 'handbook.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(HANDBOOK),
    });

    const preview = page.getByTestId('kb-chunk-preview');
    await preview.waitFor(WAIT);
    expect(await preview.textContent()).toContain('handbook.md');
    await expect.poll(() => page.getByTestId('kb-chunk').count(), POLL).toBeGreaterThanOrEqual(1);
    expect(await preview.textContent()).toContain('nine to five');
    expect(await preview.textContent()).toContain('Returns');
    const progress = (await page.evaluate('window.__progress')) as number[];
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((value) => value >= 0 && value <= 100)).toBe(true);
    expect(await page.locator('.list-card', { hasText: 'help-center' }).textContent()).toContain('1 documents');

    const stored = await server.api<{ documentList: Array<{ name: string; chunks: number }> }>(
      'GET',
      '/api/knowledge/help-center',
    );
    expect(stored.documentList.map((doc) => doc.name)).toEqual(['handbook.md']);

    await page.getByTestId('kb-query').fill('when can I return items');
    await page.getByTestId('kb-search-submit').click();
    const hit = page.getByTestId('kb-hit').first();
    await hit.waitFor(WAIT);
    expect(await hit.textContent()).toContain('thirty days');
  }, 120_000);
});
