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

/** Length of [a0, a1) ∩ [b0, b1], ms (0 when they do not meet). */
export function overlapMs(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}
