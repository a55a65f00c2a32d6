import type { Migration } from '../migrate.ts';

/**
 * Each result's 1 s chart series as the packed record the pool thread made
 * (shared/domain/series-codec.ts packPlayerSeries; docs/formats/report-series.md), in place of
 * `series_json`: the report and the session page join the records instead of parsing ~80 kB of
 * JSON per player and packing it again, and a result row is ~50 kB smaller. Results stored before
 * keep their `series_json`, read (and packed) as before until processed again.
 */
export const m014PackedSeries: Migration = {
  version: 14,
  name: 'packed-series',
  up(db) {
    db.exec('ALTER TABLE player_results ADD COLUMN series_packed BLOB;');
  },
};
