import { TailorError } from './error-codes.js';

/**
 * A typed name for something the host injects (providers, knowledge store, safe fetch, sandbox,
 * clock). The runtime knows no service by name; a node asks for the key it was written against.
 */
export interface ServiceKey<T> {
  readonly id: string;
  readonly description: string;
  /** Phantom field that carries the service's type; never set. */
  readonly __service?: T;
}

export function serviceKey<T>(id: string, description: string): ServiceKey<T> {
  return Object.freeze({ id, description });
}

export class ServiceRegistry {
  readonly #services = new Map<string, unknown>();

  provide<T>(key: ServiceKey<T>, implementation: T): this {
    this.#services.set(key.id, implementation);
    return this;
  }

  /** The service, or a SERVICE_MISSING error that names what is missing. */
  get<T>(key: ServiceKey<T>): T {
    if (!this.#services.has(key.id)) {
      throw new TailorError('SERVICE_MISSING', `Missing: ${key.description} (${key.id}).`);
    }
    return this.#services.get(key.id) as T;
  }

  find<T>(key: ServiceKey<T>): T | undefined {
    return this.#services.get(key.id) as T | undefined;
  }

  has(key: ServiceKey<unknown>): boolean {
    return this.#services.has(key.id);
  }

  /** A copy with some services replaced, e.g. per run. */
  with<T>(key: ServiceKey<T>, implementation: T): ServiceRegistry {
    const copy = new ServiceRegistry();
    for (const [id, service] of this.#services) copy.#services.set(id, service);
    copy.#services.set(key.id, implementation);
    return copy;
  }
}
