import type { ServerMigration } from '../migrate.ts';

/**
 * Teams, their laptop tokens (hash only), the bundles received (the bundle id is the primary key:
 * a replayed or duplicated delivery can never store a bundle twice), and each session's latest
 * revision with its per-player metrics and report.
 */
export const m001Init: ServerMigration = {
  version: 1,
  name: 'init',
  sql: `
CREATE TABLE teams (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE tokens (
  id UUID PRIMARY KEY,
  team_id BIGINT NOT NULL REFERENCES teams(id),
  -- SHA-256 of the whole token; the token itself is shown once and never stored.
  token_sha256 TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL DEFAULT '',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
);

CREATE TABLE bundles (
  bundle_id UUID PRIMARY KEY,
  team_id BIGINT NOT NULL REFERENCES teams(id),
  session_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  -- SHA-256 of the request body: the same key with another body is refused (422).
  request_sha256 TEXT NOT NULL,
  -- accepted (waiting to be applied) | applied | superseded | rejected
  status TEXT NOT NULL,
  detail TEXT,
  -- The first answer, replayed to a retry with the same key.
  response_status INTEGER NOT NULL,
  response_body JSONB NOT NULL,
  -- The request body until it is applied (then NULL: the session row holds the data).
  body BYTEA,
  received_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  processed_at TIMESTAMPTZ
);
CREATE INDEX bundles_waiting ON bundles (received_at) WHERE status = 'accepted';
CREATE INDEX bundles_session ON bundles (team_id, session_id);

CREATE TABLE sessions (
  team_id BIGINT NOT NULL REFERENCES teams(id),
  session_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  bundle_id UUID NOT NULL REFERENCES bundles(bundle_id),
  name TEXT NOT NULL,
  start_ms BIGINT NOT NULL,
  end_ms BIGINT NOT NULL,
  algorithm_version TEXT NOT NULL,
  payload JSONB NOT NULL,
  report_gz BYTEA,
  report_sha256 TEXT,
  report_size INTEGER,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (team_id, session_id)
);

CREATE TABLE session_players (
  team_id BIGINT NOT NULL,
  session_id TEXT NOT NULL,
  player_id TEXT NOT NULL,
  player_name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  metrics JSONB NOT NULL,
  PRIMARY KEY (team_id, session_id, player_id),
  FOREIGN KEY (team_id, session_id) REFERENCES sessions(team_id, session_id) ON DELETE CASCADE
);

-- The team's roster as the laptops last reported it (GET /v1/roster).
CREATE TABLE roster_players (
  team_id BIGINT NOT NULL REFERENCES teams(id),
  player_id TEXT NOT NULL,
  name TEXT NOT NULL,
  position TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (team_id, player_id)
);
CREATE TABLE roster_units (
  team_id BIGINT NOT NULL REFERENCES teams(id),
  unit_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  player_id TEXT,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (team_id, unit_id)
);
`,
};
