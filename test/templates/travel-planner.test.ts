import { join } from 'node:path';
import { type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type SampleApi, startSampleApi } from '../../templates/sample-api/server.mjs';
import { type SearchServers, startSearchServers } from '../support/search-servers.js';
import { KEY, parseRun, promptsSeen, type TemplateRig, templateRig, templatesDir } from './template-run.js';

const flow = join(templatesDir, 'travel-planner/flow.json');
const QUESTION = '3 days of history and culture near Shanghai under 5000 yuan, 2 sights a day';

const PlanSchema = z.object({
  title: z.string(),
  days: z
    .array(
      z.object({
        day: z.number().int().positive(),
        items: z.array(z.object({ sight: z.string(), price: z.number().min(0), source: z.string().min(1) })).min(1),
      }),
    )
    .min(1),
  totalTickets: z.number(),
});
const OutputSchema = z.object({
  plan: PlanSchema,
  markdown: z.string(),
  sources: z.object({
    guides: z.array(z.string()),
    web: z.array(z.object({ title: z.string(), url: z.string() })),
    tickets: z.string(),
  }),
});

function day(n: number, city: string, items: Array<[string, number, string]>) {
  return { day: n, city, items: items.map(([sight, price, source]) => ({ sight, price, source })) };
}

const reply = {
  title: '3 days of gardens, temples and water towns',
  days: [
    day(1, 'Suzhou', [
      ["Humble Administrator's Garden", 90, 'tickets'],
      ['Tiger Hill', 70, 'guide: suzhou.md'],
    ]),
    day(2, 'Hangzhou', [
      ['West Lake boat tour', 55, 'tickets'],
      ['Lingyin Temple', 75, 'guide: hangzhou.md'],
    ]),
    day(3, 'Wuzhen', [
      ['Wuzhen Xizha', 150, 'guide: 江南水乡.md'],
      ['Blue calico workshop', 0, 'guide: 江南水乡.md'],
    ]),
  ],
  totalTickets: 440,
};

let server: ProviderServer;
let api: SampleApi;
let search: SearchServers;
let rig: TemplateRig;

beforeAll(async () => {
  [server, api, search] = await Promise.all([
    startProviderServer({ apiKey: KEY, models: ['gpt-4o-mini'] }),
    startSampleApi(),
    startSearchServers(),
  ]);
  rig = templateRig(server.openaiBaseUrl);
  const added = await rig.tailor(['kb', 'add', 'travel-guides', join(templatesDir, 'travel-planner/data')]);
  expect(added.status, added.stderr).toBe(0);
}, 60_000);
afterAll(async () => {
  rig.remove();
  await Promise.all([api.close(), search.close(), server.close()]);
});

describe('travel-planner template, through `tailor run`', { timeout: 60_000 }, () => {
  it('plans day by day with prices and sources from the guides, the ticket API and web search', async () => {
    server.enqueue({ text: JSON.stringify(reply) });
    const input = JSON.stringify({ question: QUESTION, ticketApi: api.base, searchUrl: search.urlOf('searxng') });
    const outcome = await rig.tailor(['run', flow, '--input', input, '--events']);
    expect(outcome.status, outcome.stderr).toBe(0);
    const result = OutputSchema.parse(parseRun(outcome).output);

    expect(result.plan.days.map((d) => d.day)).toEqual([1, 2, 3]);
    expect(result.plan.days.every((d) => d.items.length === 2)).toBe(true);
    expect(result.sources.guides.length).toBeGreaterThan(0);
    expect(result.sources.guides.every((name) => /\.md$/.test(name))).toBe(true);
    expect(result.sources.web.length).toBeGreaterThan(0);
    expect(result.sources.web.every((hit) => hit.url.startsWith(search.base))).toBe(true);
    expect(result.markdown).toContain('## Day 3 · Wuzhen');
    expect(result.markdown).toContain("**Humble Administrator's Garden** — ¥90");
    expect(result.markdown).toContain('## Sources');
    expect(result.markdown).toContain(`tickets: ${api.base}/tickets`);

    // The planner saw all three kinds of material.
    const [prompt] = promptsSeen(server.requests);
    expect(prompt).toContain('"adult":90');
    expect(prompt).toMatch(/\[1\] (suzhou|hangzhou|江南水乡)\.md/);
    expect(prompt).toContain(`${search.base}/pages/1`);
    expect(search.requests.some((r) => r.url.pathname === '/searxng/search')).toBe(true);
  });

  it('still plans, from the guides alone, when the ticket API and search are down', async () => {
    server.requests.length = 0;
    server.enqueue({ text: JSON.stringify(reply) });
    const input = JSON.stringify({
      question: QUESTION,
      ticketApi: 'http://127.0.0.1:9',
      searchUrl: 'http://127.0.0.1:9',
    });
    const outcome = await rig.tailor(['run', flow, '--input', input, '--events']);
    expect(outcome.status, outcome.stderr).toBe(0);
    const result = OutputSchema.parse(parseRun(outcome).output);
    expect(result.sources.web).toEqual([]);
    expect(promptsSeen(server.requests)[0]).toContain('Ticket prices (CNY): []');
  });
});
