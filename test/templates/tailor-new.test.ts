import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tailor, workspace } from '../cli/run-tailor.js';

describe('tailor new', { timeout: 60_000 }, () => {
  it('lists the templates, writes one that validates, and refuses to overwrite without --force', async () => {
    const files = workspace({});
    try {
      const listed = await tailor(['new'], { cwd: files.dir });
      expect(listed.status, listed.stderr).toBe(0);
      for (const name of ['customer-service', 'meeting-summary', 'travel-planner'])
        expect(listed.stdout).toContain(name);
      expect(listed.stdout).not.toContain('sample-api');

      const written = await tailor(['new', 'customer-service', '--out', 'bot.json'], { cwd: files.dir });
      expect(written.status, written.stderr).toBe(0);
      expect(written.stdout).toMatch(/npx tailor kb add support-faq \S+customer-service[/\\]data/);
      const flow = JSON.parse(readFileSync(join(files.dir, 'bot.json'), 'utf8')) as Record<string, unknown>;
      expect(flow.id).toBe('customer-service');
      expect(flow.$schema).toBeUndefined();
      const valid = await tailor(['validate', 'bot.json'], { cwd: files.dir });
      expect(valid.stdout.trim()).toBe('valid');

      const again = await tailor(['new', 'customer-service', '--out', 'bot.json'], { cwd: files.dir });
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('--force');

      const unknown = await tailor(['new', 'faq'], { cwd: files.dir });
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('There is no template "faq"');
    } finally {
      files.remove();
    }
  });
});
