/** Heart rate: mean, max, min, time in 5 zones of % HRmax, Edwards and Banister TRIMP. */
import type { MetricFamilyImpl } from './metric-family.ts';
import type { MetricValues } from '../../../../shared/domain/metrics.ts';
import { halfOpenRange } from '../time-window.ts';

const KEYS = ['hr_mean_bpm', 'hr_max_bpm', 'hr_min_bpm', 'hr_zone1_time_s', 'hr_zone2_time_s', 'hr_zone3_time_s', 'hr_zone4_time_s', 'hr_zone5_time_s', 'trimp_edwards', 'trimp_banister'];

export const heartRateMetrics: MetricFamilyImpl = {
  id: 'heart_rate',
  compute(p, w) {
    const out: MetricValues = {};
    for (const k of KEYS) out[k] = null;
    const h = p.hr;
    if (!h || h.validSamples === 0) return out;
    const { t, bpm, valid, wMs, maxBpm, restBpm, sex } = h;
    const { from, to } = halfOpenRange(t, w.startMs, w.endMs);
    const edges = p.settings.hr.zonesPct.map((x) => (x / 100) * maxBpm);
    const zone = [0, 0, 0, 0, 0];
    let sum = 0;
    let n = 0;
    let hi = -Infinity;
    let lo = Infinity;
    let timeMs = 0;
    for (let i = from; i < to; i++) {
      if (valid[i] === 0) continue;
      const v = bpm[i];
      sum += v;
      n++;
      if (v > hi) hi = v;
      if (v < lo) lo = v;
      const wt = wMs[i];
      timeMs += wt;
      if (v >= edges[0]) {
        const z = v < edges[1] ? 0 : v < edges[2] ? 1 : v < edges[3] ? 2 : v < edges[4] ? 3 : 4;
        zone[z] += wt;
      }
    }
    if (n === 0) return out;
    const mean = sum / n;
    out.hr_mean_bpm = mean;
    out.hr_max_bpm = hi;
    out.hr_min_bpm = lo;
    let edwards = 0;
    for (let z = 0; z < 5; z++) {
      out[`hr_zone${z + 1}_time_s`] = zone[z] / 1000;
      edwards += (zone[z] / 60000) * (z + 1);
    }
    out.trimp_edwards = edwards;
    const hrr = (mean - restBpm) / (maxBpm - restBpm);
    const k = sex === 'female' ? 1.67 : 1.92;
    out.trimp_banister = mean < restBpm ? 0 : (timeMs / 60000) * hrr * 0.64 * Math.exp(k * hrr);
    return out;
  },
};
