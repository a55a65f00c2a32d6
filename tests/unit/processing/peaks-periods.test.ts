import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../src/main/core/processing/engine.ts';
import { periodsFor } from '../../../src/main/core/processing/periods.ts';
import { EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';
import { T0, imuStream, jogWithGap, northTrack, window } from './tracks.ts';

describe('peak periods', () => {
  it('highest distance in rolling windows of 2, 3 and 10 s', () => {
    // 1 Hz, y = [0, 1, 2, 7, 12, 13]: steps into #1..#5 = 1, 1, 5, 5, 1 m.
    // 2 s windows (T−2, T] ending on a sample, holding 2 steps: 1+1, 1+5, 5+5, 5+1 (and 0+1 at #1) -> max 10 m.
    // 3 s windows: 0+1+1, 1+1+5, 1+5+5, 5+5+1 -> max 11 m. 10 s: the data spans 5 s -> absent (null).
    const g = northTrack({ tS: [0, 1, 2, 3, 4, 5], yM: [0, 1, 2, 7, 12, 13] });
    const s = EngineSettingsSchema.parse({ peaks: { windowsS: [2, 3, 10] } });
    const m = runEngine({ playerId: 'p', gnss: g, imu: null, hr: null, window: window(0, 6), periods: [], settings: s }).metrics;
    expect(m.peak_distance_w1_m).toBeCloseTo(10, 6);
    expect(m.peak_distance_w2_m).toBeCloseTo(11, 6);
    expect(m.peak_distance_w3_m).toBeNull();
    // No step reaches 5.5 m/s (max 5 m in 1 s): peak HSR 0.
    expect(m.peak_hsr_w1_m).toBe(0);
  });

  it('says when each peak happened: the window (T − W, T] of the first window end reaching it', () => {
    // Same track. 2 s: 10 m only in (2 s, 4 s]. 3 s: 11 m in (1 s, 4 s] and again in (2 s, 5 s]: the first.
    // 10 s: no value, no moment. Peak HSR 0 m (no step that fast) is reached by every window: no moment.
    // Inside the period [4 s, 6 s) (fixes at 4 and 5 s) the only 2 s window is (3 s, 5 s]: 5 + 1 = 6 m.
    const g = northTrack({ tS: [0, 1, 2, 3, 4, 5], yM: [0, 1, 2, 7, 12, 13] });
    const s = EngineSettingsSchema.parse({ peaks: { windowsS: [2, 3, 10] } });
    const r = runEngine({ playerId: 'p', gnss: g, imu: null, hr: null, window: window(0, 6), periods: [{ id: 'late', name: 'late', ...window(4, 6) }], settings: s });
    expect(r.moments.peak_distance_w1_m).toEqual(window(2, 4));
    expect(r.moments.peak_distance_w2_m).toEqual(window(1, 4));
    expect(r.moments.peak_distance_w3_m).toBeUndefined();
    expect(r.metrics.peak_hsr_w1_m).toBe(0);
    expect(r.moments.peak_hsr_w1_m).toBeUndefined();
    expect(r.periods[0].metrics.peak_distance_w1_m).toBeCloseTo(6, 6);
    expect(r.periods[0].moments.peak_distance_w1_m).toEqual(window(3, 5));
  });

  it('an opening effort followed by a gap: every window length holds it, the longer ones ending inside the gap', () => {
    // 1 Hz, y = [0, 5, 10] m at t = 0, 1, 2 s, then no signal until t = 10 s and standing to 15 s:
    // steps into #1, #2 = 5, 5 m; 2 -> 10 s is a gap (longer than 3 s: no distance). Interval 1 s,
    // so windows start at −1 s at the earliest. 3 s: (−1 s, 2 s] holds 10 m. 5 s: (−1 s, 4 s]
    // ends inside the gap and holds the same 10 m; the windows ending on a sample, (5 s, 10 s] and
    // later, hold 0 (it read 0, under the 3 s peak). 9 s: (−1 s, 8 s] holds 10 m ((1 s, 10 s],
    // the first ending on a sample, holds only the step into 2 s: it read 5 m).
    const g = northTrack({ tS: [0, 1, 2, 10, 11, 12, 13, 14, 15], yM: [0, 5, 10, 10, 10, 10, 10, 10, 10] });
    const s = EngineSettingsSchema.parse({ peaks: { windowsS: [3, 5, 9] } });
    const r = runEngine({ playerId: 'p', gnss: g, imu: null, hr: null, window: window(0, 16), periods: [], settings: s });
    expect(r.metrics.distance_m).toBeCloseTo(10, 6);
    expect(r.metrics.peak_distance_w1_m).toBeCloseTo(10, 6);
    expect(r.moments.peak_distance_w1_m).toEqual(window(-1, 2));
    expect(r.metrics.peak_distance_w2_m).toBeCloseTo(10, 6);
    expect(r.moments.peak_distance_w2_m).toEqual(window(-1, 4));
    expect(r.metrics.peak_distance_w3_m).toBeCloseTo(10, 6);
    expect(r.moments.peak_distance_w3_m).toEqual(window(-1, 8));
  });

  it('PlayerLoad peaks from the accelerometer: the window of the largest increments', () => {
    // Samples 1 s apart (the rate does not matter to the rule): (0,0,1) ×3, (0.3,0.4,1) ×2, (0,0,1) ×2 at
    // t = 0..6 s. Increments into samples 1..6: 0, 0, 0.5, 0, 0.5, 0 (/100).
    // 2 s windows (T − 2, T] hold two increments: every one from (1 s, 3 s] on holds 0.5: the first, 0.005.
    // 3 s: 0.5 + 0 + 0.5 = 1.0 only in (2 s, 5 s] (the others 0.5): 0.01. 10 s: no window, no moment.
    const imu = imuStream([0, 1, 2, 3, 4, 5, 6], [[0, 0, 1], [0, 0, 1], [0, 0, 1], [0.3, 0.4, 1], [0.3, 0.4, 1], [0, 0, 1], [0, 0, 1]]);
    const s = EngineSettingsSchema.parse({ peaks: { windowsS: [2, 3, 10] } });
    const r = runEngine({ playerId: 'p', gnss: null, imu, hr: null, window: window(0, 7), periods: [], settings: s });
    expect(r.metrics.peak_player_load_w1).toBeCloseTo(0.005, 9);
    expect(r.moments.peak_player_load_w1).toEqual(window(1, 3));
    expect(r.metrics.peak_player_load_w2).toBeCloseTo(0.01, 9);
    expect(r.moments.peak_player_load_w2).toEqual(window(2, 5));
    expect(r.moments.peak_player_load_w3).toBeUndefined();
  });
});

describe('periods', () => {
  // 1 Hz, 11 fixes at t = 0..10 s, walking 1 m/s north.
  const tS = Array.from({ length: 11 }, (_, i) => i);
  const g = northTrack({ tS, yM: tS });
  const per = (id: string, a: number, b: number) => ({ id, name: id, ...window(a, b) });
  const r = runEngine({
    playerId: 'p',
    gnss: g,
    imu: null,
    hr: null,
    window: window(0, 30),
    periods: [per('inside', 2, 5), per('late', 20, 30), per('partial', 8, 14)],
    settings: EngineSettingsSchema.parse({}),
  });
  const byId = new Map(r.periods.map((p) => [p.id, p]));

  it('a period inside the data: metrics of its own samples, fully covered', () => {
    // [2 s, 5 s): steps into #2, #3, #4 = 3 m; duration 3 s; coverage 3 s / 3 s = 1
    expect(byId.get('inside')!.metrics.distance_m).toBeCloseTo(3, 6);
    expect(byId.get('inside')!.metrics.duration_s).toBe(3);
    expect(byId.get('inside')!.coverage).toBe(1);
    expect(byId.get('inside')!.warnings).toEqual([]);
  });

  it('a period the unit does not cover is a clear warning with empty metrics, not a crash', () => {
    const late = byId.get('late')!;
    expect(late.coverage).toBe(0);
    expect(late.metrics.distance_m).toBeNull();
    expect(late.warnings[0]).toMatch(/no data from this unit in period "late"/);
    expect(r.warnings.find((w) => w.periodId === 'late')?.code).toBe('PERIOD_NOT_COVERED');
  });

  it('a period partly covered says how much', () => {
    // [8 s, 14 s): data to 10 s: steps into #9, #10 = 2 s of 6 s -> 33 %
    const p = byId.get('partial')!;
    expect(p.coverage).toBeCloseTo(2 / 6, 9);
    expect(p.warnings[0]).toMatch(/covers 33 % of period "partial"/);
  });

  it('a period after the GNSS stopped but while the accelerometer recorded: covered by the accelerometer, GNSS metrics empty', () => {
    // GNSS 0..10 s (as above); the accelerometer runs 0..30 s at 10 Hz with ax alternating 0 / 0.1 g,
    // so every step adds the same PlayerLoad: [20 s, 30 s) holds 100 of the session's 300 steps, a
    // third of its load. Its span reaches the period's end (last sample at 30 s): coverage 10 s / 10 s.
    const n = 301;
    const imu = imuStream(Array.from({ length: n }, (_, i) => i / 10), Array.from({ length: n }, (_, i) => [i % 2 ? 0.1 : 0, 0, 1] as [number, number, number]));
    const run = runEngine({ playerId: 'p', gnss: g, imu, hr: null, window: window(0, 31), periods: [per('late', 20, 30)], settings: EngineSettingsSchema.parse({}) });
    const late = run.periods[0];
    expect(late.coverage).toBe(1);
    expect(late.metrics.distance_m).toBeNull();
    expect(late.metrics.player_load).toBeCloseTo(run.metrics.player_load! / 3, 9);
    expect(late.warnings).toEqual(['no usable GNSS data from this unit in period "late": distance, speed and effort metrics are empty there']);
    expect(run.warnings.filter((w) => w.periodId === 'late').map((w) => w.code)).toEqual(['PERIOD_NO_GNSS']);
  });

  it('a gap across a period boundary counts in each period for its part inside it; the periods add up to the session', () => {
    // jogWithGap: a 12 s dropout (19 -> 31 s) whose distance is the straight line, 100 m over its
    // 12 s, in band 1. Periods [0, 25 s) and
    // [25 s, 51 s): the boundary lies 6 s into the gap, so each period holds half of it, 50 m and
    // 6 s. (Before, the later period held all of it: 12 s of band 1 in a period with 19 s of steps
    // and 25 s of data, 31 s of band time in all.)
    const jog = northTrack(jogWithGap());
    const s = EngineSettingsSchema.parse({});
    const periods = [
      { id: 'a', name: 'a', ...window(0, 25) },
      { id: 'b', name: 'b', ...window(25, 51) },
    ];
    const r = runEngine({ playerId: 'p', gnss: jog, imu: null, hr: null, window: window(0, 51), periods, settings: s });
    expect(r.metrics.distance_estimated_m).toBeCloseTo(100, 6);
    expect(r.metrics.estimated_time_s).toBeCloseTo(12, 9);
    const [a, b] = r.periods.map((p) => p.metrics);
    for (const p of [a, b]) {
      expect(p.distance_estimated_m).toBeCloseTo(50, 6);
      expect(p.estimated_time_s).toBeCloseTo(6, 9);
    }
    // Period b: 19 measured 1 s steps (into 32..50 s) + 6 s of the gap = 25 s of band time, its 25 s of data.
    const bandTime = (m: typeof b) => [1, 2, 3, 4, 5].reduce((x, i) => x + (m[`band${i}_time_s`] ?? 0), 0);
    expect(bandTime(b)).toBeCloseTo(25, 9);
    expect(b.duration_s).toBe(25);
    // Period a: 19 steps (into 1..19 s) + 6 s = 25 s.
    expect(bandTime(a)).toBeCloseTo(25, 9);
    // The periods add up to the session: distance, estimated distance and band 1.
    for (const k of ['distance_m', 'distance_estimated_m', 'estimated_time_s', 'band1_distance_m', 'band1_time_s']) {
      expect((a[k] ?? 0) + (b[k] ?? 0)).toBeCloseTo(r.metrics[k]!, 6);
    }
    // A period inside the gap alone (22..28 s): 6 s of it, 50 m; its warning says both that no fix
    // covers it and that its distance is estimated.
    const inGap = runEngine({ playerId: 'p', gnss: jog, imu: null, hr: null, window: window(0, 51), periods: [{ id: 'g', name: 'Drill', ...window(22, 28) }], settings: s }).periods[0];
    expect(inGap.metrics.distance_estimated_m).toBeCloseTo(50, 6);
    expect(inGap.metrics.estimated_time_s).toBeCloseTo(6, 9);
    expect(inGap.metrics.band1_time_s).toBeCloseTo(6, 9);
    expect(inGap.coverage).toBe(0);
    expect(inGap.warnings).toEqual(['this unit\'s data does not cover period "Drill"; 50 m of its distance there is estimated across a GNSS gap (band 1)']);
    // Period b above: 19 s of measured steps (into 32..50 s) in its 26 s (73 % covered), 50 m estimated.
    expect(r.periods[1].warnings).toEqual(['this unit\'s data covers 73 % of period "b"; 50 m of its distance there is estimated across a GNSS gap (band 1)']);
  });

  it('the session as a whole: a unit covering under 95 % of it is said, with its gaps\' estimated distance, as a period\'s coverage is', () => {
    const s = EngineSettingsSchema.parse({});
    const warned = (r: ReturnType<typeof runEngine>) => r.warnings.filter((w) => w.code === 'SESSION_PARTLY_COVERED').map((w) => w.message);
    // A download cut short: a 1 Hz jog over 0..78 s in a 10-minute session. Its 78 steps cover 78 s of 600 s: 13 %.
    const tS = Array.from({ length: 79 }, (_, i) => i);
    const cut = runEngine({ playerId: 'p', gnss: northTrack({ tS, yM: tS.map((x) => 3 * x) }), imu: null, hr: null, window: window(0, 600), periods: [], settings: s });
    expect(warned(cut)).toEqual(["this unit's GNSS data covers 13 % of the session (1 min 18 s of 10 min 00 s)"]);
    // jogWithGap in a 51 s session: 19 + 19 s of measured steps (the 12 s dropout left out), 38 of 51 s = 74.5 %, said 74 %
    // (rounded down, as every coverage: under 95 % never reads 95); 100 m estimated across the gap.
    const gap = runEngine({ playerId: 'p', gnss: northTrack(jogWithGap()), imu: null, hr: null, window: window(0, 51), periods: [], settings: s });
    expect(warned(gap)).toEqual(["this unit's GNSS data covers 74 % of the session (0 min 38 s of 0 min 51 s); 100 m of its distance is estimated across GNSS gaps (band 1)"]);
    // A few fixes in an hour: "< 1 %", not "0 %". An accelerometer covering the first 5 of 10 minutes, no GNSS: its recording is said.
    const few = runEngine({ playerId: 'p', gnss: northTrack({ tS: [0, 1, 2], yM: [0, 1, 2] }), imu: null, hr: null, window: window(0, 3600), periods: [], settings: s });
    expect(warned(few)).toEqual(["this unit's GNSS data covers < 1 % of the session (0 min 02 s of 1 h 00 min)"]);
    const imuS = Array.from({ length: 3001 }, (_, i) => i / 10);
    const acc = runEngine({ playerId: 'p', gnss: null, imu: imuStream(imuS, imuS.map(() => [0, 0, 1])), hr: null, window: window(0, 600), periods: [], settings: s });
    expect(warned(acc)).toEqual(["this unit's accelerometer recording covers 50 % of the session (5 min 00 s of 10 min 00 s)"]);
    // The same jog to 78 s in a session of 0..78 s: covered whole, nothing said.
    expect(warned(runEngine({ playerId: 'p', gnss: northTrack({ tS, yM: tS.map((x) => 3 * x) }), imu: null, hr: null, window: window(0, 78), periods: [], settings: s }))).toEqual([]);
  });

  it('applies to everyone or to the chosen players only', () => {
    const defs = [
      { id: 'a', name: 'all', startMs: T0, endMs: T0 + 1000, playerIds: null },
      { id: 'b', name: 'some', startMs: T0, endMs: T0 + 1000, playerIds: ['p2'] },
    ];
    expect(periodsFor('p1', defs).map((p) => p.id)).toEqual(['a']);
    expect(periodsFor('p2', defs).map((p) => p.id)).toEqual(['a', 'b']);
  });
});
