import { catalogue } from '@tailor/nodes';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import { sampleFlow } from '../storage/storage-contract.js';
import { FlowResolver } from './flow-resolver.js';

const storage = createSqliteStorage(':memory:');
afterEach(async () => {
  for (const flow of await storage.flows.list()) await storage.flows.delete(flow.id);
});

describe('FlowResolver', () => {
  it('validates a draft once per revision, and again after a save or a new flow of the same id', async () => {
    const resolver = new FlowResolver(storage.flows, catalogue);
    await storage.flows.create(sampleFlow('faq', 'First'), 1000);
    const first = await resolver.resolve('faq', 'draft');
    expect(await resolver.resolve('faq', 'draft')).toBe(first);

    await storage.flows.update(sampleFlow('faq', 'Second'), undefined, 2000);
    const second = await resolver.resolve('faq', 'draft');
    expect(second).not.toBe(first);
    expect(second.document.name).toBe('Second');

    // Deleted and made again elsewhere (no forget here): revision 1 again, a new creation time.
    await storage.flows.delete('faq');
    await storage.flows.create(sampleFlow('faq', 'Third'), 3000);
    expect((await resolver.resolve('faq', 'draft')).document.name).toBe('Third');
  });
});
