/**
 * The efforts behind the effort counts, one record each, for the report and the JSON export: a
 * count of 8 sprints is traceable when the 8 are listed with their times, distances and speeds.
 * Values are rounded for display (ms to the ms, metres to the cm, speeds to the mm/s); the
 * metrics are computed from the unrounded efforts.
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

export function effortLists(g: GnssPrepared, thresholdsMs2: readonly number[]): EffortLists {
  const speed = g.k.speed;
  const band = (efforts: Effort[], i: number) => ({ thresholdMs2: thresholdsMs2[i], efforts: efforts.map((e) => record(speed, e)) });
  return {
    sprints: g.sprints.map((e) => record(speed, e)),
    accels: g.accels.map(band),
    decels: g.decels.map(band),
  };
}
