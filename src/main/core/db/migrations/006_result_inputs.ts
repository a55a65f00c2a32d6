import type { Migration } from '../migrate.ts';

/**
 * What each result was computed from, besides settings and periods: the session window and a key
 * of the player's data files (shared/domain/staleness.ts dataKey). A result whose window or files
 * differ from the session's now is flagged as stale, like one computed with older settings.
 * Results from before this migration have neither, and are flagged until processed again.
 */
export const m006ResultInputs: Migration = {
  version: 6,
  name: 'result-inputs',
  up(db) {
    db.exec(`
      ALTER TABLE player_results ADD COLUMN window_start_ms INTEGER;
      ALTER TABLE player_results ADD COLUMN window_end_ms INTEGER;
      ALTER TABLE player_results ADD COLUMN data_key TEXT;
    `);
  },
};
