/** Index range [from, to) of the samples whose time lies in the half-open [startMs, endMs). */
export function halfOpenRange(t: Float64Array, startMs: number, endMs: number): { from: number; to: number } {
  return { from: lowerBound(t, startMs), to: lowerBound(t, endMs) };
}

/** First index with t[i] >= x. */
export function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lowerBound(t, x) when it is known to be at least `lo`, looked for from `guess` outwards by
 * doubling steps, then by halving: one look when the guess is right (bins of a regularly sampled
 * stream, each a fixed number of samples on from the last).
 */
export function lowerBoundNear(t: Float64Array, x: number, lo: number, guess: number): number {
  const n = t.length;
  const g = Math.min(Math.max(guess, lo), n);
  if (g < n && t[g] < x) {
    // After g: (bottom, bottom + step] holds it.
    let bottom = g;
    let step = 1;
    while (bottom + step < n && t[bottom + step] < x) {
      bottom += step;
      step *= 2;
    }
    return search(t, x, bottom + 1, Math.min(n, bottom + step));
  }
  // At g or before it (g = n: past the end): (top − step, top] holds it.
  let top = g;
  let step = 1;
  while (top - step >= lo && t[top - step] >= x) {
    top -= step;
    step *= 2;
  }
  return search(t, x, Math.max(lo, top - step + 1), top);
}

/** The first index in [lo, hi) with t[i] >= x, hi when none is. */
function search(t: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Length of [a0, a1) ∩ [b0, b1], ms (0 when they do not meet). */
export function overlapMs(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}
