/**
 * The arithmetic of the report's and the session page's hand-drawn SVG charts: a linear scale and
 * "nice" axis ticks (0, 3 000, 6 000 …; 0, 2, 4 …), as a reader expects on a value axis. No DOM:
 * nothing here measures text or lays anything out, which is what made recharts' mount slow.
 */

/** Maps [d0, d1] onto [r0, r1] (a zero-width domain maps everything to r0). */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** Steps a value axis uses, times a power of ten. */
const NICE = [1, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * About `count` ticks from 0 (or below, for negative values) to at least `max`, a nice step apart;
 * the last tick is the axis' top. [0, 0] gives [0, 1] so an all-zero chart still has an axis.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi - lo <= 0) return [0, 1];
  const rough = (hi - lo) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = (NICE.find((n) => n * mag >= rough * (1 - 1e-9)) ?? 10) * mag;
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const out: number[] = [];
  // Rounded to the step's own decimals, so 0.1 × 3 reads 0.3, not 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = first; i <= last && out.length < 50; i++) out.push(Number((i * step).toFixed(decimals)));
  return out;
}

/** A line as one SVG path, lifted where a value is missing: a gap in the data stays a gap on the chart. */
export function linePath(data: readonly { t: number; v: number | null }[], x: (t: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const p of data) {
    if (p.v == null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
    pen = true;
  }
  return d;
}
