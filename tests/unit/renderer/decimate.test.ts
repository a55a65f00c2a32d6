import { describe, expect, it } from 'vitest';
import { bucketFor, decimateColumns, MIN_BREAK_MS, type LinePoint } from '../../../src/renderer/src/charts/decimate.ts';

/** A line of points through decimateColumns: the points decimated, or the same array when left as it is. */
function decimateMinMax(points: LinePoint[], t0: number, bucketMs: number, breakMs = Math.max(bucketMs / 2, MIN_BREAK_MS)): LinePoint[] {
  const out = decimateColumns(points.map((p) => p.t), points.map((p) => p.v ?? NaN), t0, bucketMs, breakMs);
  return out ?? points;
}

const line = (vs: (number | null)[], t0 = 0): LinePoint[] => vs.map((v, i) => ({ t: t0 + i * 1000, v }));
const pairs = (ps: LinePoint[]) => ps.map((p) => [p.t / 1000, p.v]);

describe('decimateMinMax (timeline points)', () => {
  it('leaves a line with at most two points per bucket as it is', () => {
    const pts = line([1, 2, 3, 4]);
    expect(decimateMinMax(pts, 0, 2000)).toBe(pts);
  });

  it('gives each bucket its lowest and highest value, in the order they happened, at the bucket’s start and middle', () => {
    // Buckets of 4 s from 0: [1 5 2 3] [9 0 4 4] [7 7 8 6].
    const out = decimateMinMax(line([1, 5, 2, 3, 9, 0, 4, 4, 7, 7, 8, 6]), 0, 4000);
    expect(pairs(out)).toEqual([
      [0, 1],
      [2, 5],
      [4, 9],
      [6, 0],
      [8, 8],
      [10, 6],
    ]);
  });

  it('puts every line’s points at the same times, whatever its first sample', () => {
    const a = decimateMinMax(line([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 0, 4000);
    const b = decimateMinMax(line([5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5], 1000), 0, 4000);
    expect(b.map((p) => p.t)).toEqual(a.map((p) => p.t));
  });

  it('breaks the line across an empty stretch longer than the break, not across a short one', () => {
    // Breaking at 2 s: the empty second at 2 s is drawn through; 4..7 s (4 s empty) breaks.
    const out = decimateMinMax(line([1, 2, null, 3, null, null, null, null, 4, 5, 6, 7]), 0, 4000, 2000);
    expect(pairs(out)).toEqual([
      [0, 1],
      [2, 3],
      [4, null],
      [6, null],
      [8, 4],
      [10, 7],
    ]);
  });

  it('keeps a heart-rate trace with an empty second in every bucket (a watch sampling every 3 s)', () => {
    // 90 min of 1 s bins, every third one empty: every 18 s bucket has six empty seconds.
    const vs = Array.from({ length: 5400 }, (_, i) => (i % 3 === 2 ? null : 120 + (i % 40)));
    const out = decimateMinMax(line(vs), 0, 18_000);
    expect(out.length).toBe(600);
    expect(out.filter((p) => p.v == null)).toEqual([]);
    expect(Math.max(...out.map((p) => p.v!))).toBe(159); // 120 + 39 at i = 39, 79, … (those with a value)
  });

  it('keeps a sprint’s peak just after a 1 s dropout', () => {
    // Buckets of 4 s: [5 6 _ 9] [4 5 4 4] [3 3 3 3]: the 9 after the empty second is drawn.
    const out = decimateMinMax(line([5, 6, null, 9, 4, 5, 4, 4, 3, 3, 3, 3]), 0, 4000);
    expect(pairs(out)).toEqual([
      [0, 5],
      [2, 9],
      [4, 4],
      [6, 5],
      [8, 3],
      [10, 3],
    ]);
  });

  it('still breaks a 90-minute line at a 30 s dropout, keeping the peak after it', () => {
    const vs: (number | null)[] = Array.from({ length: 5400 }, (_, i) => 2 + (i % 7) / 10);
    for (let i = 1000; i < 1030; i++) vs[i] = null; // 1000..1029 s empty (the 18 s bucket at 990 s and the one at 1008 s)
    vs[1030] = 8.5; // a sprint's peak right after it
    const out = decimateMinMax(line(vs), 0, 18_000);
    const nulls = out.filter((p) => p.v == null).map((p) => p.t / 1000);
    // Bucket 990 s has values 990..999 s, bucket 1008 s none, bucket 1026 s has 1030.. s: the line breaks there.
    expect(nulls.length).toBeGreaterThan(0);
    expect(nulls.every((t) => t >= 990 && t <= 1035)).toBe(true);
    expect(out.some((p) => p.v === 8.5)).toBe(true);
    // Nothing else is broken: values everywhere before 990 s and after 1035 s.
    expect(out.filter((p) => (p.t < 990_000 || p.t > 1035_000) && p.v == null)).toEqual([]);
  });

  it('breaks where a dropout falls between two buckets that both have values', () => {
    // 4 s buckets, break at 2 s: [1 2 3 _] [_ _ 4 5] [6 6 6 6]: 3 s empty between 3 (2 s) and 4 (6 s).
    const out = decimateMinMax(line([1, 2, 3, null, null, null, 4, 5, 6, 6, 6, 6]), 0, 4000, 2000);
    // Bucket 0 draws 1 then 3, bucket 1 draws 4 then 5: between 3 and 4 the lower (3) gives way.
    expect(pairs(out)).toEqual([
      [0, 1],
      [2, null],
      [4, 4],
      [6, 5],
      [8, 6],
      [10, 6],
    ]);
  });

  it('keeps a 90-minute trace’s peak and about the asked number of points', () => {
    const vs = Array.from({ length: 5400 }, (_, i) => 2 + Math.sin(i / 50));
    vs[4321] = 9.87;
    const bucket = bucketFor(0, 5399_000, 600, 1000);
    expect(bucket).toBe(18_000); // 2 x 5 399 s / 600, in whole seconds
    const out = decimateMinMax(line(vs), 0, bucket);
    expect(out.length).toBe(600);
    expect(Math.max(...out.map((p) => p.v!))).toBe(9.87);
    expect(out.every((p, i) => i === 0 || p.t > out[i - 1].t)).toBe(true);
  });

  it('draws a 40-minute zoom in 8 s buckets and a 10-minute one at every second', () => {
    // At most 600 points, two a bucket: 2 x 2 400 s / 600 = 8 s; 2 x 600 s / 600 = 2 s, i.e. two 1 s values a bucket.
    expect(bucketFor(0, 2_400_000, 600, 1000)).toBe(8000);
    const bucket10 = bucketFor(0, 600_000, 600, 1000);
    expect(bucket10).toBe(2000);
    const ten = line(Array.from({ length: 600 }, (_, i) => i % 5));
    expect(decimateMinMax(ten, 0, bucket10)).toBe(ten);
  });

  it('reads a line from two columns (times, values with NaN for none) as from points', () => {
    // 90 minutes at 1 s with a 30 s dropout and empty seconds: the timeline's own case.
    const pts = line(Array.from({ length: 5400 }, (_, i) => (i >= 2000 && i < 2030) || i % 41 === 0 ? null : Math.round(Math.abs(Math.sin(i / 40)) * 800) / 100));
    const ts = Float64Array.from(pts, (p) => p.t);
    const vs = Float64Array.from(pts, (p) => p.v ?? NaN);
    const bucketMs = bucketFor(0, 5_400_000, 600, 1000);
    const cols = decimateColumns(ts, vs, 0, bucketMs);
    expect(cols).not.toBeNull();
    expect(cols).toEqual(decimateMinMax(pts, 0, bucketMs));
    expect(cols!.filter((p) => p.v == null).length).toBeGreaterThan(0);
    // A line with at most two points per bucket: null, to be drawn as it is.
    expect(decimateColumns(Float64Array.of(0, 1000, 2000), Float64Array.of(1, NaN, 3), 0, 2000)).toBeNull();
  });
});
