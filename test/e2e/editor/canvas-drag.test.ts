import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchChromium } from './support/chromium.js';
import { largeFlow } from './support/large-flow.js';
import { ADMIN_PASSWORD, startTailor, type TailorServer } from './support/tailor-server.js';

/**
 * Dragging keeps positions in the canvas until the mouse is released: then the move is written to
 * the document once — one undo step, one autosave — in a 300-node flow, zoomed out (level of detail).
 */
const POLL = { timeout: 30_000, interval: 100 };

let server: TailorServer;
let browser: Browser;
let page: Page;

interface SavedFlow {
  document: { ui?: { positions?: Record<string, { x: number; y: number }> } };
  revision: number;
}

const savedPosition = async (id: string) =>
  (await server.api<SavedFlow>('GET', '/api/flows/drag-300')).document.ui?.positions?.[id];

beforeAll(async () => {
  server = await startTailor();
  await server.api('POST', '/api/flows', largeFlow('drag-300', 300));
  browser = await launchChromium({ width: 1600, height: 1000 });
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

describe('dragging a node in a 300-node flow', () => {
  it('moves the node, saves the new position once, and undoes the whole drag in one step', async () => {
    await page.goto(`${server.url}/#/flows/drag-300`);
    const node = page.getByTestId('node-n4');
    await node.waitFor({ timeout: 60_000 });
    // Opened to fit 300 nodes, the canvas is zoomed out: nodes drop their detail.
    await expect.poll(() => page.getByTestId('canvas').getAttribute('class'), POLL).toContain('is-zoomed-out');
    const before = await savedPosition('n4');
    const revision = (await server.api<SavedFlow>('GET', '/api/flows/drag-300')).revision;
    const box = await node.boundingBox();
    if (!box || !before) throw new Error('node n4 is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + 6);
    await page.mouse.down();
    for (let step = 1; step <= 30; step += 1) await page.mouse.move(box.x + box.width / 2 + step * 4, box.y + 6 + step);
    // Mid-drag nothing was written: the document is untouched until release.
    expect(await page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await page.mouse.up();

    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), POLL).toBe('saved');
    const after = await savedPosition('n4');
    expect(after?.x).toBeGreaterThan(before.x + 100);
    expect(after?.y).toBeGreaterThan(before.y);
    // One save for the whole drag.
    expect((await server.api<SavedFlow>('GET', '/api/flows/drag-300')).revision).toBe(revision + 1);

    await page.keyboard.press('Control+z');
    await expect.poll(() => savedPosition('n4'), POLL).toEqual(before);
    const undone = await node.boundingBox();
    expect(Math.abs((undone?.x ?? 0) - box.x)).toBeLessThan(1);
  }, 120_000);
});
