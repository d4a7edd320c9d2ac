import { type Connection, Schema } from 'mongoose';

/**
 * Collection shapes. Documents, run inputs and outputs are stored as-is (Mixed); ids are the
 * product's own ids in `_id`. Fields named `type` would need `{ type: { type: String } }`; none here.
 */
export interface FlowDoc {
  _id: string;
  name: string;
  description?: string;
  document: unknown;
  revision: number;
  createdAt: number;
  updatedAt: number;
  publishedVersion: number | null;
}

export interface FlowVersionDoc {
  flowId: string;
  version: number;
  note: string;
  document: unknown;
  createdAt: number;
}

export interface RunDoc {
  _id: string;
  flowId: string;
  flowVersion?: number;
  status: string;
  source: string;
  sessionId?: string;
  parentRunId?: string;
  parentNodeId?: string;
  startedAt: number;
  endedAt?: number;
  durationMs?: number;
  inputs: unknown;
  output?: unknown;
  error?: unknown;
  usage?: unknown;
  nodes: unknown[];
  endUser?: unknown;
  searchInputs?: string;
  searchText?: string;
}

export interface CredentialDoc {
  _id: string;
  kind: string;
  provider?: string;
  baseUrl?: string;
  masked: Record<string, string>;
  sealed: string;
  createdAt: number;
  updatedAt: number;
}

export interface ApiKeyDoc {
  _id: string;
  prefix: string;
  hash: string;
  flowId: string | null;
  origins: string[];
  label?: string;
  createdAt: number;
  lastUsedAt?: number;
}

export interface ChatSessionDoc {
  _id: string;
  flowId: string;
  turnCount: number;
  createdAt: number;
  updatedAt: number;
}

export interface ChatTurnDoc {
  sessionId: string;
  position: number;
  role: string;
  content: string;
  at: number;
  runId?: string;
}

export interface DatasetDoc {
  _id: string;
  name: string;
  flowId?: string;
  items: unknown[];
  itemCount: number;
  createdAt: number;
  updatedAt: number;
}

export interface SettingDoc {
  _id: string;
  value: string;
}

export interface AdminTokenDoc {
  _id: string;
  kind: string;
  createdAt: number;
  expiresAt: number;
  /** Same instant as `expiresAt`, as a Date, for MongoDB's TTL index to clean expired tokens up. */
  expireAt: Date;
}

const opts = { versionKey: false, minimize: false } as const;

const flowSchema = new Schema<FlowDoc>(
  {
    _id: String,
    name: { type: String, required: true },
    description: String,
    document: { type: Schema.Types.Mixed, required: true },
    revision: { type: Number, required: true },
    createdAt: { type: Number, required: true },
    updatedAt: { type: Number, required: true, index: true },
    publishedVersion: { type: Number, default: null },
  },
  opts,
);

const versionSchema = new Schema<FlowVersionDoc>(
  {
    flowId: { type: String, required: true },
    version: { type: Number, required: true },
    note: { type: String, default: '' },
    document: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Number, required: true },
  },
  opts,
);
versionSchema.index({ flowId: 1, version: -1 }, { unique: true });

const runSchema = new Schema<RunDoc>(
  {
    _id: String,
    flowId: { type: String, required: true },
    flowVersion: Number,
    status: { type: String, required: true },
    source: { type: String, required: true },
    sessionId: String,
    parentRunId: String,
    parentNodeId: String,
    startedAt: { type: Number, required: true },
    endedAt: Number,
    durationMs: Number,
    inputs: { type: Schema.Types.Mixed, default: {} },
    output: Schema.Types.Mixed,
    error: Schema.Types.Mixed,
    usage: Schema.Types.Mixed,
    nodes: { type: [Schema.Types.Mixed], default: [] },
    endUser: Schema.Types.Mixed,
    searchInputs: String,
    searchText: String,
  },
  opts,
);
// The same keyset indexes as SQLite: each filter walks an index already in (startedAt, _id) order.
runSchema.index({ startedAt: -1, _id: -1 });
runSchema.index({ flowId: 1, startedAt: -1, _id: -1 });
runSchema.index({ status: 1, startedAt: -1, _id: -1 });
runSchema.index({ flowId: 1, status: 1, startedAt: -1, _id: -1 });
runSchema.index({ sessionId: 1, startedAt: -1 }, { sparse: true });
runSchema.index({ 'endUser.id': 1, startedAt: -1, _id: -1 }, { sparse: true });
runSchema.index({ searchText: 'text' }, { default_language: 'none' });

const credentialSchema = new Schema<CredentialDoc>(
  {
    _id: String,
    kind: { type: String, required: true },
    provider: String,
    baseUrl: String,
    masked: { type: Schema.Types.Mixed, default: {} },
    sealed: { type: String, required: true },
    createdAt: { type: Number, required: true },
    updatedAt: { type: Number, required: true },
  },
  opts,
);

const apiKeySchema = new Schema<ApiKeyDoc>(
  {
    _id: String,
    prefix: { type: String, required: true },
    hash: { type: String, required: true, unique: true },
    flowId: { type: String, default: null, index: true },
    origins: { type: [String], default: [] },
    label: String,
    createdAt: { type: Number, required: true },
    lastUsedAt: Number,
  },
  opts,
);

const sessionSchema = new Schema<ChatSessionDoc>(
  {
    _id: String,
    flowId: { type: String, required: true },
    turnCount: { type: Number, required: true },
    createdAt: { type: Number, required: true },
    updatedAt: { type: Number, required: true },
  },
  opts,
);
sessionSchema.index({ flowId: 1, updatedAt: -1 });
sessionSchema.index({ updatedAt: -1 });

const turnSchema = new Schema<ChatTurnDoc>(
  {
    sessionId: { type: String, required: true },
    position: { type: Number, required: true },
    role: { type: String, required: true },
    content: { type: String, required: true },
    at: { type: Number, required: true },
    runId: String,
  },
  opts,
);
turnSchema.index({ sessionId: 1, position: -1 }, { unique: true });

const datasetSchema = new Schema<DatasetDoc>(
  {
    _id: String,
    name: { type: String, required: true },
    flowId: String,
    items: { type: [Schema.Types.Mixed], default: [] },
    itemCount: { type: Number, required: true },
    createdAt: { type: Number, required: true },
    updatedAt: { type: Number, required: true },
  },
  opts,
);

const settingSchema = new Schema<SettingDoc>({ _id: String, value: { type: String, required: true } }, opts);

const tokenSchema = new Schema<AdminTokenDoc>(
  {
    _id: String,
    kind: { type: String, required: true },
    createdAt: { type: Number, required: true },
    expiresAt: { type: Number, required: true },
    expireAt: { type: Date, required: true },
  },
  opts,
);
tokenSchema.index({ expireAt: 1 }, { expireAfterSeconds: 0 });

export function createModels(connection: Connection) {
  return {
    flows: connection.model('Flow', flowSchema, 'flows'),
    versions: connection.model('FlowVersion', versionSchema, 'flow_versions'),
    runs: connection.model('Run', runSchema, 'runs'),
    credentials: connection.model('Credential', credentialSchema, 'credentials'),
    keys: connection.model('ApiKey', apiKeySchema, 'api_keys'),
    sessions: connection.model('ChatSession', sessionSchema, 'chat_sessions'),
    turns: connection.model('ChatTurn', turnSchema, 'chat_turns'),
    datasets: connection.model('Dataset', datasetSchema, 'datasets'),
    settings: connection.model('Setting', settingSchema, 'settings'),
    tokens: connection.model('AdminToken', tokenSchema, 'admin_tokens'),
  };
}

export type MongoModels = ReturnType<typeof createModels>;
