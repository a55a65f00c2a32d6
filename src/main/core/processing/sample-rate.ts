/**
 * Sample intervals and medians, by hand on typed arrays (quickselect, no full sort): they run on
 * every unit, and a 90-minute 100 Hz accelerometer has 540 000 steps.
 */

/** Above this many steps the interval is the median of this many steps taken evenly across the recording. */
const MAX_STEPS = 20001;

/** A unit's sample interval: the median of the positive steps between consecutive times, ms. */
export function medianInterval(t: Float64Array): number | null {
  const n = t.length;
  if (n < 2) return null;
  const steps = n - 1;
  const take = Math.min(steps, MAX_STEPS);
  const d = new Float64Array(take);
  let k = 0;
  for (let s = 0; s < take; s++) {
    const i = 1 + (take === steps ? s : Math.floor((s * steps) / take));
    const x = t[i] - t[i - 1];
    if (x > 0) d[k++] = x;
  }
  if (k === 0) return null;
  return median(d.subarray(0, k));
}

/** Median of the finite values; the array is reordered in place. */
export function median(values: Float64Array): number | null {
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) values[k++] = values[i];
  if (k === 0) return null;
  const v = values.subarray(0, k);
  const hi = select(v, k >> 1);
  if (k % 2 === 1) return hi;
  // The lower middle is the largest value left of the upper middle after selection.
  let lo = -Infinity;
  for (let i = 0; i < k >> 1; i++) if (v[i] > lo) lo = v[i];
  return (lo + hi) / 2;
}

/** Hoare's quickselect: the k-th smallest (0-based); afterwards v[0..k) <= v[k] <= v[k+1..). */
function select(v: Float64Array, k: number): number {
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
  return v[k];
}
