/**
 * Peak periods ("worst-case scenarios"): the highest distance, HSR distance and PlayerLoad in any
 * rolling window of each configured length inside the window. A rolling window (T − W, T] counts
 * only if it starts within the data (from the first sample in the window, less one interval) and
 * ends within it (at the last sample at the latest); a gap inside it adds nothing but does not
 * disqualify it. The candidates are the windows ending on a sample, and the first window of all,
 * which starts where the data does: it can end inside a gap, and without it a longer window could
 * miss what a shorter one holds (an opening sprint followed by a gap). Two pointers over prefix
 * sums: O(n), and one pass for all the window lengths (a 90-minute 100 Hz IMU stream is 540 000
 * samples).
 */
import type { MetricFamilyImpl } from './metric-family.ts';
import type { MetricValues } from '../../../../shared/domain/metrics.ts';
import { meets, type MetricWindow } from '../prepared.ts';
import { halfOpenRange, lowerBound } from '../time-window.ts';

/** A peak period: its value and the end of its window (a sample's time). */
export interface Peak {
  value: number;
  endMs: number;
}

/**
 * For each window length W: the max over sample-ended windows of length W of cum[i+1] − cum[j],
 * j the first sample inside, and where the first such window ends; null when no window starts
 * within the data.
 */
export function rollingMaxes(t: Float64Array, cum: Float64Array, nominalMs: number, range: MetricWindow, lengthsMs: readonly number[]): (Peak | null)[] {
  const out: (Peak | null)[] = [];
  for (let k = 0; k < lengthsMs.length; k += 3) {
    // Three lengths per pass (the settings have three); a shorter group repeats its last length.
    const a = lengthsMs[k];
    const b = lengthsMs[Math.min(k + 1, lengthsMs.length - 1)];
    const c = lengthsMs[Math.min(k + 2, lengthsMs.length - 1)];
    const best = Float64Array.of(-Infinity, -Infinity, -Infinity, 0, 0, 0);
    rollingMax3(t, cum, nominalMs, range, a, b, c, best);
    for (let q = 0; q < 3 && k + q < lengthsMs.length; q++) out.push(best[q] === -Infinity ? null : { value: best[q], endMs: best[q + 3] });
  }
  return out;
}

/**
 * The three lengths' maxima into best[0..2] (left at −Infinity when none), the end of the first
 * window reaching each into best[3..5]. (A loop by itself: see engine.ts.)
 */
function rollingMax3(t: Float64Array, cum: Float64Array, nominalMs: number, range: MetricWindow, wa: number, wb: number, wc: number, best: Float64Array): void {
  const { from, to } = halfOpenRange(t, range.startMs, range.endMs);
  if (to <= from) return;
  // The first window end whose window starts within the data: t[i] - W >= t[from] - one interval.
  const start = t[from] - nominalMs;
  const first = start - 1e-6;
  const ia = Math.max(from, lowerBound(t, first + wa));
  const ib = Math.max(from, lowerBound(t, first + wb));
  const ic = Math.max(from, lowerBound(t, first + wc));
  let ja = from;
  let jb = from;
  let jc = from;
  // The first window of each length, (start, start + W], wherever it ends within the data.
  firstWindow(t, cum, from, to, start, wa, best, 0);
  firstWindow(t, cum, from, to, start, wb, best, 1);
  firstWindow(t, cum, from, to, start, wc, best, 2);
  let ba = best[0];
  let bb = best[1];
  let bc = best[2];
  for (let i = Math.min(ia, ib, ic); i < to; i++) {
    const ti = t[i];
    const ci = cum[i + 1];
    if (i >= ia) {
      const lo = ti - wa;
      while (t[ja] <= lo) ja++;
      const s = ci - cum[ja];
      if (s > ba) {
        best[0] = ba = s;
        best[3] = ti;
      }
    }
    if (i >= ib) {
      const lo = ti - wb;
      while (t[jb] <= lo) jb++;
      const s = ci - cum[jb];
      if (s > bb) {
        best[1] = bb = s;
        best[4] = ti;
      }
    }
    if (i >= ic) {
      const lo = ti - wc;
      while (t[jc] <= lo) jc++;
      const s = ci - cum[jc];
      if (s > bc) {
        best[2] = bc = s;
        best[5] = ti;
      }
    }
  }
}

/** The window (start, start + W] of samples [from, to) into best[q] and its end into best[q + 3], when it ends within the data. */
function firstWindow(t: Float64Array, cum: Float64Array, from: number, to: number, start: number, w: number, best: Float64Array, q: number): void {
  const end = start + w;
  if (end > t[to - 1]) return;
  // The last sample at or before the end: the window holds the steps into samples from..k.
  let k = lowerBound(t, end);
  if (k >= to || t[k] !== end) k--;
  // (k < from: a unit slower than the window is long, the window holds no sample of the range.)
  best[q] = k >= from ? cum[k + 1] - cum[from] : 0;
  best[q + 3] = end;
}

export const peakMetrics: MetricFamilyImpl = {
  id: 'peaks',
  compute(p, w, at) {
    const out: MetricValues = {};
    const g = p.gnss && meets(p.gnss.k.t, w) ? p.gnss : null;
    const m = p.imu && meets(p.imu.t, w) ? p.imu : null;
    const lengths = p.settings.peaks.windowsS.map((x) => x * 1000);
    const dist = g ? rollingMaxes(g.k.t, g.cumDist, g.k.track.nominalMs, w, lengths) : null;
    const hsr = g && p.bandEdges ? rollingMaxes(g.k.t, g.cumHsr, g.k.track.nominalMs, w, lengths) : null;
    const load = m ? rollingMaxes(m.t, m.cum, m.nominalMs, w, lengths) : null;
    // A peak of 0 (no HSR at all) is reached by every window: it has no moment.
    const put = (key: string, peak: Peak | null, lengthMs: number) => {
      out[key] = peak ? peak.value : null;
      if (peak && peak.value > 0) at[key] = { startMs: peak.endMs - lengthMs, endMs: peak.endMs };
    };
    lengths.forEach((len, idx) => {
      const k = idx + 1;
      put(`peak_distance_w${k}_m`, dist ? dist[idx] : null, len);
      put(`peak_hsr_w${k}_m`, hsr ? hsr[idx] : null, len);
      put(`peak_player_load_w${k}`, load ? load[idx] : null, len);
    });
    return out;
  },
};
