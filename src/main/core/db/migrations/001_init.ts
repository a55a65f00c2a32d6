import type { Migration } from '../migrate.ts';

export const m001Init: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE players (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        position TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      );

      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL UNIQUE COLLATE NOCASE,
        label TEXT NOT NULL DEFAULT '',
        default_player_id TEXT REFERENCES players(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        processing_status TEXT NOT NULL DEFAULT 'PENDING'
          CHECK (processing_status IN ('PENDING', 'QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED')),
        report_path TEXT,
        report_generated_at INTEGER,
        last_processed_at INTEGER,
        error_json TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (end_ms > start_ms)
      );

      CREATE TABLE session_participants (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        player_id TEXT NOT NULL REFERENCES players(id),
        unit_id TEXT NOT NULL REFERENCES units(id),
        PRIMARY KEY (session_id, player_id),
        UNIQUE (session_id, unit_id)
      );

      -- Index of the content-addressed raw store (<dataDir>/raw/<aa>/<sha256>).
      CREATE TABLE raw_files (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        stored_at INTEGER NOT NULL
      );

      -- Which files hold which unit's data for a session: a stored copy in the raw store
      -- (sha256), or, for throw-away CLI runs, the original file read in place (external_path).
      -- format is the id of the reader that decodes it (formats registry); a unit may have
      -- several files (gps.csv + imu.csv, a watch's FIT and a pod's P1...). The same source
      -- name imported again replaces the earlier file.
      CREATE TABLE session_files (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        unit_id TEXT NOT NULL REFERENCES units(id),
        source_name TEXT NOT NULL,
        format TEXT NOT NULL,
        sha256 TEXT REFERENCES raw_files(sha256),
        external_path TEXT,
        size INTEGER NOT NULL,
        imported_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, unit_id, source_name),
        CHECK (sha256 IS NOT NULL OR external_path IS NOT NULL)
      );

      -- One row per participant and run; kept when a later run fails for another unit.
      CREATE TABLE player_results (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        player_id TEXT NOT NULL REFERENCES players(id),
        unit_id TEXT NOT NULL REFERENCES units(id),
        metrics_json TEXT NOT NULL,
        problems_json TEXT NOT NULL,
        algorithm_version TEXT NOT NULL,
        settings_json TEXT NOT NULL,
        computed_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, player_id)
      );
    `);
  },
};
