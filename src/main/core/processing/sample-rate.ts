/**
 * Sample intervals and medians, by hand on typed arrays (quickselect, no full sort): they run on
 * every unit, and a 90-minute 100 Hz accelerometer has 540 000 steps.
 */
import { f64Uninit } from '../util/scratch.ts';

/** Above this many steps the interval is the median of this many steps taken evenly across the recording. */
const MAX_STEPS = 20001;

/** A unit's sample interval: the median of the positive steps between consecutive times, ms. */
export function medianInterval(t: Float64Array): number | null {
  const n = t.length;
  if (n < 2) return null;
  const steps = n - 1;
  const take = Math.min(steps, MAX_STEPS);
  const d = f64Uninit(take);
  const k = positiveSteps(t, steps, take, d);
  if (k === 0) return null;
  return median(d.subarray(0, k));
}

/**
 * How a unit samples, told from its own steps:
 * - 'regular': a fixed interval (a 10 Hz pod, a 1 s watch or logger). A step longer than the
 *   gap limit (max(maxGapS, maxGapSamples intervals)) is a dropout: short ones are interpolated,
 *   longer ones are gaps whose distance is estimated.
 * - 'smart': a watch that records when something changes ("smart recording": steps of 1 to 10+ s,
 *   irregular by design). A unit of 0.5 s or slower whose steps are irregular (at least
 *   SMART_IRREGULAR_SHARE of them more than 25 % away from the median, over MIN_STEPS steps or
 *   more) is one; a 1 s unit with dropouts has most of its steps at 1 s. Its steps up to
 *   SMART_MAX_STEP_MS are its normal sampling, not gaps; nothing is interpolated between them.
 */
export type SamplingRegime = 'regular' | 'smart';

export interface Sampling {
  regime: SamplingRegime;
  /** Median interval, ms. */
  nominalMs: number;
  /** Longest step that is not a gap, ms. */
  gapLimitMs: number;
  /** Share of steps more than 25 % away from the median (0..1). */
  irregular: number;
}

/** A watch in smart recording mode records at least this often when moving; a longer step is a gap. */
export const SMART_MAX_STEP_MS = 30_000;
/** At least this share of irregular steps (more than 25 % away from the median) makes a unit "smart". */
export const SMART_IRREGULAR_SHARE = 0.2;
/** Units sampling faster than this (pods at 5-18 Hz) are always 'regular': their long steps are dropouts. */
const POD_INTERVAL_MS = 500;
/** Fewer steps than this say too little about a unit's sampling: it is taken as 'regular'. */
const MIN_STEPS = 10;

export function sampling(t: Float64Array, gaps: { maxGapS: number; maxGapSamples: number }): Sampling {
  const n = t.length;
  const nominalMs = medianInterval(t) ?? 1000;
  const limit = Math.max(gaps.maxGapS * 1000, gaps.maxGapSamples * nominalMs);
  const steps = n - 1;
  const take = Math.min(Math.max(steps, 0), MAX_STEPS);
  const irregular = take > 0 ? irregularSteps(t, steps, take, nominalMs) / take : 0;
  if (nominalMs >= POD_INTERVAL_MS && take >= MIN_STEPS && irregular >= SMART_IRREGULAR_SHARE) {
    return { regime: 'smart', nominalMs, gapLimitMs: Math.max(limit, SMART_MAX_STEP_MS), irregular };
  }
  return { regime: 'regular', nominalMs, gapLimitMs: limit, irregular };
}

// Each loop is a function of its own that only returns a local after it (see engine.ts).

/** How many of `take` steps taken evenly across t's `steps` steps are more than 25 % away from `nominal`. */
function irregularSteps(t: Float64Array, steps: number, take: number, nominal: number): number {
  let k = 0;
  const tol = 0.25 * nominal;
  for (let s = 0; s < take; s++) {
    const i = 1 + (take === steps ? s : Math.floor((s * steps) / take));
    const x = t[i] - t[i - 1];
    if (x > 0 && Math.abs(x - nominal) > tol) k++;
  }
  return k;
}

/** The positive ones of `take` steps taken evenly across t's `steps` steps, into d; how many. */
function positiveSteps(t: Float64Array, steps: number, take: number, d: Float64Array): number {
  let k = 0;
  for (let s = 0; s < take; s++) {
    const i = 1 + (take === steps ? s : Math.floor((s * steps) / take));
    const x = t[i] - t[i - 1];
    if (x > 0) d[k++] = x;
  }
  return k;
}

/** Median of the finite values; the array is reordered in place. */
export function median(values: Float64Array): number | null {
  const k = keepFinite(values);
  if (k === 0) return null;
  const v = values.subarray(0, k);
  select(v, k >> 1);
  const hi = v[k >> 1];
  if (k % 2 === 1) return hi;
  // The lower middle is the largest value left of the upper middle after selection.
  const lo = maxBefore(v, k >> 1);
  return (lo + hi) / 2;
}

/** Moves the finite values to the front, in order; how many. */
function keepFinite(values: Float64Array): number {
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) values[k++] = values[i];
  return k;
}

/** Largest of v[0..m), −Infinity when m is 0. */
function maxBefore(v: Float64Array, m: number): number {
  let lo = -Infinity;
  for (let i = 0; i < m; i++) if (v[i] > lo) lo = v[i];
  return lo;
}

/** Hoare's quickselect of the k-th smallest (0-based): afterwards v[0..k) <= v[k] <= v[k+1..). */
function select(v: Float64Array, k: number): void {
  let left = 0;
  let right = v.length - 1;
  while (right > left) {
    const pivot = v[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        const tmp = v[i];
        v[i] = v[j];
        v[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
}
