/**
 * Weekly load, monotony and strain (Foster 1998) over the 7 days ending each day:
 * monotony = mean of the 7 daily loads / their sample SD; strain = weekly load × monotony.
 * A week with an NA day has none; a week whose loads are all equal has no monotony (SD 0).
 */
import type { MonotonyMethod, WeekDay } from '../../../shared/domain/load.ts';
import { mean, sampleSd } from '../surveys/stats.ts';

export const monotonyMethod = (days = 7): MonotonyMethod => ({ kind: 'monotony', days, sd: 'sample', na: 'none' });

export function weekOf(loads: readonly number[]): { weeklyLoad: number; monotony: number | null; strain: number | null } {
  const weeklyLoad = loads.reduce((a, b) => a + b, 0);
  const sd = sampleSd(loads);
  const monotony = sd === null || sd === 0 ? null : mean(loads)! / sd;
  return { weeklyLoad, monotony, strain: monotony === null ? null : weeklyLoad * monotony };
}

export function weeklySeries(dates: readonly string[], values: readonly (number | null)[], method = monotonyMethod()): WeekDay[] {
  return dates.map((date, i) => {
    if (i + 1 < method.days) return { date, weeklyLoad: null, monotony: null, strain: null };
    const week = values.slice(i - method.days + 1, i + 1);
    if (week.some((v) => v === null)) return { date, weeklyLoad: null, monotony: null, strain: null };
    return { date, ...weekOf(week as number[]) };
  });
}
