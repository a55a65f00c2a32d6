/**
 * The efforts behind the effort counts, one record each, for the report and the JSON export: a
 * count of 8 sprints is traceable when the 8 are listed with their times, distances and speeds.
 * Values are rounded for display (ms to the ms, metres to the cm, speeds to the mm/s, peak
 * accelerations to the mm/s²); the metrics are computed from the unrounded efforts.
 */
import type { EffortLists, EffortRecord } from '../../../shared/domain/player-result.ts';
import type { Effort } from './efforts.ts';
import type { GnssPrepared } from './prepared.ts';

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

function record(speed: Float64Array, e: Effort): EffortRecord {
  return {
    startMs: e.startMs,
    durationS: round(e.durationMs / 1000, 3),
    distanceM: round(e.distanceM, 2),
    startSpeedMs: round(speed[e.start], 3),
    endSpeedMs: round(speed[e.end], 3),
    maxSpeedMs: round(e.maxSpeedMs, 3),
  };
}

/**
 * An acceleration (sign 1) or deceleration (−1) effort's record with its peak: the highest (the
 * most negative) acceleration of its samples, the values its detection compared with the threshold.
 */
function thresholdRecord(speed: Float64Array, acc: Float64Array, sign: 1 | -1, e: Effort): EffortRecord {
  let peak = acc[e.start];
  for (let i = e.start + 1; i <= e.end; i++) if (acc[i] * sign > peak * sign) peak = acc[i];
  return { ...record(speed, e), peakAccelMs2: round(peak, 3) };
}

export function effortLists(g: GnssPrepared, thresholdsMs2: readonly number[]): EffortLists {
  const { speed, acc } = g.k;
  const band = (sign: 1 | -1) => (efforts: Effort[], i: number) => ({ thresholdMs2: thresholdsMs2[i], efforts: efforts.map((e) => thresholdRecord(speed, acc, sign, e)) });
  return {
    sprints: g.sprints.map((e) => record(speed, e)),
    accels: g.accels.map(band(1)),
    decels: g.decels.map(band(-1)),
  };
}
