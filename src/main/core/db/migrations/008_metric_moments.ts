import type { Migration } from '../migrate.ts';

/**
 * When each maximum and peak period happened (shared/domain/metrics.ts MetricMoments), for the
 * session and for each period. Results from before this migration have none (NULL, read as no
 * moments) until processed again; their values are unchanged.
 */
export const m008MetricMoments: Migration = {
  version: 8,
  name: 'metric-moments',
  up(db) {
    db.exec('ALTER TABLE player_results ADD COLUMN moments_json TEXT;');
    db.exec('ALTER TABLE period_results ADD COLUMN moments_json TEXT;');
  },
};
