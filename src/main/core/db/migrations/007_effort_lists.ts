import type { Migration } from '../migrate.ts';

/**
 * Every effort behind a result's effort counts (shared/domain/player-result.ts EffortLists), for
 * the report's effort tables and the JSON export. Results from before this migration have none
 * (NULL) until processed again; their counts are unchanged.
 */
export const m007EffortLists: Migration = {
  version: 7,
  name: 'effort-lists',
  up(db) {
    db.exec('ALTER TABLE player_results ADD COLUMN efforts_json TEXT;');
  },
};
