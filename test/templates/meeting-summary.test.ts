import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateTokens, type ProviderServer, startProviderServer } from '@tailor/test/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KEY, parseRun, promptsSeen, type TemplateRig, templateRig, templatesDir } from './template-run.js';

const flow = join(templatesDir, 'meeting-summary/flow.json');
const transcript = readFileSync(join(templatesDir, 'meeting-summary/data/sample-transcript.txt'), 'utf8');
const PART_CHARS = 400;
// The sample transcript (1,290 characters in 17 speaker turns) cut at turns into parts of ≤ 400.
const PARTS = 4;

const MinutesSchema = z.object({
  summary: z.string().min(1),
  decisions: z.array(z.string()),
  actionItems: z.array(z.object({ owner: z.string().min(1), task: z.string().min(1), due: z.string().nullable() })),
});

const minutes = {
  summary: 'Weekly sync for the spring launch: date, ad budget, risks and the FAQ.',
  decisions: [
    'Launch on March 18 with a feature freeze on March 4',
    'Ad budget split 60/40 between WeChat and Xiaohongshu',
  ],
  actionItems: [
    { owner: 'Zhang Min', task: 'Send the final screenshots', due: 'February 28' },
    { owner: 'Anna', task: 'Prepare the ad copy in Chinese and English', due: 'March 8' },
    { owner: 'Zhang Min', task: 'Ask the payment provider to move the upgrade', due: 'Friday' },
    { owner: 'Anna', task: '写常见问题并发给王芳', due: '3 月 11 日' },
  ],
};

let server: ProviderServer;
let rig: TemplateRig;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: KEY, models: ['gpt-4o-mini'] });
  rig = templateRig(server.openaiBaseUrl);
});
afterAll(async () => {
  rig.remove();
  await server.close();
});

async function summarise(merge: string) {
  for (let part = 1; part <= PARTS; part++) server.enqueue({ text: `Minutes of one part (${part}).` });
  server.enqueue({ text: merge });
  const input = JSON.stringify({ transcript, partChars: PART_CHARS });
  return rig.tailor(['run', flow, '--input', input, '--events']);
}

describe('meeting-summary template, through `tailor run`', { timeout: 60_000 }, () => {
  it('summarises each part, then merges them into validated minutes as JSON and Markdown', async () => {
    server.requests.length = 0;
    const outcome = await summarise(JSON.stringify(minutes));
    expect(outcome.status, outcome.stderr).toBe(0);
    const { events, output } = parseRun(outcome);
    const result = z.object({ markdown: z.string(), minutes: MinutesSchema, parts: z.number() }).parse(output);
    expect(result.parts).toBe(PARTS);
    expect(result.minutes.actionItems).toHaveLength(4);
    expect(result.markdown).toContain('## Action items');
    expect(result.markdown).toContain('| Zhang Min | Send the final screenshots | February 28 |');
    expect(result.markdown).toContain('- Launch on March 18 with a feature freeze on March 4');

    // Every part fits the limit and ends at a speaker turn; together they are the whole transcript.
    const split = events.find((e) => e.type === 'node.end' && e.nodeId === 'split')?.output as { parts: string[] };
    expect(split.parts.every((part) => part.length <= PART_CHARS)).toBe(true);
    expect(split.parts.join('\n')).toBe(transcript.trim());
    expect(split.parts.every((part) => /^\[\d\d:\d\d:\d\d\]/.test(part))).toBe(true);

    // One call per part, then the merge, which saw every part's summary.
    const prompts = promptsSeen(server.requests);
    expect(prompts).toHaveLength(PARTS + 1);
    for (let part = 1; part <= PARTS; part++) expect(prompts[PARTS]).toContain(`Minutes of one part (${part}).`);
    expect(server.pending()).toBe(0);
  });

  it('fails the run when the merged minutes do not fit the schema', async () => {
    server.requests.length = 0;
    const broken = { ...minutes, actionItems: [{ owner: 'Anna', task: 'Write the FAQ' }] };
    const outcome = await summarise(JSON.stringify(broken));
    expect(outcome.status).toBe(1);
    const { events } = parseRun(outcome);
    const end = events.at(-1) as { type: string; error?: { message: string } };
    expect(end.type).toBe('run.end');
    expect(end.error?.message).toMatch(/due/);
  });

  it('handles a transcript far longer than the model context, part by part', async () => {
    const window = 4_000;
    const long = await startProviderServer({ apiKey: KEY, models: ['gpt-4o-mini'], contextWindow: window });
    const longRig = templateRig(long.openaiBaseUrl);
    // 400 speaker turns of exactly 100 characters: 40,000 characters, ~10,000 tokens.
    const turns = Array.from({ length: 400 }, (_, i) => {
      const stamp = `[${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00]`;
      return `${stamp} Speaker ${i % 5}: point ${i} about the launch plan `.padEnd(100, '.');
    });
    const transcript = turns.join('\n');
    expect(estimateTokens(transcript)).toBeGreaterThan(window);
    // 6,000 characters a part hold 59 turns (59 × 100 + 58 line breaks), so 7 parts.
    const parts = Math.ceil(400 / 59);
    try {
      for (let part = 1; part <= parts; part++) long.enqueue({ text: `Summary ${part}.` });
      long.enqueue({ text: JSON.stringify(minutes) });
      const outcome = await longRig.tailor(['run', flow, '--input', JSON.stringify({ transcript }), '--events']);
      expect(outcome.status, outcome.stderr).toBe(0);
      const result = z.object({ minutes: MinutesSchema, parts: z.number() }).parse(parseRun(outcome).output);
      expect(result.parts).toBe(parts);
      const prompts = promptsSeen(long.requests);
      expect(prompts).toHaveLength(parts + 1);
      expect(Math.max(...prompts.map((prompt) => estimateTokens(prompt)))).toBeLessThan(window);
    } finally {
      longRig.remove();
      await long.close();
    }
  });
});
