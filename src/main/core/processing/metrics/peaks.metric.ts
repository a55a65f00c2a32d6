/**
 * Peak periods ("worst-case scenarios"): the highest distance, HSR distance and PlayerLoad in any
 * rolling window of each configured length inside the window. A rolling window (T − W, T] counts
 * only if it starts within the data (from the first sample in the window, less one interval) and
 * ends within it (at the last sample at the latest); a gap inside it adds nothing but does not
 * disqualify it. The candidates are the windows ending on a sample, and the first window of all,
 * which starts where the data does: it can end inside a gap, and without it a longer window could
 * miss what a shorter one holds (an opening sprint followed by a gap). Prefix sums, and the window
 * ends searched a block at a time: a block that cannot hold the peak is skipped, so a 90-minute
 * 100 Hz IMU stream (540 000 samples) costs ~8 400 block bounds and a few scanned blocks, not a
 * pass over every sample (that pass was ~20 % of a unit's processing).
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
 * within the data. `cum` must be non-decreasing (sums of non-negative steps: distance, HSR
 * distance, PlayerLoad): the search below skips stretches by that bound.
 */
export function rollingMaxes(t: Float64Array, cum: Float64Array, nominalMs: number, range: MetricWindow, lengthsMs: readonly number[]): (Peak | null)[] {
  const out: (Peak | null)[] = [];
  const { from, to } = halfOpenRange(t, range.startMs, range.endMs);
  for (const w of lengthsMs) {
    const best = Float64Array.of(-Infinity, 0);
    if (to > from) rollingMax(t, cum, nominalMs, from, to, w, best);
    out.push(best[0] === -Infinity ? null : { value: best[0], endMs: best[1] });
  }
  return out;
}

/**
 * Window ends searched a block at a time: a block's windows hold at most cum[b1] − cum[j(b0)]
 * (cum is non-decreasing), so a block whose bound is under a value already reached holds no peak
 * and is not scanned. A 90-minute 100 Hz stream is ~8 400 blocks; the scan visits a few dozen.
 */
const BLOCK = 64;

/**
 * The maximum of length w into best[0] (left at −Infinity when no window starts within the data)
 * and the end of the first window reaching it into best[1]: the same value and end as scanning
 * every window end in order (a skipped block holds no value ≥ the bound it was skipped by, and
 * the first window reaching the maximum lies in a block that is scanned, in order).
 */
function rollingMax(t: Float64Array, cum: Float64Array, nominalMs: number, from: number, to: number, w: number, best: Float64Array): void {
  // The first window end whose window starts within the data: t[i] - W >= t[from] - one interval.
  const start = t[from] - nominalMs;
  const i0 = Math.max(from, lowerBound(t, start - 1e-6 + w));
  // The first window of all, (start, start + W], wherever it ends within the data.
  firstWindow(t, cum, from, to, start, w, best);
  if (i0 >= to) return;
  const blocks = Math.ceil((to - i0) / BLOCK);
  const bound = new Float64Array(blocks);
  const reached = blockBounds(t, cum, from, to, i0, w, best[0], bound);
  for (let k = 0; k < blocks; k++) {
    // NaN (a missing step made the sums NaN from there on) is not under anything: scanned as before.
    if (bound[k] < reached) continue;
    const b0 = i0 + k * BLOCK;
    scanBlock(t, cum, firstAbove(t, t[b0] - w, from, b0), b0, Math.min(b0 + BLOCK, to), w, best);
  }
}

/**
 * Each block's bound into bound[k]; returns the largest value known to be reached: `initial`
 * (the first window's) or a window ending on a block's last sample. The windows' first samples
 * move on by about a block from one block to the next: each is found from that guess, in one
 * look when the sampling is regular. (A loop by itself: see engine.ts.)
 */
function blockBounds(t: Float64Array, cum: Float64Array, from: number, to: number, i0: number, w: number, initial: number, bound: Float64Array): number {
  let reached = initial;
  let j0 = from;
  let j1 = from;
  for (let k = 0, b0 = i0; b0 < to; k++, b0 += BLOCK) {
    const b1 = Math.min(b0 + BLOCK, to);
    j0 = firstAboveNear(t, t[b0] - w, j0, b0, k === 0 ? j0 : j0 + BLOCK);
    j1 = firstAboveNear(t, t[b1 - 1] - w, Math.max(j1, j0), b1 - 1, k === 0 ? j0 + (b1 - 1 - b0) : j1 + BLOCK);
    bound[k] = cum[b1] - cum[j0];
    const s = cum[b1] - cum[j1];
    if (s > reached) reached = s;
  }
  return reached;
}

/** The windows ending on samples [b0, b1) into best, in order; j the first sample of b0's window. (A loop by itself.) */
function scanBlock(t: Float64Array, cum: Float64Array, j: number, b0: number, b1: number, w: number, best: Float64Array): void {
  let b = best[0];
  let end = best[1];
  for (let i = b0; i < b1; i++) {
    const ti = t[i];
    const lo = ti - w;
    while (t[j] <= lo) j++;
    const s = cum[i + 1] - cum[j];
    if (s > b) {
      b = s;
      end = ti;
    }
  }
  best[0] = b;
  best[1] = end;
}

/**
 * The first index in [lo, hi] whose time is after x (hi when none before it is: t[hi] > x), looked
 * for from `guess` outwards by doubling steps, then by halving: one look when the guess is right.
 */
function firstAboveNear(t: Float64Array, x: number, lo: number, hi: number, guess: number): number {
  const g = guess < lo ? lo : guess > hi ? hi : guess;
  if (t[g] > x) {
    // The answer is g or before it: the stretch (g − step, g] that holds it.
    let step = 1;
    let top = g;
    while (top - step >= lo && t[top - step] > x) {
      top -= step;
      step *= 2;
    }
    return firstAbove(t, x, Math.max(lo, top - step + 1), top);
  }
  let step = 1;
  let bottom = g;
  while (bottom + step < hi && t[bottom + step] <= x) {
    bottom += step;
    step *= 2;
  }
  return firstAbove(t, x, bottom + 1, Math.min(hi, bottom + step));
}

/** The first index in [lo, hi] whose time is after x (hi itself when none before it is). */
function firstAbove(t: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The window (start, start + W] of samples [from, to) into best[0] and its end into best[1], when it ends within the data. */
function firstWindow(t: Float64Array, cum: Float64Array, from: number, to: number, start: number, w: number, best: Float64Array): void {
  const end = start + w;
  if (end > t[to - 1]) return;
  // The last sample at or before the end: the window holds the steps into samples from..k.
  let k = lowerBound(t, end);
  if (k >= to || t[k] !== end) k--;
  // (k < from: a unit slower than the window is long, the window holds no sample of the range.)
  best[0] = k >= from ? cum[k + 1] - cum[from] : 0;
  best[1] = end;
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
