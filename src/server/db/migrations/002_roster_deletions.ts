import type { ServerMigration } from '../migrate.ts';

/**
 * Players and units deleted on a laptop (POST /v1/roster-deletions, docs/sync.md "Roster
 * deletions"). The deletion id is the primary key: a retried or duplicated delivery can never store
 * a deletion twice. GET /v1/roster leaves out every record of the team with a deletion; the
 * roster rows themselves and the sessions' per-player results that name them are kept.
 */
export const m002RosterDeletions: ServerMigration = {
  version: 2,
  name: 'roster-deletions',
  sql: `
CREATE TABLE roster_deletions (
  deletion_id UUID PRIMARY KEY,
  team_id BIGINT NOT NULL REFERENCES teams(id),
  kind TEXT NOT NULL CHECK (kind IN ('player', 'unit')),
  record_id TEXT NOT NULL,
  label TEXT NOT NULL,
  device_id TEXT,
  deleted_at_ms BIGINT NOT NULL,
  -- SHA-256 of the request body: the same key with another body is refused (422).
  request_sha256 TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX roster_deletions_record ON roster_deletions (team_id, kind, record_id);
`,
};
