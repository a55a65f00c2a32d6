import { describe, expect, it } from 'vitest';
import { bucketFor, decimateMinMax, type LinePoint } from '../../../src/renderer/src/charts/decimate.ts';

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

  it('keeps a gap as a null, so the line still breaks', () => {
    const out = decimateMinMax(line([1, 2, null, 3, null, null, null, null, 4, 5, 6, 7]), 0, 4000);
    expect(pairs(out)).toEqual([
      [0, 1],
      [2, null],
      [4, null],
      [6, null],
      [8, 4],
      [10, 7],
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
});
