import type { Migration } from '../migrate.ts';

/**
 * The sports-science engine: periods (drills) per session, team settings, results per period,
 * and per-result data quality, warnings, chart series and the settings key they were computed with.
 */
export const m002Engine: Migration = {
  version: 2,
  name: 'engine',
  up(db) {
    db.exec(`
      CREATE TABLE periods (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        -- JSON array of player ids the period applies to; NULL = every participant.
        player_ids_json TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        CHECK (end_ms > start_ms)
      );
      CREATE INDEX periods_by_session ON periods (session_id, start_ms);

      -- Team settings, one JSON document per key ('engine').
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      ALTER TABLE player_results ADD COLUMN settings_key TEXT;
      ALTER TABLE player_results ADD COLUMN quality_json TEXT;
      ALTER TABLE player_results ADD COLUMN warnings_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE player_results ADD COLUMN series_json TEXT;

      -- Metrics per period, as computed in the player's run (name and range kept as they were then).
      CREATE TABLE period_results (
        session_id TEXT NOT NULL,
        player_id TEXT NOT NULL,
        period_id TEXT NOT NULL,
        name TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        metrics_json TEXT NOT NULL,
        coverage REAL NOT NULL,
        warnings_json TEXT NOT NULL,
        PRIMARY KEY (session_id, player_id, period_id),
        FOREIGN KEY (session_id, player_id) REFERENCES player_results (session_id, player_id) ON DELETE CASCADE
      );
    `);
  },
};
