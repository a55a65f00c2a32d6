import type { Migration } from '../migrate.ts';

/**
 * Importing any supported file: the reader options a file was read with at import (a local-clock
 * unit's time zone, the import time for the GPS week-rollover repair, a damaged FIT file the user
 * accepted) are kept with the session's link to it, so processing decodes exactly what was shown.
 */
export const m004Imports: Migration = {
  version: 4,
  name: 'imports',
  up(db) {
    db.exec(`
      -- JSON {timeZone?, referenceMs?, ignoreChecksums?}; NULL = the readers' defaults.
      ALTER TABLE session_files ADD COLUMN read_options_json TEXT;
      CREATE INDEX session_files_by_sha ON session_files (session_id, sha256);
    `);
  },
};
