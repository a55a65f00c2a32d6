/** Duration, distance, distance per minute and max speed. */
import type { MetricFamilyImpl } from './metric-family.ts';
import { halfOpenRange, overlapMs } from '../time-window.ts';
import { meets } from '../prepared.ts';

export const distanceMetrics: MetricFamilyImpl = {
  id: 'distance',
  compute(p, w, at) {
    const g = p.gnss;
    if (!g || !meets(g.k.t, w)) return { duration_s: null, distance_m: null, distance_m_per_min: null, max_speed_ms: null };
    const { t, speed, n } = g.k;
    const { from, to } = halfOpenRange(t, w.startMs, w.endMs);
    const durationS = overlapMs(w.startMs, w.endMs, t[0], t[n - 1]) / 1000;
    const distance = g.cumDist[to] - g.cumDist[from];
    const imax = argMaxIn(speed, from, to);
    if (imax >= 0) at.max_speed_ms = { startMs: t[imax], endMs: t[imax] };
    return {
      duration_s: durationS,
      distance_m: distance,
      distance_m_per_min: durationS > 0 ? distance / (durationS / 60) : null,
      max_speed_ms: imax >= 0 ? speed[imax] : null,
    };
  },
};

/** Index of the first largest of a[from..to), −1 when the range is empty. (A loop by itself: see engine.ts.) */
function argMaxIn(a: Float64Array, from: number, to: number): number {
  let m = -Infinity;
  let at = -1;
  for (let i = from; i < to; i++) {
    if (a[i] > m) {
      m = a[i];
      at = i;
    }
  }
  return at;
}
