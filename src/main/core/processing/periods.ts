/**
 * Periods (drills): which apply to a player, and how much of a period a unit's data covers.
 * A period is a half-open time range [startMs, endMs) of the session, for everyone or for
 * chosen participants.
 */
import type { PeriodWindow } from '../../../shared/domain/player-result.ts';
import { meets, type PreparedPlayer } from './prepared.ts';
import { halfOpenRange, overlapMs } from './time-window.ts';

export interface PeriodDef extends PeriodWindow {
  /** Player ids it applies to; null = everyone. */
  playerIds: string[] | null;
}

export function periodsFor(playerId: string, periods: readonly PeriodDef[]): PeriodWindow[] {
  return periods
    .filter((p) => p.playerIds === null || p.playerIds.includes(playerId))
    .map(({ id, name, startMs, endMs }) => ({ id, name, startMs, endMs }));
}

/**
 * Share of the period covered by data (0..1): the GNSS track's steps (gaps excluded) when the
 * track reaches into the period; otherwise (a unit without GNSS, or whose GNSS stopped before
 * the period or started after it while its accelerometer or heart rate recorded on) that
 * stream's recording span. `gnss` says whether the GNSS track reaches into the period: without
 * it, distance, speed and effort metrics are empty there while PlayerLoad and HR are not.
 */
export function periodCoverage(p: PreparedPlayer, per: { startMs: number; endMs: number }): { coverage: number; anyData: boolean; gnss: boolean } {
  const len = per.endMs - per.startMs;
  const gnss = p.gnss != null && p.gnss.k.n > 0 && meets(p.gnss.k.t, per);
  const anyData = gnss || [p.imu?.t, p.hr?.t].some((t) => t != null && meets(t, per));
  if (!(len > 0)) return { coverage: 0, anyData, gnss };
  let covered = 0;
  if (gnss) {
    const { t, dtMs } = p.gnss!.k;
    const { from, to } = halfOpenRange(t, per.startMs, per.endMs);
    for (let i = from; i < to; i++) covered += dtMs[i];
    // The step into the first sample may start before the period: count only its inside part.
    if (to > from && dtMs[from] > 0) covered -= Math.max(0, per.startMs - (t[from] - dtMs[from]));
    // The data continues past the period end: the time from the last sample to the end is covered too.
    if (to > from && to < t.length && dtMs[to] > 0) covered += per.endMs - t[to - 1];
  } else {
    const s = p.imu && meets(p.imu.t, per) ? p.imu : p.hr;
    if (s && s.t.length > 0) covered = overlapMs(per.startMs, per.endMs, s.t[0], s.t[s.t.length - 1]);
  }
  return { coverage: Math.max(0, Math.min(1, covered / len)), anyData, gnss };
}
