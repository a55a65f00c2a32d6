/** Mean metabolic power, metabolic energy and high metabolic load distance (HMLD). */
import type { MetricFamilyImpl } from './metric-family.ts';
import { halfOpenRange } from '../time-window.ts';
import { meets } from '../prepared.ts';

export const metabolicPowerMetrics: MetricFamilyImpl = {
  id: 'metabolic_power',
  compute(p, w) {
    const g = p.gnss;
    if (!g || !meets(g.k.t, w)) return { mp_avg_wkg: null, mp_energy_kjkg: null, hmld_m: null };
    const { t, power, dist, dtMs } = g.k;
    const thr = p.settings.metabolic.hmldWkg;
    const { from, to } = halfOpenRange(t, w.startMs, w.endMs);
    let energy = 0;
    let timeS = 0;
    let hmld = 0;
    for (let i = from; i < to; i++) {
      const dt = dtMs[i];
      if (dt === 0) continue;
      energy += power[i] * (dt / 1000);
      timeS += dt / 1000;
      if (power[i] > thr) hmld += dist[i];
    }
    return { mp_avg_wkg: timeS > 0 ? energy / timeS : null, mp_energy_kjkg: energy / 1000, hmld_m: hmld };
  },
};
