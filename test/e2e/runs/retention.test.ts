import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from '../editor/support/chromium.js';
import { ADMIN_PASSWORD, startTailor, type TailorServer } from '../editor/support/tailor-server.js';

/** The run retention section of the settings page against a real `tailor serve` with TAILOR_RETENTION_DAYS. */
const WAIT = { timeout: 30_000 };
let server: TailorServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTailor({ TAILOR_RETENTION_DAYS: '90' });
  browser = await launchChromium({ width: 1280, height: 900 });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(server.url);
  await page.getByTestId('password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.locator('a.rail-item[href="#/settings"]').click();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('run retention on the settings page, in Chromium', () => {
  it('shows the period from TAILOR_RETENTION_DAYS, and saves an admin setting the server then applies', async () => {
    const effective = page.getByTestId('retention-effective');
    await effective.getByText('Runs older than 90 days are deleted.').waitFor(WAIT);
    expect(await effective.textContent()).toContain('TAILOR_RETENTION_DAYS');

    await page.getByLabel('Keep runs for (days)').fill('30');
    await page.locator('form[aria-labelledby="retention-title"] button[type="submit"]').click();
    await effective.getByText('Runs older than 30 days are deleted.').waitFor(WAIT);
    const state = await server.api<{ days: number | null; effectiveDays: number | null }>(
      'GET',
      '/api/settings/retention',
    );
    expect(state).toMatchObject({ days: 30, effectiveDays: 30 });

    await page.getByLabel('Keep runs for (days)').fill('0');
    await page.locator('form[aria-labelledby="retention-title"] button[type="submit"]').click();
    await effective.getByText('Runs are kept forever.').waitFor(WAIT);
  }, 60_000);
});
