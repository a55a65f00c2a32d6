/** Duration, distance (measured, interpolated and estimated across gaps, and each apart), distance per minute and max speed. */
import type { MetricFamilyImpl } from './metric-family.ts';
import { halfOpenRange, overlapMs } from '../time-window.ts';
import { estimatedIn, meets } from '../prepared.ts';

export const distanceMetrics: MetricFamilyImpl = {
  id: 'distance',
  compute(p, w, at) {
    const g = p.gnss;
    if (!g || !meets(g.k.t, w)) {
      return {
        duration_s: null,
        distance_m: null,
        distance_m_per_min: null,
        max_speed_ms: null,
        distance_measured_m: null,
        distance_interpolated_m: null,
        distance_estimated_m: null,
        measured_time_s: null,
        interpolated_time_s: null,
        estimated_time_s: null,
      };
    }
    const { t, speed, n } = g.k;
    const { from, to } = halfOpenRange(t, w.startMs, w.endMs);
    const durationS = overlapMs(w.startMs, w.endMs, t[0], t[n - 1]) / 1000;
    const onTrack = g.cumDist[to] - g.cumDist[from];
    const interpM = g.cumInterpM[to] - g.cumInterpM[from];
    const interpMs = g.cumInterpMs[to] - g.cumInterpMs[from];
    // Estimated distance across gaps counts in the total (METRICS.md), each gap for its part inside the window.
    const { m: estM, ms: estMs } = estimatedIn(g, from, to, w);
    const stepMs = g.cumDtMs[to] - g.cumDtMs[from];
    const distance = onTrack + estM;
    const imax = argMaxIn(speed, from, to);
    if (imax >= 0) at.max_speed_ms = { startMs: t[imax], endMs: t[imax] };
    return {
      duration_s: durationS,
      distance_m: distance,
      distance_m_per_min: durationS > 0 ? distance / (durationS / 60) : null,
      max_speed_ms: imax >= 0 ? speed[imax] : null,
      // Rounding: a sum minus a part can read -1e-13; a split is never negative.
      distance_measured_m: Math.max(0, onTrack - interpM),
      distance_interpolated_m: interpM,
      distance_estimated_m: estM,
      measured_time_s: Math.max(0, stepMs - interpMs) / 1000,
      interpolated_time_s: interpMs / 1000,
      estimated_time_s: estMs / 1000,
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
