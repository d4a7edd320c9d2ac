import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PRICES, type PriceTable, PriceTableService, priceUsage } from '@tailor/nodes';
import { ServiceRegistry } from '@tailor/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import type { Storage } from '../storage/storage.js';
import { PRICES_SETTING, PriceSettings } from './price-settings.js';

let dir: string;
let storage: Storage;
const logged: string[] = [];
const log = (message: string) => void logged.push(message);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tailor-prices-'));
  storage = await createSqliteStorage(dir);
  logged.length = 0;
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const contract: PriceTable = { currency: 'CNY', models: { 'deepseek/deepseek-chat': { input: 2, output: 8 } } };

describe('PriceSettings', () => {
  it('is the shipped table (or the services one) until an override is saved', async () => {
    const prices = await PriceSettings.open(storage.settings, new ServiceRegistry(), log);
    expect(prices.tables()).toEqual({ override: null, effective: DEFAULT_PRICES });
    const fromEnv: PriceTable = { currency: 'EUR', models: { 'openai/gpt-4o-mini': { input: 1, output: 1 } } };
    const withEnv = await PriceSettings.open(
      storage.settings,
      new ServiceRegistry().provide(PriceTableService, fromEnv),
      log,
    );
    expect(withEnv.tables().effective).toBe(fromEnv);
  });

  it('tells listeners the new table when one is saved, and the base again when it is cleared', async () => {
    const prices = await PriceSettings.open(storage.settings, new ServiceRegistry(), log);
    const heard: PriceTable[] = [];
    prices.onChange((table) => heard.push(table));
    await prices.save(contract);
    expect(heard).toHaveLength(2);
    expect(heard[1]?.currency).toBe('CNY');
    expect(priceUsage(heard[1] as PriceTable, 'deepseek', 'deepseek-chat', { input: 1e6, output: 1e6 }).cost).toBe(10);
    expect(heard[1]?.models['openai/gpt-4o-mini']).toEqual(DEFAULT_PRICES.models['openai/gpt-4o-mini']);
    await prices.clear();
    expect(heard.at(-1)).toBe(DEFAULT_PRICES);
    expect(await storage.settings.get(PRICES_SETTING)).toBeUndefined();
  });

  it('picks up a table another process saved on refresh, and tells no one when nothing changed', async () => {
    const here = await PriceSettings.open(storage.settings, new ServiceRegistry(), log);
    const elsewhere = await PriceSettings.open(storage.settings, new ServiceRegistry(), log);
    let changes = 0;
    here.onChange(() => changes++);
    await elsewhere.save(contract);
    await here.refresh();
    await here.refresh();
    expect(changes).toBe(2);
    expect(here.tables().override).toEqual(contract);
  });

  it('ignores a stored table it cannot read, and says so', async () => {
    await storage.settings.set(PRICES_SETTING, '{"models": {"no-slash": {"input": 1}}}');
    const prices = await PriceSettings.open(storage.settings, new ServiceRegistry(), log);
    expect(prices.tables()).toEqual({ override: null, effective: DEFAULT_PRICES });
    await storage.settings.set(PRICES_SETTING, 'not json');
    await prices.refresh();
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatch(/not JSON/);
  });
});
