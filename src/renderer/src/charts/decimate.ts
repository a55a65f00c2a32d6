/**
 * Fewer points for a line chart, its shape kept: a 90-minute 1 s trace has 5 400 points per player
 * where the chart is ~1 000 px wide, and drawing them all made the timeline's mount a long task
 * on the window's main thread (recharts' work grows with the points).
 *
 * Time is cut into buckets of `bucketMs` from `t0`, the same for every line of a chart. A bucket
 * gives two points at fixed times, its start and its middle: its lowest and its highest value, in
 * the order they happened (a sprint's peak and a standing stretch both survive). Every line then
 * has its points at the same times, so the tooltip finds each player's value at the time it shows.
 * A bucket with a gap (null) keeps the null in its second point, so the line still breaks where
 * the data does. A line with no more than two points per bucket is left as it is.
 */
export interface LinePoint {
  t: number;
  v: number | null;
}

export function decimateMinMax(points: readonly LinePoint[], t0: number, bucketMs: number): LinePoint[] {
  if (points.length === 0 || bucketMs <= 0) return points as LinePoint[];
  const span = points[points.length - 1].t - points[0].t;
  if (points.length <= (2 * span) / bucketMs + 2) return points as LinePoint[];
  const out: LinePoint[] = [];
  let i = 0;
  while (i < points.length) {
    const k = Math.floor((points[i].t - t0) / bucketMs);
    const end = t0 + (k + 1) * bucketMs;
    let lo = -1;
    let hi = -1;
    let gap = false;
    for (; i < points.length && points[i].t < end; i++) {
      const v = points[i].v;
      if (v == null) {
        gap = true;
        continue;
      }
      if (lo < 0 || v < points[lo].v!) lo = i;
      if (hi < 0 || v > points[hi].v!) hi = i;
    }
    const start = t0 + k * bucketMs;
    const mid = start + bucketMs / 2;
    if (lo < 0) {
      out.push({ t: start, v: null }, { t: mid, v: null });
      continue;
    }
    const [first, second] = lo <= hi ? [lo, hi] : [hi, lo];
    out.push({ t: start, v: points[first].v }, { t: mid, v: gap ? null : points[second].v });
  }
  return out;
}

/** A bucket for about `points` points across [from, to], in whole multiples of `stepMs` (the series' step). */
export function bucketFor(from: number, to: number, points: number, stepMs: number): number {
  const raw = (2 * Math.max(0, to - from)) / points;
  return Math.max(stepMs, Math.ceil(raw / stepMs) * stepMs);
}
