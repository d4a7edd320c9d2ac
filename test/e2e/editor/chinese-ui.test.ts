import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from './support/chromium.js';
import { ADMIN_PASSWORD, ROOT, startTailor, type TailorServer } from './support/tailor-server.js';

/**
 * The canvas page for a browser set to Chinese: the UI chrome, port labels, input field types and
 * status chips are translated (node ids, template text and class names stay the analyst's own).
 * With TAILOR_SCREENSHOTS=1 it refreshes docs/screenshots/editor-run-zh.png.
 */
const SCREENSHOTS = process.env.TAILOR_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : undefined;
const POLL = { timeout: 30_000, interval: 100 };

let server: TailorServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTailor();
  await server.api('POST', '/api/flows', {
    schema: 'tailor.flow/v1',
    id: 'zh',
    name: '客服问答',
    nodes: [
      {
        id: 'start',
        type: 'input',
        config: {
          fields: [
            { name: 'question', type: 'string', required: true },
            { name: 'count', type: 'number' },
          ],
        },
      },
      { id: 'guard', type: 'safety', config: { text: '{{ start.question }}', checks: ['pii', 'injection'] } },
      {
        id: 'reply',
        type: 'template',
        name: '整理回答（带上用户的原始问题）',
        config: { template: '您的问题：{{ start.question }}' },
      },
      { id: 'refuse', type: 'template', config: { template: '抱歉，无法回答。' } },
      { id: 'end', type: 'output', config: { value: '{{ reply.text }}{{ refuse.text }}' } },
    ],
    edges: [
      { from: 'start', to: 'guard' },
      { from: 'guard', port: 'pass', to: 'reply' },
      { from: 'guard', port: 'block', to: 'refuse' },
      { from: 'reply', to: 'end' },
      { from: 'refuse', to: 'end' },
    ],
    ui: {
      positions: {
        start: { x: 0, y: 80 },
        guard: { x: 280, y: 80 },
        reply: { x: 560, y: 0 },
        refuse: { x: 560, y: 200 },
        end: { x: 840, y: 80 },
      },
    },
  });
  browser = await launchChromium({ width: 1600, height: 940, locale: 'zh-CN' });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.request.post(`${server.url}/api/auth/login`, {
    headers: { 'X-Tailor-Csrf': '1' },
    data: { password: ADMIN_PASSWORD },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the canvas page in Chinese', () => {
  it('translates the chrome, port labels, field types and statuses of a run', async () => {
    await page.goto(`${server.url}/#/flows/zh`);
    await page.getByTestId('node-guard').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('tab-inspector').textContent()).toBe('属性');
    expect(await page.getByTestId('publish-button').textContent()).toContain('发布');
    const ports = await page.getByTestId('node-guard').locator('.port span').allTextContents();
    expect(ports).toEqual(['通过', '拦截']);
    // A long name is cut on the card but readable in full on hover.
    expect(await page.getByTestId('node-reply').locator('.tnode-title').getAttribute('title')).toBe(
      '整理回答（带上用户的原始问题）',
    );

    await page.getByTestId('open-run').click();
    const labels = await page.locator('.inputs-form .field-label').allTextContents();
    expect(labels.join(' ')).toContain('文本');
    expect(labels.join(' ')).toContain('数字');
    await page.getByTestId('run-input-question').fill('营业时间是几点？');
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), POLL).toBe('succeeded');
    expect(await page.getByTestId('node-reply').locator('.chip').textContent()).toContain('完成');
    expect(await page.getByTestId('node-refuse').locator('.chip').textContent()).toContain('已跳过');
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'editor-run-zh.png') });
    }
  }, 120_000);
});
