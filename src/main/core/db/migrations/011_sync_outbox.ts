import type { Migration } from '../migrate.ts';

/**
 * Sync to the club's central server (docs/sync.md). `sync_outbox`: one row per bundle, written in
 * the same transaction that completes the session's run; its bytes, key and hash are frozen when
 * queued. `sync_config`: the server URL, the club CA file, and the sender's last outcome. The
 * token is not here: it lives in the host's secure storage (Electron safeStorage).
 */
export const m011SyncOutbox: Migration = {
  version: 11,
  name: 'sync-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE sync_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        bundle_id TEXT NOT NULL UNIQUE,
        session_id TEXT NOT NULL,
        session_name TEXT NOT NULL,
        revision INTEGER NOT NULL,
        processed_at INTEGER,
        body BLOB,
        body_sha256 TEXT NOT NULL,
        body_size INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'synced', 'superseded', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        lease_until INTEGER,
        status_url TEXT,
        last_error TEXT,
        http_status INTEGER,
        queued_at INTEGER NOT NULL,
        first_attempt_at INTEGER,
        done_at INTEGER,
        UNIQUE (session_id, revision)
      );
      CREATE INDEX sync_outbox_due ON sync_outbox (state, next_attempt_at);
      CREATE TABLE sync_config (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        server_url TEXT,
        ca_file TEXT,
        auth_failed_at INTEGER,
        last_success_at INTEGER,
        last_error TEXT,
        last_error_at INTEGER
      );
      INSERT INTO sync_config (id) VALUES (1);
    `);
  },
};
