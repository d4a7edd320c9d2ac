import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type Browser, launchChromium } from '../editor/support/chromium.js';
import { ROOT, startWidgetWorld, type WidgetWorld } from './support/widget-world.js';

/**
 * The website owner's path: a page on another origin pastes the script tag, a visitor asks and
 * reads a streamed answer; a site that is not allowed gets nothing; hostile model output stays text.
 */
const SCREENSHOTS = process.env.TAILOR_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : undefined;
const WAIT = { timeout: 30_000 };

let world: WidgetWorld;
let browser: Browser;
let page: Page;

/** A page that fights back: global styles that would spoil any widget not isolated from them. */
function hostPage(world: WidgetWorld, options: { lang?: string; extra?: string; head?: string } = {}): string {
  return `<!doctype html>
<html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8">${options.head ?? ''}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme shop</title>
<style>
  body { font: 18px/3 Georgia, serif; color: rgb(200, 0, 0); margin: 40px; background: #fafaf7; }
  button { background: rgb(255, 255, 0); border: 3px solid black; }
  div, p, textarea { padding: 30px !important; }
</style></head>
<body>
  <h1>Acme shop</h1>
  <p>Free delivery on orders over ¥99. Returns within 7 days.</p>
  <button id="page-button">Page button</button>
  <script src="${world.tailor.url}/widget.js" data-flow="shop-faq" data-key="${world.key}" ${options.extra ?? ''} defer></script>
</body></html>`;
}

async function shoot(name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name) });
}

async function ask(question: string): Promise<void> {
  await page.getByTestId('widget-input').fill(question);
  await page.getByTestId('widget-send').click();
}

/**
 * Records in the page every text the last answer shows as it changes. (Browser code is passed as
 * text: this package compiles for Node, without the DOM's types.)
 */
const RECORD_ANSWER_TEXTS = `(() => {
  const root = document.querySelector('tailor-chat').shadowRoot;
  const seen = (window.answerTexts = []);
  new MutationObserver(() => {
    const bodies = root.querySelectorAll('[data-testid="widget-message"][data-role="assistant"] .body');
    const text = bodies[bodies.length - 1]?.textContent ?? '';
    if (text && seen.at(-1) !== text) seen.push(text);
  }).observe(root, { subtree: true, childList: true, characterData: true });
})()`;

const FOCUSED_IN_WIDGET = `document.querySelector('tailor-chat').shadowRoot.activeElement?.getAttribute('data-testid') ?? ''`;

/** The one browser function these tests need, typed here since the DOM's types are not loaded. */
type StyleWindow = { getComputedStyle(element: unknown): Record<string, string> };

function computed(locator: Locator, property: string): Promise<string | undefined> {
  return locator.evaluate(
    (element, name) => (globalThis as unknown as StyleWindow).getComputedStyle(element)[name],
    property,
  );
}

beforeAll(async () => {
  world = await startWidgetWorld();
  browser = await launchChromium({ width: 1280, height: 800 });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe('chat widget in Chromium, embedded on another origin', () => {
  it('adds a bubble that opens the chat with the flow’s title, greeting and suggestions', async () => {
    await page.goto(world.shop.page('/', hostPage(world)));
    await page.getByTestId('widget-launcher').waitFor(WAIT);
    await shoot('widget-closed.png');
    await page.getByTestId('widget-launcher').click();
    await expect.poll(() => page.locator('tailor-chat .title').textContent(), WAIT).toBe('Acme help');
    expect(await page.getByTestId('widget-greeting').textContent()).toBe(
      'Hi! Ask me about orders, delivery and returns.',
    );
    expect(await page.getByTestId('widget-greeting').locator('strong').textContent()).toBe('orders');
    expect(await page.getByTestId('widget-suggestion').allTextContents()).toEqual([
      'How do returns work?',
      'When will my order arrive?',
    ]);
    // Focus moved into the question box, so the visitor can type at once.
    expect(await page.evaluate(FOCUSED_IN_WIDGET)).toBe('widget-input');
  });

  it('streams the answer piece by piece and shows its sources', async () => {
    const answer = 'Returns are **free** within 7 days. Start one from *My orders* and print the label.';
    world.provider.enqueue({ text: answer, chunkSize: 6, delayMs: 40 });
    await page.evaluate(RECORD_ANSWER_TEXTS);
    await ask('How do returns work?');
    const last = page.getByTestId('widget-message').last();
    await expect.poll(() => last.getAttribute('data-state'), WAIT).toBe('done');
    const rendered = 'Returns are free within 7 days. Start one from My orders and print the label.';
    expect(await last.locator('.body').textContent()).toBe(rendered);
    expect(await last.locator('.body strong').textContent()).toBe('free');
    // The answer appeared in several growing pieces before it was whole: it streamed.
    const texts = (await page.evaluate('window.answerTexts')) as string[];
    const partial = texts.filter((text) => text !== rendered && text.length > 0);
    expect(partial.length).toBeGreaterThanOrEqual(3);
    expect(await last.locator('.sources a').getAttribute('href')).toBe('https://shop.example/returns');
    // The model saw the visitor's question.
    const request = world.provider.requestsTo('/chat/completions').at(-1);
    expect(JSON.stringify(request?.body)).toContain('How do returns work?');
    await shoot('widget-answer.png');
  });

  it('keeps the conversation and its session across page loads', async () => {
    const stored = await page.evaluate(`Object.entries(localStorage).find(([k]) => k.startsWith('tailor-chat:'))?.[1]`);
    const sessionId = (JSON.parse(String(stored ?? '{}')) as { sessionId?: string }).sessionId;
    expect(sessionId).toMatch(/^ws_/);
    await page.reload();
    await page.getByTestId('widget-message').nth(1).waitFor(WAIT);
    expect(await page.getByTestId('widget-message').count()).toBe(2);
    // The bubble was open when the visitor left, so it is open again.
    expect(await page.locator('tailor-chat').getAttribute('data-open')).toBe('');
    // The run was recorded under the widget's session.
    const { runs } = await world.api<{ runs: Array<{ sessionId?: string; status: string }> }>(
      'GET',
      '/api/runs?flowId=shop-faq',
    );
    expect(runs[0]).toMatchObject({ sessionId, status: 'succeeded' });
  });

  it('waits out a lost connection with a visible state and answers once it is back', async () => {
    world.provider.enqueue({ text: 'Delivery takes two days.', chunkSize: 8 });
    await browser.context.setOffline(true);
    await ask('How long is delivery?');
    const banner = page.locator('tailor-chat .banner');
    await banner.waitFor({ state: 'visible', ...WAIT });
    expect(await banner.textContent()).toContain('You are offline');
    expect(await page.locator('tailor-chat .status').textContent()).toBe('Reconnecting…');
    await browser.context.setOffline(false);
    const last = page.getByTestId('widget-message').last();
    await expect.poll(() => last.getAttribute('data-state'), WAIT).toBe('done');
    expect(await last.locator('.body').textContent()).toBe('Delivery takes two days.');
    expect(await banner.isVisible()).toBe(false);
  });

  it('renders a model answer holding an HTML image with onerror as plain text', async () => {
    const hostile = 'Look: <img src=x onerror="window.pwned=1"> and [click](javascript:window.pwned=2)';
    world.provider.enqueue({ text: hostile, chunkSize: 8 });
    const before = await page.getByTestId('widget-message').count();
    await ask('Show me a picture');
    // Until the new question and its answer are on screen, `last()` is the previous, finished answer.
    await expect.poll(() => page.getByTestId('widget-message').count(), WAIT).toBeGreaterThanOrEqual(before + 2);
    const last = page.getByTestId('widget-message').last();
    await expect.poll(() => last.getAttribute('data-state'), WAIT).toBe('done');
    expect(await last.locator('.body').textContent()).toBe('Look: <img src=x onerror="window.pwned=1"> and click');
    expect(await last.locator('img').count()).toBe(0);
    expect(await last.locator('.body a').count()).toBe(0);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
  });

  it('keeps the page’s styles out of the widget and its own out of the page', async () => {
    expect(await computed(page.getByTestId('widget-launcher'), 'backgroundColor')).toBe('rgb(15, 118, 110)');
    expect(await computed(page.getByTestId('widget-message').last(), 'color')).not.toBe('rgb(200, 0, 0)');
    expect(await computed(page.getByTestId('widget-input'), 'paddingTop')).not.toBe('30px');
    expect(await computed(page.locator('#page-button'), 'backgroundColor')).toBe('rgb(255, 255, 0)');
  });

  it('keeps its looks and works on a page whose CSP forbids inline styles', async () => {
    const csp = `default-src 'self'; script-src ${world.tailor.url}; connect-src ${world.tailor.url}; style-src 'self'`;
    const head = `<meta http-equiv="Content-Security-Policy" content="${csp}">`;
    await page.addInitScript(`window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.effectiveDirective));`);
    await page.goto(world.shop.page('/csp', hostPage(world, { head })));
    await page.getByTestId('widget-launcher').waitFor(WAIT);
    expect(await computed(page.getByTestId('widget-launcher'), 'backgroundColor')).toBe('rgb(15, 118, 110)');
    if ((await page.locator('tailor-chat').getAttribute('data-open')) === null) {
      await page.getByTestId('widget-launcher').click();
    }
    world.provider.enqueue({ text: 'Yes, even here.', chunkSize: 5 });
    await ask('Does it work with a strict policy?');
    const last = page.getByTestId('widget-message').last();
    await expect.poll(() => last.getAttribute('data-state'), WAIT).toBe('done');
    expect(await last.locator('.body').textContent()).toBe('Yes, even here.');
    // The page's own inline <style> is refused (one violation); the widget's stylesheets are not.
    expect(await page.evaluate('window.violations')).toEqual(['style-src-elem']);
  });

  it('closes with Escape and gives focus back to the launcher', async () => {
    await page.getByTestId('widget-input').focus();
    await page.keyboard.press('Escape');
    expect(await page.locator('tailor-chat').getAttribute('data-open')).toBeNull();
    expect(await page.evaluate(FOCUSED_IN_WIDGET)).toBe('widget-launcher');
  });

  it('fills a phone screen and speaks Chinese on a Chinese page', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    onTestFinished(() => page.setViewportSize({ width: 1280, height: 800 }));
    await page.evaluate('localStorage.clear()');
    await page.goto(world.shop.page('/zh', hostPage(world, { lang: 'zh-CN' })));
    await page.getByTestId('widget-launcher').click();
    // Once the opening animation settles, the chat covers the whole screen.
    await expect
      .poll(() => page.locator('tailor-chat .panel').boundingBox(), WAIT)
      .toEqual({ x: 0, y: 0, width: 375, height: 740 });
    expect(await page.getByTestId('widget-send').getAttribute('aria-label')).toBe('发送');
    world.provider.enqueue({ text: '您好！退货请在**七天内**通过“我的订单”办理。', chunkSize: 3 });
    await ask('怎么退货？');
    const last = page.getByTestId('widget-message').last();
    await expect.poll(() => last.getAttribute('data-state'), WAIT).toBe('done');
    expect(await last.locator('strong').textContent()).toBe('七天内');
    await shoot('widget-mobile-zh.png');
  });
});

/** What the shop's own server does for a signed-in customer: an HS256 JWT over the shared secret. */
function signVisitor(secret: string, claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('a flow for signed-in visitors', () => {
  const membersPage = (token?: string) =>
    hostPage(world, { extra: token ? `data-user-token="${token}"` : '' }).replace(
      `data-flow="shop-faq" data-key="${world.key}"`,
      `data-flow="members-faq" data-key="${world.membersKey}"`,
    );

  it('asks an anonymous visitor to sign in', async () => {
    await page.evaluate('localStorage.clear()');
    await page.goto(world.shop.page('/members-anonymous', membersPage()));
    await page.getByTestId('widget-launcher').click();
    await expect
      .poll(() => page.getByTestId('widget-input').getAttribute('placeholder'), WAIT)
      .toBe('Please sign in to chat with us.');
    expect(await page.getByTestId('widget-input').isDisabled()).toBe(true);
  });

  it('answers a visitor the page vouches for, and the run record keeps who asked', async () => {
    const token = signVisitor(world.identitySecret, { sub: 'customer-1042', name: 'Wang Fang' });
    await page.goto(world.shop.page('/members', membersPage(token)));
    if ((await page.locator('tailor-chat').getAttribute('data-open')) === null) {
      await page.getByTestId('widget-launcher').click();
    }
    world.provider.enqueue({ text: 'Your order ships tomorrow.', chunkSize: 6 });
    await ask('Where is my order?');
    const last = page.getByTestId('widget-message').last();
    await expect.poll(() => last.getAttribute('data-state'), WAIT).toBe('done');
    expect(await last.locator('.body').textContent()).toBe('Your order ships tomorrow.');
    const { runs } = await world.api<{ runs: Array<{ id: string }> }>('GET', '/api/runs?endUserId=customer-1042');
    expect(runs).toHaveLength(1);
    const record = await world.api<{ endUser?: unknown; flowId: string }>('GET', `/api/runs/${runs[0]?.id}`);
    expect(record).toMatchObject({ flowId: 'members-faq', endUser: { id: 'customer-1042', name: 'Wang Fang' } });
  });
});

describe('a site whose origin the widget key does not list', () => {
  it('gets no answer: the server refuses the calls and the visitor is told', async () => {
    const chats = world.provider.requestsTo('/chat/completions').length;
    const { runs: before } = await world.api<{ runs: unknown[] }>('GET', '/api/runs?flowId=shop-faq');
    await page.goto(world.stranger.page('/', hostPage(world)));
    await page.getByTestId('widget-launcher').click();
    await ask('Can I use this from here?');
    // The browser's preflight was refused, so the widget reports a lost connection and retries.
    await page.locator('tailor-chat .banner').waitFor({ state: 'visible', ...WAIT });
    expect(await page.getByTestId('widget-message').last().getAttribute('data-state')).not.toBe('done');
    await shoot('widget-refused.png');
    // The server itself refuses that origin, with no CORS header a page could read.
    const direct = await fetch(`${world.tailor.url}/v1/flows/shop-faq/run`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${world.key}`,
        'content-type': 'application/json',
        origin: world.stranger.origin,
      },
      body: JSON.stringify({ inputs: { message: 'hi' } }),
    });
    expect(direct.status).toBe(403);
    expect(direct.headers.get('access-control-allow-origin')).toBeNull();
    // Nothing ran and no model was asked.
    const { runs: after } = await world.api<{ runs: unknown[] }>('GET', '/api/runs?flowId=shop-faq');
    expect(after.length).toBe(before.length);
    expect(world.provider.requestsTo('/chat/completions').length).toBe(chats);
  });
});
