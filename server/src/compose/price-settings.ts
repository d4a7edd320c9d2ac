import { DEFAULT_PRICES, mergePriceTables, type PriceTable, PriceTableSchema, PriceTableService } from '@tailor/nodes';
import type { ServiceRegistry } from '@tailor/runtime';
import type { SettingsStore } from '../storage/settings-store.js';

/** The settings key of the admin's price table (JSON of a `PriceTableSchema` table). */
export const PRICES_SETTING = 'prices';

export interface PriceTables {
  /** What the admin saved, laid over the rest; null when nothing is saved. */
  override: PriceTable | null;
  /** What runs price with: the shipped table, then TAILOR_PRICES, then the override. */
  effective: PriceTable;
}

type PriceListener = (table: PriceTable) => void;

/**
 * The price table runs use, with an admin's override kept in the settings store: saving it takes
 * effect for the next run, no restart. Listeners hear each new effective table (the run services
 * swap it in), so a run never reads the store itself.
 */
export class PriceSettings {
  readonly #settings: SettingsStore;
  /** The shipped table with TAILOR_PRICES over it. */
  readonly #base: PriceTable;
  readonly #log: (message: string, error?: unknown) => void;
  readonly #listeners: PriceListener[] = [];
  #storedText: string | undefined;
  #override: PriceTable | null = null;
  #effective: PriceTable;

  private constructor(settings: SettingsStore, base: PriceTable, log: (message: string, error?: unknown) => void) {
    this.#settings = settings;
    this.#base = base;
    this.#log = log;
    this.#effective = base;
  }

  /** Reads the saved override; the base is the services' table (TAILOR_PRICES) or the shipped one. */
  static async open(
    settings: SettingsStore,
    services: Pick<ServiceRegistry, 'find'>,
    log: (message: string, error?: unknown) => void,
  ): Promise<PriceSettings> {
    const prices = new PriceSettings(settings, services.find(PriceTableService) ?? DEFAULT_PRICES, log);
    await prices.refresh();
    return prices;
  }

  tables(): PriceTables {
    return { override: this.#override, effective: this.#effective };
  }

  /** Calls `listener` now with the effective table, and again whenever it changes. */
  onChange(listener: PriceListener): void {
    this.#listeners.push(listener);
    listener(this.#effective);
  }

  /** Stores the admin's table (already validated) and applies it. */
  async save(table: PriceTable): Promise<PriceTables> {
    const text = JSON.stringify(table);
    await this.#settings.set(PRICES_SETTING, text);
    this.#apply(text);
    return this.tables();
  }

  /** Forgets the admin's table: the shipped one and TAILOR_PRICES again. */
  async clear(): Promise<PriceTables> {
    await this.#settings.delete(PRICES_SETTING);
    this.#apply(undefined);
    return this.tables();
  }

  /** Re-reads the store (another process may have saved); cheap when nothing changed. */
  async refresh(): Promise<void> {
    this.#apply(await this.#settings.get(PRICES_SETTING));
  }

  #apply(text: string | undefined): void {
    if (text === this.#storedText) return;
    this.#storedText = text;
    this.#override = text === undefined ? null : this.#parse(text);
    this.#effective = this.#override ? mergePriceTables(this.#base, this.#override) : this.#base;
    for (const listener of this.#listeners) listener(this.#effective);
  }

  /** A stored table this version cannot read is ignored (and said so), never fatal to runs. */
  #parse(text: string): PriceTable | null {
    try {
      const parsed = PriceTableSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      this.#log(`the saved price table is not valid and is ignored: ${parsed.error.issues[0]?.message ?? ''}`);
    } catch (error) {
      this.#log('the saved price table is not JSON and is ignored', error);
    }
    return null;
  }
}
