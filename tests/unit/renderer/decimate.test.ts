import { describe, expect, it } from 'vitest';
import { decimateMinMax, type LinePoint } from '../../../src/renderer/src/charts/decimate.ts';

const line = (vs: (number | null)[]): LinePoint[] => vs.map((v, i) => ({ t: i * 1000, v }));

describe('decimateMinMax (timeline points)', () => {
  it('leaves a short line as it is', () => {
    const pts = line([1, 2, 3]);
    expect(decimateMinMax(pts, 10)).toBe(pts);
  });

  it('keeps each bucket’s lowest and highest value in time order', () => {
    // 12 points to at most 6: buckets of 4 points, two kept from each.
    const pts = line([1, 5, 2, 3, 9, 0, 4, 4, 7, 7, 8, 6]);
    const out = decimateMinMax(pts, 6);
    expect(out.map((p) => [p.t / 1000, p.v])).toEqual([
      [0, 1],
      [1, 5],
      [4, 9],
      [5, 0],
      [10, 8],
      [11, 6],
    ]);
  });

  it('keeps a gap as a null, so the line still breaks', () => {
    const pts = line([1, 2, null, 3, 4, 5, 6, 7]);
    const out = decimateMinMax(pts, 4);
    expect(out.map((p) => p.v)).toEqual([1, null, 3, 4, 7]);
  });

  it('keeps a 90-minute trace’s peak and at most the asked number of points', () => {
    const vs = Array.from({ length: 5400 }, (_, i) => 2 + Math.sin(i / 50));
    vs[4321] = 9.87;
    const out = decimateMinMax(line(vs), 1200);
    expect(out.length).toBeLessThanOrEqual(1200);
    expect(Math.max(...out.map((p) => p.v!))).toBe(9.87);
    expect(out.every((p, i) => i === 0 || p.t > out[i - 1].t)).toBe(true);
  });
});
