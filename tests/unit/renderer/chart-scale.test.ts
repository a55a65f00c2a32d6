import { describe, expect, it } from 'vitest';
import { linePath, linear, niceTicks } from '../../../src/renderer/src/charts/scale.ts';

describe('chart scale (the hand-drawn SVG charts)', () => {
  it('puts value-axis ticks a nice step apart, from 0 to at least the highest value', () => {
    // Worked by hand: 11 600 m over 4 steps is 2 900, rounded up to a nice 3 000.
    expect(niceTicks(0, 11_600)).toEqual([0, 3000, 6000, 9000, 12_000]);
    // 113 m/min: 28.25 a step, nice 30.
    expect(niceTicks(0, 113)).toEqual([0, 30, 60, 90, 120]);
    // 7.4 m/min: 1.85, nice 2.
    expect(niceTicks(0, 7.4)).toEqual([0, 2, 4, 6, 8]);
    // 4.75 au/min: 1.1875, nice 1.5 is not a step we use: 2.
    expect(niceTicks(0, 4.75)).toEqual([0, 2, 4, 6]);
    // 0.33: a 0.1 step, without floating-point tails.
    expect(niceTicks(0, 0.33)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    // A top value that is itself a tick ends the axis there.
    expect(niceTicks(0, 32)).toEqual([0, 8, 16, 24, 32]);
  });

  it('includes zero and the lowest value when some are negative, and gives an axis when all are zero', () => {
    expect(niceTicks(-3, 9)).toEqual([-3, 0, 3, 6, 9]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN, 5)).toEqual([0, 1]);
  });

  it('maps a domain linearly onto pixels, flipped for a value axis', () => {
    const y = linear(0, 12_000, 204, 16);
    expect(y(0)).toBe(204);
    expect(y(12_000)).toBe(16);
    expect(y(6000)).toBe(110);
  });

  it('draws a line as one path with a gap where values are missing', () => {
    const x = (t: number) => t * 10;
    const y = (v: number) => 100 - v;
    const d = linePath(
      [
        { t: 0, v: 1 },
        { t: 1, v: 2 },
        { t: 2, v: null },
        { t: 3, v: 4 },
        { t: 4, v: 5.55 },
      ],
      x,
      y,
    );
    expect(d).toBe('M0.0,99.0L10.0,98.0M30.0,96.0L40.0,94.5');
    expect(linePath([{ t: 0, v: null }], x, y)).toBe('');
  });
});
