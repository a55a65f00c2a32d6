/**
 * What a session's results were computed for: the session window and the periods each player's
 * result recorded when it was processed (not what the session says now: an edit since then marks
 * the result stale, and this still says what the numbers cover). The app's results and the
 * report's header and "Settings and algorithm" section say it with these words.
 */
import { formatTimeRange, formatWindowSpan } from './format.ts';
import type { PeriodWindow } from './player-result.ts';
import type { TimeRange } from './staleness.ts';

export interface ComputedFor {
  window?: TimeRange | null;
  periods?: readonly PeriodWindow[];
}

export interface ComputedForGroup {
  window: TimeRange | null;
  periods: PeriodWindow[];
  /** How many results were computed for exactly this window and these periods. */
  results: number;
}

/** Results grouped by the window and periods they were computed for, the largest group first. */
export function computedForGroups(rows: readonly ComputedFor[]): ComputedForGroup[] {
  const groups = new Map<string, ComputedForGroup>();
  for (const r of rows) {
    const window = r.window ?? null;
    const periods = [...(r.periods ?? [])].sort((a, b) => a.startMs - b.startMs || a.name.localeCompare(b.name));
    const key = JSON.stringify([window?.startMs ?? null, window?.endMs ?? null, periods.map((p) => [p.name, p.startMs, p.endMs])]);
    const g = groups.get(key);
    if (g) g.results++;
    else groups.set(key, { window, periods, results: 1 });
  }
  return [...groups.values()].sort((a, b) => b.results - a.results);
}

/**
 * "Sat, 14 Mar 2026 · 10:00–10:10; periods: First half 10:00–10:05, Second half 10:05–10:10"
 * (no periods: "; no periods"), in the given IANA zone (default: the runtime's own: the laptop's).
 */
export function describeComputedFor(g: Pick<ComputedForGroup, 'window' | 'periods'>, timeZone?: string): string {
  const window = g.window ? formatWindowSpan(g.window.startMs, g.window.endMs, timeZone) : 'a window not recorded (processed before results kept it)';
  const periods =
    g.periods.length === 0 ? 'no periods' : `period${g.periods.length === 1 ? '' : 's'}: ${g.periods.map((p) => `${p.name} ${formatTimeRange(p.startMs, p.endMs, timeZone)}`).join(', ')}`;
  return `${window}; ${periods}`;
}

/**
 * The whole sentence for a set of results: one group, or each group with its count. The app's
 * results and the report's header both say it with this function, so they read alike.
 */
export function computedForSentence(rows: readonly ComputedFor[], timeZone?: string): string | null {
  const groups = computedForGroups(rows);
  if (groups.length === 0) return null;
  if (groups.length === 1) return `Computed for ${describeComputedFor(groups[0], timeZone)}.`;
  return `Computed for ${groups.map((g) => `${g.results} result${g.results === 1 ? '' : 's'}: ${describeComputedFor(g, timeZone)}`).join(' — ')}.`;
}
