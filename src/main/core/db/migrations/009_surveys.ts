import type { Migration } from '../migrate.ts';

/**
 * Player Feedback (issue 14): survey answers stored with the scale id and version they were given
 * on; team-defined scales (an import's own wellness items); how a file names a player (aliases
 * chosen when assigning unmatched players); and each player's availability per day (load series:
 * 0 on an available day without a session, NA otherwise).
 */
export const m009Surveys: Migration = {
  version: 9,
  name: 'surveys',
  up(db) {
    db.exec(`
      CREATE TABLE survey_answers (
        id TEXT PRIMARY KEY,
        -- NULL: an imported row whose player is not matched yet (listed for assignment).
        player_id TEXT REFERENCES players(id),
        source_player TEXT,
        session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        day TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('rpe', 'wellness')),
        scale_id TEXT NOT NULL,
        scale_version INTEGER NOT NULL,
        values_json TEXT NOT NULL,
        duration_min REAL,
        stated_load REAL,
        given_at INTEGER,
        source TEXT NOT NULL CHECK (source IN ('kiosk', 'grid', 'import', 'cli')),
        origin TEXT,
        -- Imports: one key per row content, so importing a file again adds nothing.
        import_key TEXT UNIQUE,
        updated_at INTEGER NOT NULL,
        CHECK (player_id IS NOT NULL OR source_player IS NOT NULL)
      );
      CREATE UNIQUE INDEX survey_answers_entry ON survey_answers (session_id, player_id, kind)
        WHERE session_id IS NOT NULL AND import_key IS NULL;
      CREATE INDEX survey_answers_player_day ON survey_answers (player_id, day);
      CREATE INDEX survey_answers_session ON survey_answers (session_id);

      CREATE TABLE survey_scales (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        record_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (id, version)
      );

      CREATE TABLE survey_player_aliases (
        source_player TEXT PRIMARY KEY COLLATE NOCASE,
        player_id TEXT NOT NULL REFERENCES players(id) ON DELETE CASCADE
      );

      CREATE TABLE player_availability (
        player_id TEXT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('available', 'injured', 'unavailable', 'unknown')),
        PRIMARY KEY (player_id, day)
      );
    `);
  },
};
