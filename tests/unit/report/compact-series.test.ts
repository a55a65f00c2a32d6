/** The report embeds compact series: bins merged by hand-worked means (speed, HR) and sums (PlayerLoad). */
import { describe, expect, it } from 'vitest';
import { compactSeries } from '../../../src/main/core/report/compact-series.ts';

describe('compact series', () => {
  it('leaves a series that is already small as it is', () => {
    const s = { startMs: 0, stepS: 1, speedMs: [1, 2, 3], hrBpm: null, playerLoad: null };
    expect(compactSeries(s, 3)).toBe(s);
  });

  it('merges bins: speed and HR means of the bins with data, PlayerLoad sums, all-null stays null', () => {
    const s = {
      startMs: 1000,
      stepS: 1,
      speedMs: [1, 2, 3, null, null, null, 4],
      hrBpm: [100, 110, 121, null, null, null, 150],
      playerLoad: [0.1, 0.2, 0.3, null, null, null, 0.5],
    };
    // 7 bins into at most 3 → merged 3 at a time: [1,2,3], [null×3], [4]
    const c = compactSeries(s, 3);
    expect(c.startMs).toBe(1000);
    expect(c.stepS).toBe(3);
    expect(c.speedMs).toEqual([2, null, 4]);
    expect(c.hrBpm).toEqual([110, null, 150]); // (100 + 110 + 121) / 3 = 110.33 → 110
    expect(c.playerLoad).toEqual([0.6, null, 0.5]);
  });

  it('keeps a 90-minute session at most 1800 points per stream (3 s bins)', () => {
    const n = 5400;
    const s = { startMs: 0, stepS: 1, speedMs: Array.from({ length: n }, (_, i) => i % 7), hrBpm: null, playerLoad: Array.from({ length: n }, () => 0.01) };
    const c = compactSeries(s);
    expect(c.speedMs).toHaveLength(1800);
    expect(c.stepS).toBe(3);
    // PlayerLoad is conserved: 5400 × 0.01 = 54.
    expect(c.playerLoad!.reduce((a, b) => a! + b!, 0)).toBeCloseTo(54, 6);
  });
});
