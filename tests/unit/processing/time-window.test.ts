/**
 * lowerBoundNear (processing/time-window.ts) finds from a guess what lowerBound finds by halving
 * the whole array: the first index whose time is at least x. Checked against the definition (a
 * walk from the start) on sorted times with repeats, any x, any guess, any lower limit the answer
 * is known to respect.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowerBound, lowerBoundNear } from '../../../src/main/core/processing/time-window.ts';
import { FUZZ_REPLAY, FUZZ_RUNS } from './arbitraries.ts';

const firstAtLeast = (t: Float64Array, x: number) => {
  let i = 0;
  while (i < t.length && t[i] < x) i++;
  return i;
};

describe('lowerBoundNear', () => {
  it('is the first index whose time is at least x, whatever the guess', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 300 }),
        fc.oneof(fc.double({ min: -10, max: 6000, noNaN: true }), fc.integer({ min: -1, max: 3000 })), // x often equal to a time
        fc.nat(400),
        fc.nat(400),
        (steps, x, guess, loPick) => {
          let at = 0;
          const t = Float64Array.from(steps, (d) => (at += d));
          const want = firstAtLeast(t, x);
          expect(lowerBound(t, x)).toBe(want);
          const lo = Math.min(loPick, want);
          expect(lowerBoundNear(t, x, lo, guess)).toBe(want);
        },
      ),
      { numRuns: FUZZ_RUNS * 5, ...FUZZ_REPLAY },
    );
  });

  it('bins of a 100 Hz stream: each edge 100 samples on from the last', () => {
    // t = 0, 10, 20, ... ms: the edge of bin b (b · 1 000 ms) is sample 100 · b, found from the
    // previous edge plus the previous bin's width, and past the end it is the length.
    const t = Float64Array.from({ length: 1_000 }, (_, i) => i * 10);
    let a = 0;
    let width = 0;
    for (let b = 1; b <= 11; b++) {
      const e = lowerBoundNear(t, b * 1_000, a, a + width);
      expect(e).toBe(Math.min(100 * b, 1_000));
      width = e - a;
      a = e;
    }
  });
});
