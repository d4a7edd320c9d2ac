import { type RunEvent, RunEventSchema } from '@tailor/runtime';
import { Redis } from 'ioredis';
import { ListenerTable } from './local-run-bus.js';
import type { EnvelopeListener, RunBus, RunEnvelope } from './run-bus.js';

const HISTORY_TTL_SECONDS = 3_600;
const HISTORY_MAX_EVENTS = 5_000;

/** Redis connections for BullMQ and the bus: blocking commands must never give up. */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

/**
 * Run events across machines. Whoever runs a flow appends each event to the run's stream (kept an
 * hour, for clients that resume) and publishes it on one channel; every server instance listens to
 * the channel and hands events to its own listeners. Both go in one MULTI, so a reader of the
 * stream either sees an event or receives it from the channel afterwards — never neither.
 */
export class RedisRunBus implements RunBus {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #channel: string;
  readonly #prefix: string;
  readonly #listeners = new ListenerTable();

  private constructor(url: string, prefix: string) {
    this.#publisher = redisConnection(url);
    this.#subscriber = redisConnection(url);
    this.#prefix = prefix;
    this.#channel = `${prefix}:run-events`;
  }

  static async connect(url: string, prefix = 'tailor'): Promise<RedisRunBus> {
    const bus = new RedisRunBus(url, prefix);
    bus.#subscriber.on('message', (channel: string, message: string) => {
      if (channel === bus.#channel) bus.#receive(message);
    });
    await bus.#subscriber.subscribe(bus.#channel);
    await bus.#publisher.ping();
    return bus;
  }

  /** The key of a run's event stream. */
  #streamKey(runId: string): string {
    return `${this.#prefix}:run:${runId}:events`;
  }

  publish(envelope: RunEnvelope): void {
    const message = JSON.stringify(envelope);
    const key = this.#streamKey(envelope.event.runId);
    this.#publisher
      .multi()
      .xadd(key, 'MAXLEN', '~', String(HISTORY_MAX_EVENTS), '*', 'e', JSON.stringify(envelope.event))
      .expire(key, HISTORY_TTL_SECONDS)
      .publish(this.#channel, message)
      .exec()
      .catch((error: unknown) => console.error('[tailor] publishing a run event to Redis failed:', error));
  }

  subscribeAll(listener: EnvelopeListener): () => void {
    return this.#listeners.addAll(listener);
  }

  subscribeRun(runId: string, listener: EnvelopeListener): () => void {
    return this.#listeners.addRun(runId, listener);
  }

  async history(runId: string, afterSeq: number): Promise<{ events: RunEvent[]; complete: boolean }> {
    const entries = await this.#publisher.xrange(this.#streamKey(runId), '-', '+');
    const events: RunEvent[] = [];
    for (const [, fields] of entries) {
      const parsed = RunEventSchema.safeParse(JSON.parse(fields[1] ?? 'null'));
      if (parsed.success) events.push(parsed.data);
    }
    const first = events[0];
    const complete = first ? first.seq <= afterSeq + 1 : afterSeq === 0;
    return { events: events.filter((event) => event.seq > afterSeq), complete };
  }

  /** A channel every process listens to, for messages other than events (cancellation). */
  async listen(channel: string, onMessage: (message: string) => void): Promise<void> {
    const name = `${this.#prefix}:${channel}`;
    this.#subscriber.on('message', (from: string, message: string) => {
      if (from === name) onMessage(message);
    });
    await this.#subscriber.subscribe(name);
  }

  async broadcast(channel: string, message: string): Promise<void> {
    await this.#publisher.publish(`${this.#prefix}:${channel}`, message);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#subscriber.quit(), this.#publisher.quit()]);
  }

  #receive(message: string): void {
    try {
      const envelope = JSON.parse(message) as RunEnvelope;
      this.#listeners.deliver(envelope);
    } catch (error) {
      console.error('[tailor] an unreadable run event came from Redis:', error);
    }
  }
}
