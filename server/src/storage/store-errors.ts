/** Why a store refused a write; routes turn these into 404 and 409. */
export type StoreErrorKind = 'not-found' | 'conflict';

export class StoreError extends Error {
  readonly kind: StoreErrorKind;

  constructor(kind: StoreErrorKind, message: string) {
    super(message);
    this.name = 'StoreError';
    this.kind = kind;
  }
}

export function notFound(what: string): StoreError {
  return new StoreError('not-found', `${what} does not exist.`);
}

export function conflict(message: string): StoreError {
  return new StoreError('conflict', message);
}
