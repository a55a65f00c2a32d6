/**
 * Per-sample quantities of the cleaned track, computed once and shared by every metric and
 * window: step time and distance (from the previous sample of the same stretch; 0 at a stretch's
 * first sample), acceleration of the smoothed speed (backward difference) and metabolic power.
 * A step belongs to the time of its end sample, so periods that split a session add up.
 */
import type { CleanTrack } from './track.ts';
import { haversineM } from './geo.ts';
import { metabolicPower } from './metabolic-power.ts';

export interface Kinematics {
  track: CleanTrack;
  n: number;
  t: Float64Array;
  speed: Float64Array;
  /** Step time into sample i, ms (0 at a stretch start). */
  dtMs: Float64Array;
  /** Step distance into sample i, m (0 at a stretch start). */
  dist: Float64Array;
  /** Acceleration over the step into sample i, m/s² (0 at a stretch start). */
  acc: Float64Array;
  /** Metabolic power over the step into sample i, W/kg. */
  power: Float64Array;
}

export function kinematics(track: CleanTrack): Kinematics {
  const { n, t, lat, lon, speed, breakBefore } = track;
  const dtMs = new Float64Array(n);
  const dist = new Float64Array(n);
  const acc = new Float64Array(n);
  const power = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (breakBefore[i] === 1 || i === 0) {
      power[i] = metabolicPower(speed[i], 0);
      continue;
    }
    const dt = t[i] - t[i - 1];
    dtMs[i] = dt;
    dist[i] = haversineM(lat[i - 1], lon[i - 1], lat[i], lon[i]);
    const a = (speed[i] - speed[i - 1]) / (dt / 1000);
    acc[i] = a;
    power[i] = metabolicPower(speed[i], a);
  }
  return { track, n, t, speed, dtMs, dist, acc, power };
}
