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
    // sums: energy (J/kg), time (s), HMLD (m)
    const sums = new Float64Array(3);
    powerSums(power, dist, dtMs, from, to, thr, sums);
    const [energy, timeS, hmld] = sums;
    return { mp_avg_wkg: timeS > 0 ? energy / timeS : null, mp_energy_kjkg: energy / 1000, hmld_m: hmld };
  },
};

/** Energy, time and HMLD over the steps of [from, to), added into sums. (A loop by itself: see engine.ts.) */
function powerSums(power: Float64Array, dist: Float64Array, dtMs: Float64Array, from: number, to: number, thr: number, sums: Float64Array): void {
  for (let i = from; i < to; i++) {
    const dt = dtMs[i];
    if (dt === 0) continue;
    sums[0] += power[i] * (dt / 1000);
    sums[1] += dt / 1000;
    if (power[i] > thr) sums[2] += dist[i];
  }
}
