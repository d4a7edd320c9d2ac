import { describe, expect, it } from 'vitest';
import type { DatasetItem } from './dataset.js';
import { type AskJudge, judgeScorer, parseVerdict } from './judge.js';

const item: DatasetItem = {
  inputs: { question: 'Delivery time?' },
  expected: '2–4 working days',
  facts: ['free over 99 yuan'],
  line: 1,
};
const none = { retrieved: [] };

describe('LLM judge', () => {
  it('reads a verdict, also inside a code fence', () => {
    expect(parseVerdict('{"score": 0.9, "pass": true, "reason": "complete"}')).toEqual({
      score: 0.9,
      pass: true,
      reason: 'complete',
    });
    expect(parseVerdict('```json\n{"score": 0, "pass": false}\n```')).toEqual({ score: 0, pass: false });
  });

  it('says why a verdict cannot be read', () => {
    expect(parseVerdict('Looks good to me!')).toMatch(/^not JSON/);
    expect(parseVerdict('{"score": 7, "pass": true}')).toMatch(/^score: /);
    expect(parseVerdict('{"score": 1}')).toMatch(/^pass: /);
  });

  it('sends the rubric, inputs, expected answer, facts and the answer, and returns the verdict', async () => {
    const asked: string[] = [];
    const ask: AskJudge = async (system, user) => {
      asked.push(system, user);
      return '{"score": 0.5, "pass": false, "reason": "misses the free delivery threshold"}';
    };
    const score = await judgeScorer(ask, 'Be strict.').score('It takes 2–4 working days.', item, none);
    expect(score).toEqual({ scorer: 'judge', score: 0.5, pass: false, detail: 'misses the free delivery threshold' });
    expect(asked[0]).toContain('Reply with one JSON object only');
    for (const part of [
      'RUBRIC:\nBe strict.',
      '"question":"Delivery time?"',
      'EXPECTED:\n2–4 working days',
      '- free over 99 yuan',
      'ANSWER:\nIt takes 2–4 working days.',
    ]) {
      expect(asked[1]).toContain(part);
    }
  });

  it('fails closed on an unreadable verdict or a failed call', async () => {
    const prose = await judgeScorer(async () => 'PASS, great answer').score('x', item, none);
    expect(prose).toMatchObject({ pass: false, score: 0 });
    expect(prose.detail).toMatch(/^unreadable verdict, counted as a fail/);
    const down = await judgeScorer(async () => {
      throw new Error('429 rate limited');
    }).score('x', item, none);
    expect(down).toMatchObject({ pass: false, score: 0, detail: 'the judge could not be asked: 429 rate limited' });
  });
});
