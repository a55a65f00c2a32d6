/** Duration, distance, distance per minute and max speed. */
import type { MetricFamilyImpl } from './metric-family.ts';
import { halfOpenRange, overlapMs } from '../time-window.ts';
import { meets } from '../prepared.ts';

export const distanceMetrics: MetricFamilyImpl = {
  id: 'distance',
  compute(p, w) {
    const g = p.gnss;
    if (!g || !meets(g.k.t, w)) return { duration_s: null, distance_m: null, distance_m_per_min: null, max_speed_ms: null };
    const { t, speed, n } = g.k;
    const { from, to } = halfOpenRange(t, w.startMs, w.endMs);
    const durationS = overlapMs(w.startMs, w.endMs, t[0], t[n - 1]) / 1000;
    const distance = g.cumDist[to] - g.cumDist[from];
    const vmax = maxIn(speed, from, to);
    return {
      duration_s: durationS,
      distance_m: distance,
      distance_m_per_min: durationS > 0 ? distance / (durationS / 60) : null,
      max_speed_ms: vmax === -Infinity ? null : vmax,
    };
  },
};

/** Largest of a[from..to), −Infinity when the range is empty. (A loop by itself: see engine.ts.) */
function maxIn(a: Float64Array, from: number, to: number): number {
  let m = -Infinity;
  for (let i = from; i < to; i++) if (a[i] > m) m = a[i];
  return m;
}
