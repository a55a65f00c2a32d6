/**
 * What the team table, the pitch-side summary and the periods chart show, shared by the app's
 * session page, the report viewer and the report's static HTML (so the three never disagree):
 * compact column headers that let the headline table fit a 1366 px laptop, the summary's
 * headline values, a player's value against their own recent sessions and against their
 * position group's mean, and the per-minute intensities of a period.
 */
import type { MetricDef, MetricValues } from './metrics.ts';
import type { TeamSummary } from './report.ts';
import { distanceFromM, type DisplayUnits } from './units.ts';

/** Short column headers for the headline table (the full label is the header's tooltip and in the definitions). */
export const SHORT_LABELS: Readonly<Record<string, string>> = {
  duration_s: 'Time',
  distance_m: 'Distance',
  distance_m_per_min: 'Intensity',
  max_speed_ms: 'Top speed',
  hsr_distance_m: 'HSR',
  sprint_efforts: 'Sprints',
  accel_efforts_1: 'Acc.',
  accel_efforts_2: 'Acc.',
  accel_efforts_3: 'Acc.',
  decel_efforts_1: 'Dec.',
  decel_efforts_2: 'Dec.',
  decel_efforts_3: 'Dec.',
  player_load: 'PlayerLoad',
  player_load_per_min: 'PL/min',
  mp_avg_wkg: 'Met. power',
  hr_mean_bpm: 'HR mean',
  hr_max_bpm: 'HR max',
};

export function shortLabel(d: Pick<MetricDef, 'key' | 'label'>): string {
  return SHORT_LABELS[d.key] ?? d.label;
}

/** The pitch-side summary's values: the team's big numbers and each player's row. */
export const SUMMARY_KEYS: readonly string[] = ['distance_m', 'distance_m_per_min', 'hsr_distance_m', 'sprint_efforts', 'accel_efforts_2', 'decel_efforts_2', 'player_load'];

/** How many earlier sessions a player's own average is taken over. */
export const HISTORY_SESSIONS = 5;

/**
 * Which earlier sessions the own average is over, in the summary's legend: those of the same
 * type for a session with a type (only they count, see ResultsRepo.history), those of any type
 * for a session with none; undefined = the caller does not know the session's type.
 */
export function historyScope(sessionType: string | null | undefined): string {
  if (sessionType === undefined) return 'their last sessions (of the same type where the session has one)';
  return sessionType ? `their last sessions of the same type (${sessionType})` : 'their last sessions of any type (this session has no type)';
}

/**
 * A value against the player's own average: more than HISTORY_BAND above is 'high', more than
 * HISTORY_BAND below is 'low'. 10 % is about the session-to-session variation of distance and
 * HSR in the same kind of training (Gregson 2010 reports CVs of 10–30 % for high-speed running;
 * ±10 % flags what a coach would look at, not noise on total distance).
 */
export const HISTORY_BAND = 0.1;

/** A player's own earlier sessions: how many, and the mean of each metric over them. */
export interface PlayerHistory {
  sessions: number;
  /** Session names and start times they were taken from (most recent first). */
  from: { sessionId: string; name: string; startMs: number }[];
  mean: MetricValues;
}

export type Trend = 'high' | 'low' | 'typical';

/** The value against the player's own average, or null when there is no history for it. */
export function trendVsHistory(value: number | null | undefined, mean: number | null | undefined): { trend: Trend; ratio: number } | null {
  if (value == null || mean == null || !Number.isFinite(value) || !(mean > 0)) return null;
  const ratio = value / mean;
  return { trend: ratio > 1 + HISTORY_BAND ? 'high' : ratio < 1 - HISTORY_BAND ? 'low' : 'typical', ratio };
}

/** The value as a whole % of the group's mean (null when either is missing or the mean is 0). */
export function pctOfMean(value: number | null | undefined, mean: number | null | undefined): number | null {
  if (value == null || mean == null || !Number.isFinite(value) || !(mean > 0)) return null;
  return Math.round((value / mean) * 100);
}

/** The mean of a position group for a metric, from a team summary. */
export function groupMean(team: TeamSummary, group: string, key: string): number | null {
  return team.groups?.find((g) => g.name === group)?.mean[key] ?? null;
}

/** A period's intensity: per minute of the player's time in it (duration_s). */
export interface PeriodIntensity {
  /** m/min */
  distancePerMin: number | null;
  /** m/min at high speed */
  hsrPerMin: number | null;
  /** au/min */
  playerLoadPerMin: number | null;
}

export function intensity(m: MetricValues): PeriodIntensity {
  const min = m.duration_s != null && m.duration_s > 0 ? m.duration_s / 60 : null;
  const per = (v: number | null | undefined) => (v == null || min == null ? null : v / min);
  return {
    distancePerMin: m.distance_m_per_min ?? per(m.distance_m),
    hsrPerMin: per(m.hsr_distance_m),
    playerLoadPerMin: m.player_load_per_min ?? per(m.player_load),
  };
}

/**
 * Decimals the periods chart and the Periods compared table write each intensity with: those of
 * the same team mean in the period tables (meanDecimals of distance_m_per_min and
 * player_load_per_min in the catalogue; report-sections.test.ts checks they agree), so one number
 * never reads 119 in one place and 118.7 in another; HSR per minute, which has no metric of its
 * own, as distance per minute. Written out rather than looked up in the catalogue: the catalogue
 * needs the settings schema (zod), which the report viewer does not bundle.
 */
export const PERIOD_INTENSITY_DECIMALS: Readonly<Record<keyof PeriodIntensity, number>> = {
  distancePerMin: 1,
  hsrPerMin: 1,
  playerLoadPerMin: 2,
};

/** The team's mean intensities per period (over the players with data in it), in display units. */
export function periodIntensities(
  periods: readonly { id: string; name: string; startMs: number; endMs: number; rows: readonly { metrics: MetricValues; coverage: number }[] }[],
  units: DisplayUnits,
): { id: string; name: string; startMs: number; endMs: number; players: number; distancePerMin: number | null; hsrPerMin: number | null; playerLoadPerMin: number | null }[] {
  return periods.map((p) => {
    const rows = p.rows.filter((r) => r.coverage > 0).map((r) => intensity(r.metrics));
    const mean = (f: (x: PeriodIntensity) => number | null) => {
      const v = rows.map(f).filter((x): x is number => x != null);
      return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
    };
    const dpm = mean((x) => x.distancePerMin);
    const hpm = mean((x) => x.hsrPerMin);
    return {
      id: p.id,
      name: p.name,
      startMs: p.startMs,
      endMs: p.endMs,
      players: rows.length,
      distancePerMin: dpm == null ? null : distanceFromM(dpm, units.distance),
      hsrPerMin: hpm == null ? null : distanceFromM(hpm, units.distance),
      playerLoadPerMin: mean((x) => x.playerLoadPerMin),
    };
  });
}
