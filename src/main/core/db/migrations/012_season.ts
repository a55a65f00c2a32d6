import type { Migration } from '../migrate.ts';

/**
 * Managing a season: each session's type (match, training, recovery...; '' = not said), and for
 * players the squad they belong to ('' = none) and when they left (archived: kept in every session
 * and result, hidden from pickers). Shirt number and date of birth came with migration 10.
 */
export const m012Season: Migration = {
  version: 12,
  name: 'season',
  up(db) {
    db.exec(`
      ALTER TABLE sessions ADD COLUMN session_type TEXT NOT NULL DEFAULT '';
      ALTER TABLE players ADD COLUMN squad TEXT NOT NULL DEFAULT '';
      ALTER TABLE players ADD COLUMN archived_at INTEGER;
    `);
  },
};
