/** Distance and time in the 5 velocity bands (estimated gaps in band 1), HSR and sprint distance (bands 4-5 and 5). */
import type { MetricFamilyImpl } from './metric-family.ts';
import type { MetricValues } from '../../../../shared/domain/metrics.ts';
import { halfOpenRange } from '../time-window.ts';
import { estimatedIn, meets } from '../prepared.ts';

export const velocityBandMetrics: MetricFamilyImpl = {
  id: 'velocity_bands',
  compute(p, w) {
    const out: MetricValues = {};
    const g = p.gnss;
    const e = p.bandEdges;
    if (!g || !e || !meets(g.k.t, w)) {
      for (let b = 1; b <= 5; b++) out[`band${b}_distance_m`] = out[`band${b}_time_s`] = null;
      out.hsr_distance_m = out.sprint_distance_m = null;
      return out;
    }
    const { t, speed, dist, dtMs } = g.k;
    const { from, to } = halfOpenRange(t, w.startMs, w.endMs);
    // sums[b]: distance in band b; sums[5 + b]: time in band b, ms.
    const sums = new Float64Array(10);
    bandSums(speed, dist, dtMs, from, to, e[0], e[1], e[2], e[3], sums);
    // Distance estimated across gaps has no measured speed: it goes to band 1 (walking and below),
    // never above it (METRICS.md), so the bands still add up to the total distance; each gap for
    // its part inside the window.
    const est = estimatedIn(g, from, to, w);
    sums[0] += est.m;
    sums[5] += est.ms;
    for (let b = 0; b < 5; b++) {
      out[`band${b + 1}_distance_m`] = sums[b];
      out[`band${b + 1}_time_s`] = sums[5 + b] / 1000;
    }
    out.hsr_distance_m = sums[3] + sums[4];
    out.sprint_distance_m = sums[4];
    return out;
  },
};

/** Distance and time per band over the steps of [from, to), added into sums. (A loop by itself: see engine.ts.) */
function bandSums(speed: Float64Array, dist: Float64Array, dtMs: Float64Array, from: number, to: number, e1: number, e2: number, e3: number, e4: number, sums: Float64Array): void {
  for (let i = from; i < to; i++) {
    const dt = dtMs[i];
    if (dt === 0) continue;
    const v = speed[i];
    const b = v < e1 ? 0 : v < e2 ? 1 : v < e3 ? 2 : v < e4 ? 3 : 4;
    sums[b] += dist[i];
    sums[5 + b] += dt;
  }
}
