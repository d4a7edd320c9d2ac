import { z } from 'zod';
import type { RunStore } from '../storage/run-store.js';
import type { SettingsStore } from '../storage/settings-store.js';

const DAY_MS = 86_400_000;
/** Settings key of the admin's choice; absent = follow TAILOR_RETENTION_DAYS. */
export const RETENTION_SETTING = 'runRetentionDays';

/** Days to keep runs; 0 keeps them forever. */
export const RetentionDaysSchema = z.number().min(0).max(36_500);

export interface RetentionOptions {
  /** TAILOR_RETENTION_DAYS. */
  envDays?: number;
  /** Runs per delete: a few hundred rows keep each write transaction in the milliseconds. */
  batchSize?: number;
  /** Pause between batches, so recording and reads get the database in between. */
  pauseMs?: number;
  /** How often the background sweep runs. */
  intervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface RetentionState {
  /** The admin setting; null when unset (the environment decides). */
  days: number | null;
  envDays: number | null;
  /** What applies: the setting, else the environment; null or 0 = keep forever. */
  effectiveDays: number | null;
  lastSweep: { at: number; deleted: number } | null;
}

/**
 * Deletes runs older than the retention period in the background: oldest first, in small batches
 * with pauses, never more than one sweep at a time. Several servers may sweep the same store: a
 * delete of rows another server already deleted just finds fewer.
 */
export class RunRetention {
  readonly #runs: Pick<RunStore, 'deleteStartedBefore'>;
  readonly #settings: Pick<SettingsStore, 'get' | 'set'>;
  readonly #options: Required<Omit<RetentionOptions, 'envDays' | 'log'>> & { envDays: number | undefined };
  readonly #log: (message: string, error?: unknown) => void;
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<number> | undefined;
  #stopped = false;
  #lastSweep: RetentionState['lastSweep'] = null;

  constructor(
    runs: Pick<RunStore, 'deleteStartedBefore'>,
    settings: Pick<SettingsStore, 'get' | 'set'>,
    options: RetentionOptions = {},
  ) {
    this.#runs = runs;
    this.#settings = settings;
    this.#log = options.log ?? (() => undefined);
    this.#options = {
      envDays: options.envDays,
      batchSize: options.batchSize ?? 500,
      pauseMs: options.pauseMs ?? 20,
      intervalMs: options.intervalMs ?? 60 * 60_000,
    };
  }

  /** Sweeps soon after start, then every interval. */
  start(): void {
    const tick = () => {
      void this.sweep().catch((error) => this.#log('deleting old runs failed', error));
      this.#timer = setTimeout(tick, this.#options.intervalMs);
      this.#timer.unref();
    };
    this.#timer = setTimeout(tick, Math.min(30_000, this.#options.intervalMs));
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#sweeping?.catch(() => undefined);
  }

  async state(): Promise<RetentionState> {
    const days = await this.#settingDays();
    const envDays = this.#options.envDays ?? null;
    return { days, envDays, effectiveDays: days ?? envDays, lastSweep: this.#lastSweep };
  }

  /** Sets (a number) or clears (null) the admin setting, then sweeps with it in the background. */
  async setDays(days: number | null): Promise<RetentionState> {
    await this.#settings.set(RETENTION_SETTING, days === null ? '' : String(RetentionDaysSchema.parse(days)));
    void this.sweep().catch((error) => this.#log('deleting old runs failed', error));
    return this.state();
  }

  /** Deletes every run past the period; resolves with how many. Joins a sweep already going. */
  sweep(now = Date.now()): Promise<number> {
    if (this.#sweeping) return this.#sweeping;
    this.#sweeping = this.#sweep(now).finally(() => {
      this.#sweeping = undefined;
    });
    return this.#sweeping;
  }

  async #sweep(now: number): Promise<number> {
    const { effectiveDays } = await this.state();
    if (!effectiveDays) return 0;
    const before = now - effectiveDays * DAY_MS;
    let deleted = 0;
    for (;;) {
      if (this.#stopped) break;
      const batch = await this.#runs.deleteStartedBefore(before, this.#options.batchSize);
      deleted += batch;
      if (batch < this.#options.batchSize) break;
      await new Promise((resolve) => setTimeout(resolve, this.#options.pauseMs));
    }
    this.#lastSweep = { at: now, deleted };
    if (deleted > 0) this.#log(`deleted ${deleted} run(s) older than ${effectiveDays} day(s)`);
    return deleted;
  }

  async #settingDays(): Promise<number | null> {
    const text = await this.#settings.get(RETENTION_SETTING);
    if (text === undefined || text === '') return null;
    const parsed = RetentionDaysSchema.safeParse(Number(text));
    return parsed.success ? parsed.data : null;
  }
}
