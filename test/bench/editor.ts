import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/editor/support/chromium.js';
import { largeFlow } from '../e2e/editor/support/large-flow.js';
import { ADMIN_PASSWORD, buildEditor, startTailor } from '../e2e/editor/support/tailor-server.js';
import { type BenchArea, type BenchRow, percentile } from './bench-row.js';

const DRAG_STEPS = 120;

/** The JS the browser must fetch before the first paint: the entry module and what it preloads. */
function initialJsGzip(dist: string): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length, 0);
}

/** Milliseconds from navigation start until `selector` is on screen, measured inside the page. */
async function timeUntil(page: Page, url: string, selector: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector(selector, { timeout: 60_000 });
  return (await page.evaluate('performance.now()')) as number;
}

/**
 * Main-thread work per frame while a node is dragged: from the frame's pointer event to the end of
 * its rendering work (a message posted from requestAnimationFrame runs after the frame's update).
 * Installed in the page as text: this file is compiled without the DOM library.
 */
const FRAME_PROBE = `(() => {
  window.__frames = [];
  let inputAt = null;
  window.addEventListener('pointermove', () => {
    if (inputAt !== null) return;
    inputAt = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__frames.push(performance.now() - inputAt); inputAt = null; };
      channel.port2.postMessage(0);
    });
  }, { capture: true });
})()`;
const NEXT_FRAME = 'new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))';

async function dragFrameTimes(page: Page): Promise<number[]> {
  await page.evaluate(FRAME_PROBE);
  const node = page.locator('.react-flow__node').nth(5);
  const box = await node.boundingBox();
  if (!box) throw new Error('no node to drag');
  const x = box.x + box.width / 2;
  const y = box.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= DRAG_STEPS; step += 1) {
    await page.mouse.move(x + step * 3, y + Math.sin(step / 8) * 40);
    await page.evaluate(NEXT_FRAME);
  }
  await page.mouse.up();
  return (await page.evaluate('window.__frames')) as number[];
}

const editorBench: BenchArea = {
  name: 'editor',
  async run(): Promise<BenchRow[]> {
    const server = await startTailor();
    const browser = await launchChromium({ width: 1600, height: 1000 });
    try {
      await server.api('POST', '/api/flows', largeFlow('bench-300', 300));
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.request.post(`${server.url}/api/auth/login`, {
        headers: { 'X-Tailor-Csrf': '1' },
        data: { password: ADMIN_PASSWORD },
      });
      const shell = await timeUntil(page, `${server.url}/#/flows`, '[data-testid=flow-list] .card');
      const editor = await timeUntil(page, `${server.url}/#/flows/bench-300`, '.react-flow__node');
      const frames = (await dragFrameTimes(page)).sort((a, b) => a - b);
      return [
        {
          area: 'editor',
          metric: 'initial JS (gzip)',
          value: initialJsGzip(buildEditor()) / 1024,
          unit: 'KiB',
          goal: '< 120 KiB',
        },
        { area: 'editor', metric: 'time to interactive, flows list', value: shell, unit: 'ms' },
        { area: 'editor', metric: 'time to interactive, 300-node flow', value: editor, unit: 'ms' },
        { area: 'editor', metric: 'drag frame work p50, 300 nodes', value: percentile(frames, 50), unit: 'ms' },
        {
          area: 'editor',
          metric: 'drag frame work p95, 300 nodes',
          value: percentile(frames, 95),
          unit: 'ms',
          goal: '< 16 ms',
        },
      ];
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};

export default editorBench;
