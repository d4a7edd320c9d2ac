import type { CredentialStore } from './credential-store.js';
import type { DatasetStore } from './dataset-store.js';
import type { EvaluationStore } from './evaluation-store.js';
import type { FlowStore } from './flow-store.js';
import type { KeyStore } from './key-store.js';
import type { RunStore } from './run-store.js';
import type { SessionStore } from './session-store.js';
import type { SettingsStore } from './settings-store.js';

/** Every aggregate the server persists, one store each; SQLite and MongoDB implement them all. */
export interface Storage {
  readonly kind: 'sqlite' | 'mongodb';
  readonly flows: FlowStore;
  readonly runs: RunStore;
  readonly credentials: CredentialStore;
  readonly keys: KeyStore;
  readonly sessions: SessionStore;
  readonly datasets: DatasetStore;
  readonly evaluations: EvaluationStore;
  readonly settings: SettingsStore;
  close(): Promise<void>;
}
