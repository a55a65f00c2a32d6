/**
 * The table of one player's efforts as the team reads it, shared by the app's results section and
 * the report: one row per effort (sprints, then accelerations and decelerations per threshold,
 * each in time order), every cell already formatted in the display units; an acceleration's or
 * deceleration's peak in m/s² (the unit its threshold is set in). A scope (a period) keeps
 * the efforts that start inside it, as the period's counts do.
 */
import type { EffortLists, EffortRecord } from './player-result.ts';
import type { MetricValues } from './metrics.ts';
import { formatNumber, formatThreshold, formatTime } from './format.ts';
import { displayDef, displayValue, type DisplayUnits } from './units.ts';

export interface EffortTableOptions {
  units: DisplayUnits;
  /** IANA zone of the start times (default: the runtime's own). */
  timeZone?: string;
  /** Periods to name in a Period column (the ones that apply to the player); null: no such column. */
  periods: { name: string; startMs: number; endMs: number }[] | null;
  /** Only efforts that start in [startMs, endMs). */
  scope?: { startMs: number; endMs: number };
}

export interface EffortTable {
  /** "1 sprint · 5 acc. ≥ 2 m/s² · …" (counts within the scope; thresholds named as in the column labels). */
  summary: string;
  columns: string[];
  rows: string[][];
}

/**
 * Why a result lists no efforts: the unit had no usable GNSS (its effort counts are empty too),
 * or the result was stored before effort lists were kept (it has counts but no list).
 */
export function noEffortsReason(metrics: MetricValues): string {
  return metrics.sprint_efforts == null ? 'no usable GNSS data' : 'computed before efforts were kept: Process Report again to list them';
}

const SPEED = { unit: 'm/s', decimals: 2 } as const;
const DIST = { unit: 'm', decimals: 1 } as const;

/** An effort kind as the lists and the timeline name it: "Sprint", "Acceleration ≥ 3 m/s²", "Deceleration ≤ −3 m/s²". */
export function effortKindLabel(kind: 'sprint' | 'accel' | 'decel', thresholdMs2?: number): string {
  if (kind === 'sprint') return 'Sprint';
  const t = `${formatThreshold(thresholdMs2 ?? NaN)} m/s²`;
  return kind === 'accel' ? `Acceleration ≥ ${t}` : `Deceleration ≤ −${t}`;
}

/** An effort's values as its row in the lists writes them (the timeline's tooltip reads the same). */
export interface EffortFormat {
  speedUnit: string;
  distanceUnit: string;
  speed: (ms: number) => string;
  distance: (m: number) => string;
  duration: (s: number) => string;
  /** Peak acceleration, m/s² whatever the display units ("–" when not kept). */
  peak: (ms2: number | undefined) => string;
}

export function effortFormat(units: DisplayUnits): EffortFormat {
  // The display definitions once (a report formats thousands of cells).
  const speed = displayDef(SPEED, units);
  const dist = displayDef(DIST, units);
  return {
    speedUnit: speed.unit,
    distanceUnit: dist.unit,
    speed: (v) => formatNumber(displayValue(v, SPEED, units), speed.decimals),
    distance: (v) => formatNumber(displayValue(v, DIST, units), dist.decimals),
    duration: (s) => formatNumber(s, 1),
    peak: (a) => formatNumber(a, 2),
  };
}

interface EffortGroup {
  kind: string;
  short: string;
  efforts: EffortRecord[];
}

/** Sprints, then accelerations and decelerations per threshold, within the scope. */
function effortGroups(ef: EffortLists, scope: EffortTableOptions['scope']): EffortGroup[] {
  const inScope = (e: EffortRecord) => !scope || (e.startMs >= scope.startMs && e.startMs < scope.endMs);
  return [
    { kind: 'Sprint', short: 'sprint', efforts: ef.sprints.filter(inScope) },
    ...ef.accels.map((b) => {
      const t = `${formatThreshold(b.thresholdMs2)} m/s²`;
      return { kind: effortKindLabel('accel', b.thresholdMs2), short: `acc. ≥ ${t}`, efforts: b.efforts.filter(inScope) };
    }),
    ...ef.decels.map((b) => {
      const t = `${formatThreshold(b.thresholdMs2)} m/s²`;
      return { kind: effortKindLabel('decel', b.thresholdMs2), short: `dec. ≤ −${t}`, efforts: b.efforts.filter(inScope) };
    }),
  ];
}

function summaryOf(groups: EffortGroup[]): string {
  return groups.map((g, i) => (i === 0 ? `${g.efforts.length} sprint${g.efforts.length === 1 ? '' : 's'}` : `${g.efforts.length} ${g.short}`)).join(' · ');
}

/** The table's summary line alone, without formatting a row: for a list whose tables are built when opened. */
export function effortSummary(ef: EffortLists, scope?: EffortTableOptions['scope']): string {
  return summaryOf(effortGroups(ef, scope));
}

export function effortTable(ef: EffortLists, o: EffortTableOptions): EffortTable {
  const groups = effortGroups(ef, o.scope);
  const f = effortFormat(o.units);
  const columns = [
    'Effort',
    'Start',
    ...(o.periods ? ['Period'] : []),
    'Duration (s)',
    `Distance (${f.distanceUnit})`,
    `Start speed (${f.speedUnit})`,
    `End speed (${f.speedUnit})`,
    `Top speed (${f.speedUnit})`,
    'Peak acc. (m/s²)',
  ];
  const rows: string[][] = [];
  for (const g of groups) {
    for (const e of g.efforts) {
      const period = o.periods ? [o.periods.filter((p) => e.startMs >= p.startMs && e.startMs < p.endMs).map((p) => p.name).join(', ') || '–'] : [];
      rows.push([
        g.kind,
        formatTime(e.startMs, o.timeZone),
        ...period,
        f.duration(e.durationS),
        f.distance(e.distanceM),
        f.speed(e.startSpeedMs),
        f.speed(e.endSpeedMs),
        f.speed(e.maxSpeedMs),
        // Accelerations and decelerations only (a deceleration's is negative); "–" for a sprint.
        f.peak(e.peakAccelMs2),
      ]);
    }
  }
  return { summary: summaryOf(groups), columns, rows };
}
