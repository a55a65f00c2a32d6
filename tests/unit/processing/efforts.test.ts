import { describe, expect, it } from 'vitest';
import { sprintEfforts, thresholdEfforts } from '../../../src/main/core/processing/efforts.ts';
import { kinematicsOf } from './tracks.ts';

const RULE = { entryMs: 7, exitMs: 7, entrySamples: 2, minDurationS: 1, maxDipS: 0.5 };

describe('sprint efforts (STATSports entry / exit / dwell rule) at 10 Hz', () => {
  it('bridges a dip shorter than 0.5 s and counts an effort of at least 1 s', () => {
    // speeds: 6, [7.2, 7.5] entry (2 samples ≥ 7) -> start at #1; 7.6, 7.4, then a dip 6.8, 6.9 (0.2 s < 0.5 s,
    // bridged), 7.3, 7.5, 7.4, 7.2, 7.1, then 6.0, 5.0 (end of data).
    // Effort #1..#11 = 11 samples × 0.1 s = 1.1 s ≥ 1.0 s: counted.
    // Distance = 0.1 s × (7.2+7.5+7.6+7.4+6.8+6.9+7.3+7.5+7.4+7.2+7.1) = 0.1 × 79.9 = 7.99 m; top speed 7.6.
    const k = kinematicsOf([6, 7.2, 7.5, 7.6, 7.4, 6.8, 6.9, 7.3, 7.5, 7.4, 7.2, 7.1, 6.0, 5.0], null);
    const e = sprintEfforts(k, RULE);
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ start: 1, end: 11, durationMs: 1100, maxSpeedMs: 7.6 });
    expect(e[0].distanceM).toBeCloseTo(7.99, 10);
  });

  it('a dip of 0.5 s splits; each part must last 1 s on its own', () => {
    // 7.5 × 6 samples (0.6 s), dip 6.0 × 5 samples (0.5 s: splits), 7.5 × 12 samples (1.2 s).
    // First part 0.6 s < 1 s: not counted. Second part 1.2 s: counted.
    const k = kinematicsOf([...Array(6).fill(7.5), ...Array(5).fill(6), ...Array(12).fill(7.5)], null);
    const e = sprintEfforts(k, RULE);
    expect(e.map((x) => [x.start, x.end, x.durationMs])).toEqual([[11, 22, 1200]]);
  });

  it('needs 2 consecutive samples at the entry speed to start', () => {
    // Single samples at 8 m/s separated by 6 m/s never enter, however long the sequence.
    const k = kinematicsOf(Array.from({ length: 40 }, (_, i) => (i % 2 ? 8 : 6)), null);
    expect(sprintEfforts(k, RULE)).toHaveLength(0);
  });

  it('exits at a lower exit speed when set (hysteresis)', () => {
    // entry 7, exit 6.5: 7.2, 7.2 enter; 6.7 × 8 stays above the exit speed -> 10 samples = 1.0 s: counted.
    const k = kinematicsOf([5, 7.2, 7.2, ...Array(8).fill(6.7), 5, 5, 5, 5, 5, 5], null);
    const e = sprintEfforts(k, { ...RULE, exitMs: 6.5 });
    expect(e.map((x) => [x.start, x.end])).toEqual([[1, 10]]);
  });
});

describe('acceleration efforts', () => {
  // 10 Hz accelerations: [0, 3.1, 3.2, 3.0, 3.4, 3.1, 2.0, 3.5, 3.6, 3.2, 3.3, 2.9]
  const acc = [0, 3.1, 3.2, 3.0, 3.4, 3.1, 2.0, 3.5, 3.6, 3.2, 3.3, 2.9];
  const k = kinematicsOf(acc.map(() => 4), acc);

  it('≥ 3 m/s² held ≥ 0.5 s: #1..#5 (5 samples = 0.5 s) counts, #7..#10 (0.4 s) does not', () => {
    const e = thresholdEfforts(k, k.acc, 3, 1, 0.5);
    expect(e.map((x) => [x.start, x.end, x.durationMs])).toEqual([[1, 5, 500]]);
  });

  it('≥ 2 m/s²: one effort #1..#11 (1.1 s)', () => {
    expect(thresholdEfforts(k, k.acc, 2, 1, 0.5).map((x) => [x.start, x.end])).toEqual([[1, 11]]);
  });

  it('decelerations use the negative side: the same values negated give the same efforts', () => {
    const d = kinematicsOf(acc.map(() => 4), acc.map((a) => -a));
    expect(thresholdEfforts(d, d.acc, 3, -1, 0.5).map((x) => [x.start, x.end])).toEqual([[1, 5]]);
    expect(thresholdEfforts(d, d.acc, 3, 1, 0.5)).toHaveLength(0);
  });
});
