import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogue } from '@tailor/nodes';
import { loadFlow } from '@tailor/runtime';
import { describe, expect, it } from 'vitest';
import { listTemplates, readTemplate } from './template-library.js';

describe('template library', () => {
  it('lists the shipped templates, each a valid flow with its knowledge bases and sample data', async () => {
    const templates = await listTemplates();
    expect(templates.map((t) => t.name)).toEqual(['customer-service', 'meeting-summary', 'travel-planner']);
    for (const template of templates) {
      const loaded = loadFlow(JSON.stringify(template.flow), catalogue);
      expect(
        loaded.problems.filter((p) => p.severity !== 'warning'),
        template.name,
      ).toEqual([]);
      expect(template.flow.$schema).toBeUndefined();
    }
    const byName = Object.fromEntries(templates.map((t) => [t.name, t]));
    expect(byName['customer-service']?.knowledgeBases).toEqual(['support-faq']);
    expect(byName['travel-planner']?.knowledgeBases).toEqual(['travel-guides']);
    expect(byName['meeting-summary']?.knowledgeBases).toEqual([]);
    expect(byName['customer-service']?.dataDir).toMatch(/customer-service[/\\]data$/);
  });

  it('ignores folders without a flow and names that are not template names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-templates-'));
    try {
      mkdirSync(join(dir, 'helpers'));
      mkdirSync(join(dir, 'broken'));
      writeFileSync(join(dir, 'broken', 'flow.json'), '{"id": 1}');
      mkdirSync(join(dir, 'torn'));
      writeFileSync(join(dir, 'torn', 'flow.json'), '{"id": "x",');
      expect(await listTemplates(dir)).toEqual([]);
      expect(await readTemplate('../server', dir)).toBeUndefined();
      expect(await readTemplate('missing', dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
