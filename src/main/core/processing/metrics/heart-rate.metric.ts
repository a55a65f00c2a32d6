/** Heart rate: mean, max, min, time in 5 zones of % HRmax, Edwards and Banister TRIMP. */
import type { MetricFamilyImpl } from './metric-family.ts';
import type { MetricValues } from '../../../../shared/domain/metrics.ts';
import { halfOpenRange } from '../time-window.ts';

const KEYS = ['hr_mean_bpm', 'hr_max_bpm', 'hr_min_bpm', 'hr_zone1_time_s', 'hr_zone2_time_s', 'hr_zone3_time_s', 'hr_zone4_time_s', 'hr_zone5_time_s', 'trimp_edwards', 'trimp_banister'];

export const heartRateMetrics: MetricFamilyImpl = {
  id: 'heart_rate',
  compute(p, w, at) {
    const out: MetricValues = {};
    for (const k of KEYS) out[k] = null;
    const h = p.hr;
    if (!h || h.validSamples === 0) return out;
    const { t, bpm, valid, wMs, maxBpm, restBpm, sex } = h;
    const { from, to } = halfOpenRange(t, w.startMs, w.endMs);
    const edges = Float64Array.from(p.settings.hr.zonesPct, (x) => (x / 100) * maxBpm);
    // acc: sum, count, max, min, time (ms), then the 5 zones' time (ms), then the max's sample,
    // then the time-weighted sum (bpm × ms)
    const acc = Float64Array.of(0, 0, -Infinity, Infinity, 0, 0, 0, 0, 0, 0, -1, 0);
    hrSums(bpm, valid, wMs, from, to, edges, acc);
    const [sum, n, hi, lo, timeMs] = acc;
    const zone = acc.subarray(5, 10);
    if (n === 0) return out;
    at.hr_max_bpm = { startMs: t[acc[10]], endMs: t[acc[10]] };
    // Time-weighted: each sample counts for the time it stands for, so irregular sampling does not
    // bias the mean (device summaries do this). Samples that stand for no time (isolated between
    // gaps) leave only the plain mean.
    const mean = timeMs > 0 ? acc[11] / timeMs : sum / n;
    out.hr_mean_bpm = mean;
    out.hr_max_bpm = hi;
    out.hr_min_bpm = lo;
    let edwards = 0;
    for (let z = 0; z < 5; z++) {
      out[`hr_zone${z + 1}_time_s`] = zone[z] / 1000;
      edwards += (zone[z] / 60000) * (z + 1);
    }
    out.trimp_edwards = edwards;
    // Heart-rate reserve needs HRmax above resting HR (a player's own values can break that: the
    // engine then warns, HR_MAX_NOT_ABOVE_REST, and leaves Banister TRIMP empty rather than ±∞).
    if (maxBpm > restBpm) {
      const hrr = (mean - restBpm) / (maxBpm - restBpm);
      const k = sex === 'female' ? 1.67 : 1.92;
      out.trimp_banister = mean < restBpm ? 0 : (timeMs / 60000) * hrr * 0.64 * Math.exp(k * hrr);
    }
    return out;
  },
};

/** Sum, count, max, min, time, time per zone and the first max's sample of the valid samples of [from, to), into acc. (A loop by itself: see engine.ts.) */
function hrSums(bpm: Float64Array, valid: Uint8Array, wMs: Float64Array, from: number, to: number, edges: Float64Array, acc: Float64Array): void {
  const e0 = edges[0];
  const e1 = edges[1];
  const e2 = edges[2];
  const e3 = edges[3];
  const e4 = edges[4];
  let hi = acc[2];
  let lo = acc[3];
  for (let i = from; i < to; i++) {
    if (valid[i] === 0) continue;
    const v = bpm[i];
    acc[0] += v;
    acc[1]++;
    if (v > hi) {
      acc[2] = hi = v;
      acc[10] = i;
    }
    if (v < lo) acc[3] = lo = v;
    const wt = wMs[i];
    acc[4] += wt;
    acc[11] += v * wt;
    if (v >= e0) {
      const z = v < e1 ? 0 : v < e2 ? 1 : v < e3 ? 2 : v < e4 ? 3 : 4;
      acc[5 + z] += wt;
    }
  }
}
