/**
 * Fewer points for a line chart, its shape kept: a 90-minute 1 s trace has 5 400 points per player
 * where the chart is ~1 000 px wide, and drawing them all cost the window's main thread a long task.
 * The points are cut into buckets of equal count; each bucket keeps its lowest and its highest
 * value in time order (a sprint's peak and a standing stretch both survive), and a bucket with a
 * gap (null) keeps a null there, so the line still breaks where the data does.
 */
export interface LinePoint {
  t: number;
  v: number | null;
}

export function decimateMinMax(points: readonly LinePoint[], maxPoints: number): LinePoint[] {
  if (points.length <= maxPoints) return points as LinePoint[];
  const per = Math.ceil((2 * points.length) / maxPoints);
  const out: LinePoint[] = [];
  for (let a = 0; a < points.length; a += per) {
    const b = Math.min(points.length, a + per);
    let lo = -1;
    let hi = -1;
    let gap = -1;
    for (let i = a; i < b; i++) {
      const v = points[i].v;
      if (v == null) {
        if (gap < 0) gap = i;
        continue;
      }
      if (lo < 0 || v < points[lo].v!) lo = i;
      if (hi < 0 || v > points[hi].v!) hi = i;
    }
    // Up to three indices, pushed in time order, each once.
    let last = -1;
    for (let k = 0; k < 3; k++) {
      let next = -1;
      for (const i of [lo, hi, gap]) if (i > last && (next < 0 || i < next)) next = i;
      if (next < 0) break;
      out.push(points[next]);
      last = next;
    }
  }
  return out;
}
