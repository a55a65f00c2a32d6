/** PlayerLoad (Catapult's formula, by hand) and PlayerLoad per minute. */
import type { MetricFamilyImpl } from './metric-family.ts';
import { halfOpenRange, overlapMs } from '../time-window.ts';
import { meets } from '../prepared.ts';

export const playerLoadMetrics: MetricFamilyImpl = {
  id: 'player_load',
  compute(p, w) {
    const m = p.imu;
    if (!m || !meets(m.t, w)) return { player_load: null, player_load_per_min: null };
    const { from, to } = halfOpenRange(m.t, w.startMs, w.endMs);
    const pl = m.cum[to] - m.cum[from];
    const min = overlapMs(w.startMs, w.endMs, m.t[0], m.t[m.t.length - 1]) / 60000;
    return { player_load: pl, player_load_per_min: min > 0 ? pl / min : null };
  },
};
