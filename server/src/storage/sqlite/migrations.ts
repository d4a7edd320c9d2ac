/**
 * Forward-only schema migrations, applied in order on start inside one transaction each.
 * Never edit a released migration: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE flows (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    document TEXT NOT NULL,
    revision INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    published_version INTEGER
  );
  CREATE TABLE flow_versions (
    flow_id TEXT NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    note TEXT NOT NULL,
    document TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (flow_id, version)
  );
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    flow_id TEXT NOT NULL,
    flow_version INTEGER,
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    session_id TEXT,
    parent_run_id TEXT,
    parent_node_id TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    duration_ms REAL,
    inputs TEXT NOT NULL,
    output TEXT,
    error TEXT,
    usage TEXT,
    -- the node records, one JSON array: a run is written in one row, read in one row
    nodes TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX runs_by_time ON runs (started_at DESC, id DESC);
  CREATE INDEX runs_by_flow ON runs (flow_id, started_at DESC, id DESC);
  CREATE INDEX runs_by_status ON runs (status, started_at DESC, id DESC);
  CREATE INDEX runs_by_flow_status ON runs (flow_id, status, started_at DESC, id DESC);
  CREATE INDEX runs_by_session ON runs (session_id, started_at DESC) WHERE session_id IS NOT NULL;
  CREATE INDEX runs_by_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;
  -- trigram index: substring search over a million runs without a full scan
  CREATE VIRTUAL TABLE runs_text USING fts5 (run_id UNINDEXED, body, tokenize = 'trigram');
  CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    provider TEXT,
    base_url TEXT,
    masked TEXT NOT NULL,
    sealed TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    flow_id TEXT,
    origins TEXT NOT NULL,
    label TEXT,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  );
  CREATE INDEX api_keys_by_flow ON api_keys (flow_id);
  CREATE TABLE chat_sessions (
    id TEXT PRIMARY KEY,
    flow_id TEXT NOT NULL,
    turn_count INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX chat_sessions_by_flow ON chat_sessions (flow_id, updated_at DESC);
  CREATE TABLE chat_turns (
    session_id TEXT NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    at INTEGER NOT NULL,
    run_id TEXT,
    PRIMARY KEY (session_id, position)
  ) WITHOUT ROWID;
  CREATE TABLE datasets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    flow_id TEXT,
    items TEXT NOT NULL,
    item_count INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE admin_tokens (
    hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  `,
  `
  ALTER TABLE runs ADD COLUMN end_user_id TEXT;
  ALTER TABLE runs ADD COLUMN end_user TEXT;
  CREATE INDEX runs_by_end_user ON runs (end_user_id, started_at DESC, id DESC) WHERE end_user_id IS NOT NULL;
  `,
  `
  CREATE TABLE evaluations (
    id TEXT PRIMARY KEY,
    flow_id TEXT NOT NULL,
    status TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    document_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- the summary as JSON (progress is updated in place), the report once finished
    summary TEXT NOT NULL,
    report TEXT
  );
  CREATE INDEX evaluations_by_flow ON evaluations (flow_id, created_at DESC);
  CREATE INDEX evaluations_by_time ON evaluations (created_at DESC);
  CREATE TABLE evaluation_gates (flow_id TEXT PRIMARY KEY, gate TEXT NOT NULL);
  `,
  `
  -- The dashboard's metrics read status, duration and usage of every run in a range: kept in the
  -- time and flow indexes, a month of runs is aggregated from the indexes without visiting the rows
  -- (which carry inputs, outputs and node records). Idempotent, so a re-run is harmless.
  DROP INDEX IF EXISTS runs_by_time;
  CREATE INDEX runs_by_time ON runs (started_at DESC, id DESC, status, duration_ms, usage);
  DROP INDEX IF EXISTS runs_by_flow;
  CREATE INDEX runs_by_flow ON runs (flow_id, started_at DESC, id DESC, status, duration_ms, usage);
  `,
  `
  -- The dashboard's most frequent errors: only runs with an error are in these (partial) indexes,
  -- so grouping a month of errors reads a small index instead of every failed run's row.
  CREATE INDEX IF NOT EXISTS runs_errors_by_time ON runs (started_at, status, error) WHERE error IS NOT NULL;
  CREATE INDEX IF NOT EXISTS runs_errors_by_flow ON runs (flow_id, started_at, status, error) WHERE error IS NOT NULL;
  `,
];
