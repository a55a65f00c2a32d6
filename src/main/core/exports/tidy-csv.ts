/**
 * The tidy CSV export: one table, one row per player × scope (the whole session, then each period
 * in start order), a fixed and versioned column set (docs/exports.md). Units are in the headers
 * (`distance_m`, `player_load_au`), values are the stored SI values at full precision, times are
 * ISO 8601 UTC, durations in seconds, a missing value is an empty cell, and every row has the
 * same number of cells. UTF-8 with a BOM so spreadsheet programs read names right.
 */
import type { SessionResults } from '../../../shared/api/results.contract.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { metricCatalogue, type MetricDef } from '../../../shared/domain/metrics.ts';
import { csvHeader } from '../../../shared/domain/csv-columns.ts';

/** Bumped when a column is renamed or removed (adding columns at the end keeps the version's readers working). */
export const CSV_SCHEMA_VERSION = 1;

/** A metric's CSV header (shared/domain/csv-columns.ts: the report and the app name the same column). */
export { csvHeader };

/** The metric columns, in catalogue order. The keys do not depend on the thresholds (band 1..5, window 1..3). */
export function csvMetricDefs(): MetricDef[] {
  return metricCatalogue(DEFAULT_SETTINGS);
}

export const CSV_LEAD_COLUMNS = [
  'schema_version',
  'session_name',
  'session_start_utc',
  'session_end_utc',
  'scope',
  'period_name',
  'period_start_utc',
  'period_end_utc',
  'player_name',
  'position',
  'position_group',
  'device_id',
  'coverage_fraction',
  'algorithm_version',
] as const;

export function csvColumns(): string[] {
  return [...CSV_LEAD_COLUMNS, ...csvMetricDefs().map(csvHeader)];
}

/** RFC 4180: quoted when it holds a comma, quote or line break (or starts with a space, kept as is). */
function cell(v: string | number | null | undefined): string {
  if (v == null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function tidyCsv(session: { name: string; startMs: number; endMs: number }, r: SessionResults): string {
  const defs = csvMetricDefs();
  const lines = [csvColumns().join(',')];
  const byId = new Map(r.players.map((p) => [p.playerId, p]));
  const row = (lead: (string | number | null)[], metrics: Record<string, number | null>) => lines.push([...lead, ...defs.map((d) => metrics[d.key])].map(cell).join(','));
  const s = [CSV_SCHEMA_VERSION, session.name, iso(session.startMs), iso(session.endMs)];
  for (const p of r.players) {
    row([...s, 'session', null, null, null, p.playerName, p.position, p.group, p.deviceId, null, p.algorithmVersion], p.metrics);
  }
  for (const per of r.periods) {
    for (const pr of per.rows) {
      const p = byId.get(pr.playerId);
      if (!p) continue;
      row([...s, 'period', per.name, iso(per.startMs), iso(per.endMs), p.playerName, p.position, p.group, p.deviceId, pr.coverage, p.algorithmVersion], pr.metrics);
    }
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
