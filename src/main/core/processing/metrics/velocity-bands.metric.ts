/** Distance and time in the 5 velocity bands, HSR and sprint distance (bands 4-5 and 5). */
import type { MetricFamilyImpl } from './metric-family.ts';
import type { MetricValues } from '../../../../shared/domain/metrics.ts';
import { halfOpenRange } from '../time-window.ts';
import { meets } from '../prepared.ts';

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
    const d = [0, 0, 0, 0, 0];
    const tm = [0, 0, 0, 0, 0];
    const [e1, e2, e3, e4] = e;
    for (let i = from; i < to; i++) {
      const dt = dtMs[i];
      if (dt === 0) continue;
      const v = speed[i];
      const b = v < e1 ? 0 : v < e2 ? 1 : v < e3 ? 2 : v < e4 ? 3 : 4;
      d[b] += dist[i];
      tm[b] += dt;
    }
    for (let b = 0; b < 5; b++) {
      out[`band${b + 1}_distance_m`] = d[b];
      out[`band${b + 1}_time_s`] = tm[b] / 1000;
    }
    out.hsr_distance_m = d[3] + d[4];
    out.sprint_distance_m = d[4];
    return out;
  },
};
