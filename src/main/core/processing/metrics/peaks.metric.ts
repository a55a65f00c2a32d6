/**
 * Peak periods ("worst-case scenarios"): the highest distance, HSR distance and PlayerLoad in any
 * rolling window of each configured length inside the window. A rolling window (T − W, T] ends on
 * a sample; it counts only if the data covers all of it. Two pointers over prefix sums: O(n).
 */
import type { MetricFamilyImpl } from './metric-family.ts';
import type { MetricValues } from '../../../../shared/domain/metrics.ts';
import { meets, type MetricWindow } from '../prepared.ts';
import { halfOpenRange, lowerBound } from '../time-window.ts';

/** Max over sample-ended windows of length wMs of cum[i+1] − cum[j], j the first sample inside. */
export function rollingMax(t: Float64Array, cum: Float64Array, nominalMs: number, range: MetricWindow, wMs: number): number | null {
  const { from, to } = halfOpenRange(t, range.startMs, range.endMs);
  if (to <= from) return null;
  // The first window end whose window is fully covered: t[i] - W >= t[from] - one interval.
  const i0 = Math.max(from, lowerBound(t, t[from] - nominalMs - 1e-6 + wMs));
  let best = -Infinity;
  let j = from;
  for (let i = i0; i < to; i++) {
    const lo = t[i] - wMs;
    while (t[j] <= lo) j++;
    const s = cum[i + 1] - cum[j];
    if (s > best) best = s;
  }
  return best === -Infinity ? null : best;
}

export const peakMetrics: MetricFamilyImpl = {
  id: 'peaks',
  compute(p, w) {
    const out: MetricValues = {};
    const g = p.gnss && meets(p.gnss.k.t, w) ? p.gnss : null;
    const m = p.imu && meets(p.imu.t, w) ? p.imu : null;
    p.settings.peaks.windowsS.forEach((x, idx) => {
      const wMs = x * 1000;
      const k = idx + 1;
      out[`peak_distance_w${k}_m`] = g ? rollingMax(g.k.t, g.cumDist, g.k.track.nominalMs, w, wMs) : null;
      out[`peak_hsr_w${k}_m`] = g && p.bandEdges ? rollingMax(g.k.t, g.cumHsr, g.k.track.nominalMs, w, wMs) : null;
      out[`peak_player_load_w${k}`] = m ? rollingMax(m.t, m.cum, m.nominalMs, w, wMs) : null;
    });
    return out;
  },
};
