/**
 * A metric's column in the tidy CSV export (docs/exports.md): its key, with the unit added where
 * the key does not already say it (`player_load` → `player_load_au`, `sprint_efforts` →
 * `sprint_efforts_count`). The one rule the CSV export writes its header by
 * (main/core/exports/tidy-csv.ts) and the report and the app name a metric's CSV column by, so
 * the two can never disagree. The metrics JSON keeps the plain key.
 */
import type { MetricDef } from './metrics.ts';

export function csvHeader(d: Pick<MetricDef, 'key' | 'unit'>): string {
  if (d.unit === 'count') return `${d.key}_count`;
  if (d.unit === 'au') return `${d.key}_au`;
  if (d.unit === 'au/min') return d.key.endsWith('_per_min') ? `${d.key.slice(0, -'_per_min'.length)}_au_per_min` : `${d.key}_au_per_min`;
  return d.key;
}
