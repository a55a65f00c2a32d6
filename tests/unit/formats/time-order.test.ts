import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/main/core/formats/canonical.ts';
import { increasingTimeIndex } from '../../../src/main/core/formats/time-order.ts';

describe('samples out of time order', () => {
  it('keeps strictly increasing times; a format without lines names the first dropped sample by number', () => {
    const problems: Problem[] = [];
    const t = Float64Array.from([0, 1000, 2000, 1500, 2000, NaN, 3000, Infinity]);
    const keep = increasingTimeIndex(t, 'a.fit', 'record', problems);
    expect(Array.from(keep!)).toEqual([0, 1, 2, 6]);
    // Samples are numbered from 1 as a user counts them: 1500 is the 4th record.
    expect(problems).toEqual([
      { severity: 'warning', code: 'TIME_NOT_INCREASING', file: 'a.fit', count: 2, message: '2 record sample(s) repeat or go back in time; they were dropped (the first, at record sample 4, is 1970-01-01T00:00:01.500Z, after 1970-01-01T00:00:02.000Z)' },
      { severity: 'warning', code: 'TIME_MISSING', file: 'a.fit', count: 2, message: '2 record sample(s) have no usable time (missing or infinite); they were dropped (the first at record sample 6)' },
    ]);
  });

  it('says nothing and keeps everything when the times increase', () => {
    const problems: Problem[] = [];
    expect(increasingTimeIndex(Float64Array.from([1, 2, 3]), 'a', 'x', problems, () => 99)).toBeNull();
    expect(problems).toEqual([]);
  });
});
