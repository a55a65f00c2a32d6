/**
 * Fewer points for a line chart, its shape kept: a 90-minute 1 s trace has 5 400 points per player
 * where the chart is ~1 000 px wide, and drawing them all made the timeline's mount a long task
 * on the window's main thread (a line's work grows with its points: path length, hover lookups).
 *
 * Time is cut into buckets of `bucketMs` from `t0`, the same for every line of a chart. A bucket
 * gives two points at fixed times, its start and its middle: its lowest and its highest value, in
 * the order they happened (a sprint's peak and a standing stretch both survive). Every line then
 * has its points at the same times, so the tooltip finds each player's value at the time it shows.
 * A bucket's low and high come from the seconds that have a value: an empty second or a few (a
 * watch's heart rate averaged into 1 s bins is empty most seconds; a 1 s GNSS dropout before a
 * sprint) neither hides the bucket nor drops its peak. The line breaks only where the data stops
 * for longer than `breakMs` (default: half a bucket, at least 10 s): of the two points drawn on
 * either side of such a stretch, the lower becomes a null, so the higher (a peak) stays drawn. A
 * line with no more than two points per bucket is left as it is.
 */
export interface LinePoint {
  t: number;
  v: number | null;
}

/** The shortest empty stretch that breaks a decimated line, whatever the bucket. */
export const MIN_BREAK_MS = 10_000;

/**
 * A line held as two columns: the times, and the values with NaN where there is none. Null when
 * the line has no more than two points per bucket (to be drawn as it is). Two columns, not an
 * object per point: no object per second of a 90-minute trace, only per drawn point.
 */
export function decimateColumns(ts: ArrayLike<number>, vs: ArrayLike<number>, t0: number, bucketMs: number, breakMs = Math.max(bucketMs / 2, MIN_BREAK_MS)): LinePoint[] | null {
  const n = ts.length;
  if (n === 0 || bucketMs <= 0) return null;
  const span = ts[n - 1] - ts[0];
  if (n <= (2 * span) / bucketMs + 2) return null;
  // breaks[i]: how many long empty stretches end before point i (a stretch is as long as the time
  // from the value before it to the value after it, less one step of the series).
  const breaks = new Int32Array(n);
  let lastValue = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (vs[i] === vs[i]) {
      if (lastValue >= 0 && i > lastValue + 1) {
        const step = ts[lastValue + 1] - ts[lastValue];
        if (ts[i] - ts[lastValue] - step > breakMs) count++;
      }
      lastValue = i;
    }
    breaks[i] = count;
  }
  const out: LinePoint[] = [];
  const src: number[] = []; // the point each output point was taken from (-1: none)
  let i = 0;
  while (i < n) {
    const k = Math.floor((ts[i] - t0) / bucketMs);
    const end = t0 + (k + 1) * bucketMs;
    let lo = -1;
    let hi = -1;
    for (; i < n && ts[i] < end; i++) {
      const v = vs[i];
      if (v !== v) continue;
      if (lo < 0 || v < vs[lo]) lo = i;
      if (hi < 0 || v > vs[hi]) hi = i;
    }
    const start = t0 + k * bucketMs;
    const mid = start + bucketMs / 2;
    if (lo < 0) {
      out.push({ t: start, v: null }, { t: mid, v: null });
      src.push(-1, -1);
      continue;
    }
    const [first, second] = lo <= hi ? [lo, hi] : [hi, lo];
    out.push({ t: start, v: vs[first] }, { t: mid, v: vs[second] });
    src.push(first, second);
  }
  // Break the line across each long empty stretch: of two neighbouring drawn points with one
  // between their samples, the lower gives way to a null.
  for (let j = 1; j < out.length; j++) {
    const a = src[j - 1];
    const b = src[j];
    if (a < 0 || b < 0 || out[j - 1].v == null || breaks[b] === breaks[a]) continue;
    if (out[j].v! >= out[j - 1].v!) out[j - 1] = { t: out[j - 1].t, v: null };
    else out[j] = { t: out[j].t, v: null };
  }
  return out;
}

/** A bucket for about `points` points across [from, to], in whole multiples of `stepMs` (the series' step). */
export function bucketFor(from: number, to: number, points: number, stepMs: number): number {
  const raw = (2 * Math.max(0, to - from)) / points;
  return Math.max(stepMs, Math.ceil(raw / stepMs) * stepMs);
}
