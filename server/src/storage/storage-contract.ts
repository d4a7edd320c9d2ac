import type { FlowDocument, NodeRecord } from '@tailor/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStart } from './run-store.js';
import type { Storage } from './storage.js';
import { StoreError } from './store-errors.js';

/** A minimal valid flow document. */
export function sampleFlow(id: string, name = 'Sample'): FlowDocument {
  return {
    schema: 'tailor.flow/v1',
    id,
    name,
    nodes: [
      { id: 'start', type: 'input', config: { fields: [{ name: 'question', type: 'string' }] }, onError: 'fail' },
      { id: 'end', type: 'output', config: { value: '{{ start.question }}' }, onError: 'fail' },
    ],
    edges: [{ from: 'start', to: 'end' }],
  };
}

function runStart(id: string, flowId: string, startedAt: number, extra: Partial<RunStart> = {}): RunStart {
  return {
    schema: 'tailor.run/v1',
    id,
    flowId,
    startedAt,
    inputs: { question: `about ${id}` },
    source: 'api',
    ...extra,
  };
}

function node(nodeId: string, status: NodeRecord['status'] = 'succeeded'): NodeRecord {
  return { nodeId, type: 'input', status, attempts: 1, logs: [], output: { v: nodeId } };
}

async function finish(
  storage: Storage,
  id: string,
  startedAt: number,
  durationMs: number,
  status = 'succeeded' as const,
) {
  await storage.runs.write([
    {
      kind: 'finish',
      finish: {
        runId: id,
        status,
        output: `answer of ${id}`,
        endedAt: startedAt + durationMs,
        durationMs,
        nodes: [node('start')],
      },
    },
  ]);
}

/** The behaviour every storage implementation must have; run against SQLite and MongoDB. */
export function describeStorageContract(name: string, open: () => Promise<Storage>): void {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage.close();
    });

    describe('flows and versions', () => {
      it('creates a flow at revision 1 and refuses a second one with the same id', async () => {
        const created = await storage.flows.create(sampleFlow('faq'), 1000);
        expect(created).toMatchObject({ id: 'faq', revision: 1, publishedVersion: null, createdAt: 1000 });
        await expect(storage.flows.create(sampleFlow('faq'), 1001)).rejects.toMatchObject({ kind: 'conflict' });
        // The list says "never published" as null too: clients print it, not `undefined`.
        expect(await storage.flows.list()).toEqual([expect.objectContaining({ id: 'faq', publishedVersion: null })]);
      });

      it('updates the draft only at the expected revision', async () => {
        await storage.flows.create(sampleFlow('faq'), 1000);
        const updated = await storage.flows.update(sampleFlow('faq', 'Renamed'), 1, 2000);
        expect(updated).toMatchObject({ revision: 2, name: 'Renamed', updatedAt: 2000 });
        await expect(storage.flows.update(sampleFlow('faq', 'Stale'), 1, 3000)).rejects.toBeInstanceOf(StoreError);
        expect((await storage.flows.get('faq'))?.name).toBe('Renamed');
        await expect(storage.flows.update(sampleFlow('nope'), undefined, 1)).rejects.toMatchObject({
          kind: 'not-found',
        });
      });

      it('publishes numbered versions and rolls back to one', async () => {
        await storage.flows.create(sampleFlow('faq', 'One'), 1000);
        const v1 = await storage.flows.publish('faq', 'first', 1100);
        await storage.flows.update(sampleFlow('faq', 'Two'), undefined, 1200);
        const v2 = await storage.flows.publish('faq', 'second', 1300);
        expect([v1.version, v2.version]).toEqual([1, 2]);
        expect((await storage.flows.versions('faq')).map((v) => v.note)).toEqual(['second', 'first']);
        expect((await storage.flows.version('faq', 1))?.document.name).toBe('One');
        const rolled = await storage.flows.rollback('faq', 1, 1400);
        expect(rolled).toMatchObject({ name: 'One', publishedVersion: 1, revision: 3 });
        await expect(storage.flows.rollback('faq', 9, 1500)).rejects.toMatchObject({ kind: 'not-found' });
      });

      it('deletes a flow with its versions', async () => {
        await storage.flows.create(sampleFlow('faq'), 1000);
        await storage.flows.publish('faq', '', 1100);
        expect(await storage.flows.delete('faq')).toBe(true);
        expect(await storage.flows.get('faq')).toBeUndefined();
        expect(await storage.flows.versions('faq')).toEqual([]);
        expect(await storage.flows.delete('faq')).toBe(false);
      });
    });

    describe('runs', () => {
      it('records a run from start to finish with its node records in order', async () => {
        await storage.runs.write([{ kind: 'start', run: runStart('r1', 'faq', 1000, { sessionId: 's1' }) }]);
        await storage.runs.write([{ kind: 'nodes', runId: 'r1', nodes: [node('start'), node('end', 'running')] }]);
        expect(await storage.runs.get('r1')).toMatchObject({
          status: 'running',
          nodes: [{ nodeId: 'start' }, { status: 'running' }],
        });
        await storage.runs.write([
          {
            kind: 'finish',
            finish: {
              runId: 'r1',
              status: 'succeeded',
              output: { text: 'hi' },
              endedAt: 1050,
              durationMs: 50,
              nodes: [node('start'), node('end')],
            },
          },
        ]);
        const run = await storage.runs.get('r1');
        expect(run).toMatchObject({
          schema: 'tailor.run/v1',
          status: 'succeeded',
          output: { text: 'hi' },
          sessionId: 's1',
          durationMs: 50,
        });
        expect(run?.nodes.map((n) => `${n.nodeId}:${n.status}`)).toEqual(['start:succeeded', 'end:succeeded']);
      });

      it('stores a run that started and ended between two writes in one piece', async () => {
        const start = runStart('quick', 'faq', 1000);
        await storage.runs.write([
          {
            kind: 'whole',
            run: {
              ...start,
              status: 'failed',
              error: { code: 'NODE_FAILED', message: 'boom' },
              endedAt: 1002,
              durationMs: 2,
              nodes: [node('start', 'failed')],
            },
          },
        ]);
        expect(await storage.runs.get('quick')).toMatchObject({
          status: 'failed',
          durationMs: 2,
          nodes: [{ nodeId: 'start', status: 'failed' }],
        });
        expect((await storage.runs.list({ q: 'boom', limit: 5 })).runs.map((r) => r.id)).toEqual(['quick']);
        expect((await storage.runs.list({ q: 'quick', limit: 5 })).runs.map((r) => r.id)).toEqual(['quick']);
      });

      it('writes a batch all or nothing', async () => {
        await storage.runs.write([{ kind: 'start', run: runStart('dup', 'faq', 1000) }]);
        await expect(
          storage.runs.write([
            { kind: 'start', run: runStart('fresh', 'faq', 1001) },
            { kind: 'start', run: runStart('dup', 'faq', 1002) },
          ]),
        ).rejects.toThrow();
        expect(await storage.runs.get('fresh')).toBeUndefined();
      });

      it('lists newest first with filters and a cursor that visits every run once', async () => {
        for (let i = 0; i < 25; i++) {
          const id = `run-${String(i).padStart(2, '0')}`;
          await storage.runs.write([
            { kind: 'start', run: runStart(id, i % 2 ? 'odd' : 'even', 1000 + Math.floor(i / 2)) },
          ]);
          if (i % 5 !== 0)
            await finish(storage, id, 1000, i * 10, i % 3 === 0 ? ('failed' as 'succeeded') : 'succeeded');
        }
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await storage.runs.list({ limit: 7, ...(cursor ? { cursor } : {}) });
          seen.push(...page.runs.map((r) => r.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toHaveLength(25);
        expect(new Set(seen).size).toBe(25);
        expect(seen[0]).toBe('run-24');
        const odd = await storage.runs.list({ flowId: 'odd', limit: 50 });
        expect(odd.runs.every((r) => r.flowId === 'odd')).toBe(true);
        expect(odd.runs).toHaveLength(12);
        const running = await storage.runs.list({ status: 'running', limit: 50 });
        expect(running.runs.map((r) => r.id).sort()).toEqual(['run-00', 'run-05', 'run-10', 'run-15', 'run-20']);
        const slow = await storage.runs.list({ minDurationMs: 200, maxDurationMs: 230, limit: 50 });
        expect(slow.runs.map((r) => r.id).sort()).toEqual(['run-21', 'run-22', 'run-23']);
        const window = await storage.runs.list({ from: 1003, to: 1005, limit: 50 });
        expect(window.runs.map((r) => r.id).sort()).toEqual(['run-06', 'run-07', 'run-08', 'run-09']);
      });

      it('finds runs by text in their inputs, output or error', async () => {
        await storage.runs.write([
          { kind: 'start', run: { ...runStart('a', 'faq', 1), inputs: { question: 'Where is my parcel?' } } },
          { kind: 'start', run: { ...runStart('b', 'faq', 2), inputs: { question: 'Opening hours' } } },
        ]);
        await finish(storage, 'a', 1, 5);
        await finish(storage, 'b', 2, 5);
        expect((await storage.runs.list({ q: 'parcel', limit: 10 })).runs.map((r) => r.id)).toEqual(['a']);
        expect((await storage.runs.list({ q: 'answer of b', limit: 10 })).runs.map((r) => r.id)).toEqual(['b']);
      });

      it('keeps the end user of a run and finds their runs', async () => {
        const endUser = { id: 'customer-42', name: '王芳' };
        await storage.runs.write([
          { kind: 'start', run: runStart('mine', 'faq', 1000, { endUser }) },
          { kind: 'start', run: runStart('other', 'faq', 1001) },
        ]);
        expect((await storage.runs.get('mine'))?.endUser).toEqual(endUser);
        const page = await storage.runs.list({ endUserId: 'customer-42', limit: 10 });
        expect(page.runs.map((r) => [r.id, r.endUser?.name])).toEqual([['mine', '王芳']]);
      });

      it('pages through text search results with a cursor', async () => {
        for (let i = 0; i < 12; i++) {
          const id = `text-${String(i).padStart(2, '0')}`;
          await storage.runs.write([
            { kind: 'start', run: { ...runStart(id, 'faq', 2000 + i), inputs: { question: `parcel number ${i}` } } },
          ]);
          await finish(storage, id, 2000 + i, 3);
        }
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await storage.runs.list({ q: 'parcel', limit: 5, ...(cursor ? { cursor } : {}) });
          seen.push(...page.runs.map((r) => r.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `text-${String(i).padStart(2, '0')}`));
        expect((await storage.runs.list({ q: 'text-03', limit: 5 })).runs.map((r) => r.id)).toEqual(['text-03']);
      });

      it('marks runs left running as interrupted', async () => {
        await storage.runs.write([
          { kind: 'start', run: runStart('left', 'faq', 1000) },
          { kind: 'start', run: runStart('done', 'faq', 1001) },
        ]);
        await finish(storage, 'done', 1001, 3);
        expect(await storage.runs.markInterrupted(5000)).toEqual(['left']);
        expect(await storage.runs.get('left')).toMatchObject({
          status: 'interrupted',
          error: { code: 'RUN_INTERRUPTED' },
          endedAt: 5000,
        });
        expect((await storage.runs.get('done'))?.status).toBe('succeeded');
      });
    });

    describe('credentials, keys, sessions, datasets, settings', () => {
      it('stores sealed credentials and lists only their summaries', async () => {
        const sealed = {
          id: 'openai',
          kind: 'api-key',
          masked: { apiKey: 'sk-…abcd' },
          sealed: 'v1.x.y.z',
          createdAt: 1,
          updatedAt: 1,
        };
        await storage.credentials.put(sealed);
        await storage.credentials.put({ ...sealed, sealed: 'v1.a.b.c', updatedAt: 2, createdAt: 99 });
        expect(await storage.credentials.get('openai')).toMatchObject({
          sealed: 'v1.a.b.c',
          createdAt: 1,
          updatedAt: 2,
        });
        const [summary] = await storage.credentials.list();
        expect(summary).not.toHaveProperty('sealed');
        expect(await storage.credentials.delete('openai')).toBe(true);
      });

      it('finds API keys by hash only', async () => {
        await storage.keys.create({
          id: 'k1',
          prefix: 'tk_abcd',
          hash: 'h1',
          flowId: 'faq',
          origins: ['https://a.example'],
          createdAt: 1,
        });
        await storage.keys.create({ id: 'k2', prefix: 'ta_abcd', hash: 'h2', flowId: null, origins: [], createdAt: 2 });
        expect(await storage.keys.findByHash('h1')).toMatchObject({
          id: 'k1',
          flowId: 'faq',
          origins: ['https://a.example'],
        });
        expect((await storage.keys.list('faq')).map((k) => k.id)).toEqual(['k1']);
        expect((await storage.keys.list())[0]).not.toHaveProperty('hash');
        await storage.keys.touch('k1', 50);
        expect((await storage.keys.findByHash('h1'))?.lastUsedAt).toBe(50);
        expect(await storage.keys.delete('k1')).toBe(true);
        expect(await storage.keys.findByHash('h1')).toBeUndefined();
      });

      it('appends chat turns in order and reads the last ones', async () => {
        await storage.sessions.append('s1', 'faq', [
          { role: 'user', content: 'hi', at: 1 },
          { role: 'assistant', content: 'hello', at: 2, runId: 'r1' },
        ]);
        await storage.sessions.append('s1', 'faq', [{ role: 'user', content: 'bye', at: 3 }]);
        expect((await storage.sessions.turns('s1')).map((t) => t.content)).toEqual(['hi', 'hello', 'bye']);
        expect((await storage.sessions.turns('s1', 2)).map((t) => t.content)).toEqual(['hello', 'bye']);
        expect(await storage.sessions.get('s1')).toMatchObject({ flowId: 'faq', turnCount: 3, updatedAt: 3 });
        expect((await storage.sessions.list({ flowId: 'faq' })).map((s) => s.id)).toEqual(['s1']);
        expect(await storage.sessions.delete('s1')).toBe(true);
        expect(await storage.sessions.turns('s1')).toEqual([]);
      });

      it('keeps evaluation datasets', async () => {
        await storage.datasets.put({
          id: 'd1',
          name: 'FAQ',
          items: [{ inputs: { q: 'a' }, expected: 'b' }],
          createdAt: 1,
          updatedAt: 1,
        });
        expect(await storage.datasets.get('d1')).toMatchObject({ name: 'FAQ', items: [{ expected: 'b' }] });
        expect(await storage.datasets.list()).toMatchObject([{ id: 'd1', itemCount: 1 }]);
        expect(await storage.datasets.delete('d1')).toBe(true);
      });

      it('sets the admin password once and keeps admin tokens until they expire', async () => {
        expect(await storage.settings.setIfAbsent('adminPassword', 'h1')).toBe(true);
        expect(await storage.settings.setIfAbsent('adminPassword', 'h2')).toBe(false);
        expect(await storage.settings.get('adminPassword')).toBe('h1');
        await storage.settings.addToken({ hash: 't1', kind: 'session', createdAt: 1, expiresAt: 100 });
        expect(await storage.settings.findToken('t1', 50)).toMatchObject({ kind: 'session' });
        expect(await storage.settings.findToken('t1', 100)).toBeUndefined();
        await storage.settings.deleteToken('t1');
        expect(await storage.settings.findToken('t1', 50)).toBeUndefined();
      });

      it('replaces and deletes a setting (the price table is one JSON value)', async () => {
        const table = JSON.stringify({
          currency: 'CNY',
          models: { 'deepseek/deepseek-chat': { input: 2, output: 8 } },
        });
        expect(await storage.settings.get('prices')).toBeUndefined();
        await storage.settings.set('prices', '{}');
        await storage.settings.set('prices', table);
        expect(await storage.settings.get('prices')).toBe(table);
        expect(await storage.settings.delete('prices')).toBe(true);
        expect(await storage.settings.get('prices')).toBeUndefined();
        expect(await storage.settings.delete('prices')).toBe(false);
      });
    });
  });
}
