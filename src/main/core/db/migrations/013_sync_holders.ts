import type { Migration } from '../migrate.ts';

/**
 * Sync fixes (docs/sync.md). `sync_outbox.lease_pid/lease_start/lease_host`: which process holds
 * a row's lease (pid + its start time, util/process-identity.ts), so a lease of a process that is
 * gone (kill -9, a crash) is taken over at once instead of after the lease time. `roster_tombstones`:
 * players and units deleted on this laptop; the roster pull does not add them again, and the
 * deletion is sent to the central server (`synced_at` once it has it).
 */
export const m013SyncHolders: Migration = {
  version: 13,
  name: 'sync-holders',
  up(db) {
    db.exec(`
      ALTER TABLE sync_outbox ADD COLUMN lease_pid INTEGER;
      ALTER TABLE sync_outbox ADD COLUMN lease_start TEXT;
      ALTER TABLE sync_outbox ADD COLUMN lease_host TEXT;
      CREATE TABLE roster_tombstones (
        kind TEXT NOT NULL CHECK (kind IN ('player', 'unit')),
        id TEXT NOT NULL,
        label TEXT NOT NULL,
        device_id TEXT,
        deleted_at INTEGER NOT NULL,
        synced_at INTEGER,
        PRIMARY KEY (kind, id)
      );
    `);
  },
};
