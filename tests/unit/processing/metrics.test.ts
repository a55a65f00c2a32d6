import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../src/main/core/processing/engine.ts';
import { METRIC_FAMILIES } from '../../../src/main/core/processing/metrics/registry.ts';
import { prepare } from '../../../src/main/core/processing/engine.ts';
import { DEFAULT_SETTINGS, EngineSettingsSchema, type EngineSettingsInput } from '../../../src/shared/domain/settings.ts';
import { METRIC_KEYS, metricCatalogue } from '../../../src/shared/domain/metrics.ts';
import { hrStream, imuStream, northTrack, T0, window } from './tracks.ts';
import { imuRateText } from '../../../src/shared/domain/quality-text.ts';

/*
 * A 1 Hz unit (no smoothing at 1 Hz: Nyquist 0.5 Hz is below the 1 Hz cut-off), 6 fixes at
 * t = 0..5 s, y = [0, 1, 4, 9, 15, 23] m (steps 1, 3, 5, 6, 8 m), Doppler [1, 1, 3, 5, 6, 8] m/s.
 * Each step belongs to the speed at its end sample.
 */
const g = northTrack({ tS: [0, 1, 2, 3, 4, 5], yM: [0, 1, 4, 9, 15, 23], doppler: [1, 1, 3, 5, 6, 8] });
const run = (s: EngineSettingsInput = {}, extra: Partial<Parameters<typeof runEngine>[0]> = {}) =>
  runEngine({ playerId: 'p', gnss: g, imu: null, hr: null, window: window(0, 6), periods: [], settings: EngineSettingsSchema.parse(s), ...extra });

describe('distance, speed and velocity bands', () => {
  it('distance, duration, distance per minute and max speed', () => {
    const m = run().metrics;
    // distance 1 + 3 + 5 + 6 + 8 = 23 m; duration = [0, 6 s) ∩ [0, 5 s] = 5 s; 23 m / (5/60) min = 276 m/min
    expect(m.distance_m).toBeCloseTo(23, 6);
    expect(m.duration_s).toBe(5);
    expect(m.distance_m_per_min).toBeCloseTo(276, 7);
    expect(m.max_speed_ms).toBe(8);
  });

  it('distance and time per band (edges 2, 4, 5.5, 7 m/s), HSR and sprint distance', () => {
    const m = run().metrics;
    // step ending at v=1 -> band 1 (1 m); v=3 -> band 2 (3 m); v=5 -> band 3 (5 m); v=6 -> band 4 (6 m); v=8 -> band 5 (8 m)
    expect([1, 2, 3, 4, 5].map((b) => m[`band${b}_distance_m`])).toEqual([1, 3, 5, 6, 8].map((x) => expect.closeTo(x, 6)));
    expect([1, 2, 3, 4, 5].map((b) => m[`band${b}_time_s`])).toEqual([1, 1, 1, 1, 1]);
    expect(m.hsr_distance_m).toBeCloseTo(14, 6); // 6 + 8 at ≥ 5.5 m/s
    expect(m.sprint_distance_m).toBeCloseTo(8, 6); // ≥ 7 m/s
  });

  it('relative bands: edges as % of the player max speed', () => {
    // max 8 m/s; edges 25/50/65/80 % = 2, 4, 5.2, 6.4 m/s: v=6 -> band 4, v=8 -> band 5; HSR = 6 + 8 = 14 m
    const m = run({ velocityBands: { mode: 'relative' } }).metrics;
    expect(m.band3_distance_m).toBeCloseTo(5, 6);
    expect(m.hsr_distance_m).toBeCloseTo(14, 6);
    // With the player's own max set to 10 m/s the edges are 2.5, 5, 6.5, 8: v=6 -> band 3; HSR = 8 m.
    const o = run({ velocityBands: { mode: 'relative' }, players: { p: { maxSpeedMs: 10 } } }).metrics;
    expect(o.band3_distance_m).toBeCloseTo(11, 6);
    expect(o.hsr_distance_m).toBeCloseTo(8, 6);
  });

  it('metabolic energy, mean power and HMLD on the same track (each step at its end speed, a from the speed change)', () => {
    // Steps of 1 s; P = C(ES, EM)·v with ES = a/g + 0.0037 v²/g (see metabolic-power.test.ts for the formula):
    // step 1 (v=1, a=0): walking; ES = 0.0003773, between edges 0 and 0.1: w = 0.9962270 / 0.0037730;
    //   poly(0)(1) = 1.25 − 6.57 + 13.14 − 11.15 + 5.35 = 2.02, poly(0.1)(1) = 0.68 − 4.17 + 10.17 − 10.31 + 8.66 = 5.03
    //   P = (0.9962270·2.02 + 0.0037730·5.03)·1 = 2.031357 W/kg
    // step 2 (v=3, a=2): ES = (2 + 0.0333)/9.80665 = 0.2073414, EM = 1.0212686: C = (8.190 + 1.576)·1.02127 = 9.968271, P = 29.904813
    // step 3 (v=5, a=2): P = 50.929498;  step 4 (v=6, a=1): ES = 0.1155594, C = 6.877552, P = 41.264656
    // step 5 (v=8, a=2): ES = 0.2280901, C = 10.723750, P = 85.789997
    // energy = 2.031357 + 29.904813 + 50.929498 + 41.264656 + 85.789997 = 209.920320 J/kg = 0.209920 kJ/kg
    // mean = 209.920320 J/kg / 5 s = 41.984064 W/kg;  HMLD (P > 25.5): steps 2..5 = 3 + 5 + 6 + 8 = 22 m
    const m = run().metrics;
    expect(m.mp_energy_kjkg).toBeCloseTo(0.20992032, 7);
    expect(m.mp_avg_wkg).toBeCloseTo(41.984064, 5);
    expect(m.hmld_m).toBeCloseTo(22, 6);
  });

  it('every catalogue key is computed by exactly one family', () => {
    const { prepared } = prepare({ playerId: 'p', gnss: g, imu: null, hr: null, window: window(0, 6), periods: [], settings: DEFAULT_SETTINGS });
    const seen = new Map<string, string>();
    for (const f of METRIC_FAMILIES) {
      for (const k of Object.keys(f.compute(prepared, window(0, 6), {}))) {
        expect(seen.has(k), `${k} computed by ${seen.get(k)} and ${f.id}`).toBe(false);
        seen.set(k, f.id);
      }
    }
    expect([...seen.keys()].sort()).toEqual([...METRIC_KEYS].sort());
  });

  it('a unit without heart rate or accelerometer gets those metrics absent (null), not zero, with a warning', () => {
    const r = run();
    expect(r.metrics.hr_mean_bpm).toBeNull();
    expect(r.metrics.trimp_edwards).toBeNull();
    expect(r.metrics.player_load).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('NO_IMU');
  });

  it('a unit whose every fix the cleaning dropped: effort counts and effort lists both absent, not "0 sprints"', () => {
    // The same 6 fixes, every one with HDOP 5 (> 2): all dropped by the quality gate.
    const bad = northTrack({ tS: [0, 1, 2, 3, 4, 5], yM: [0, 1, 4, 9, 15, 23], doppler: [1, 1, 3, 5, 6, 8], hdop: [5, 5, 5, 5, 5, 5] });
    const r = run({}, { gnss: bad });
    expect(r.warnings.map((w) => w.code)).toContain('NO_CLEAN_GNSS');
    expect(r.metrics.sprint_efforts).toBeNull();
    expect(r.metrics.accel_efforts_1).toBeNull();
    expect(r.efforts).toBeNull();
  });
});

describe('PlayerLoad', () => {
  it('sum of sqrt(Δax² + Δay² + Δaz²) / 100, per minute, skipping steps across a gap', () => {
    // 100 Hz: (0,0,1) (0.3,0.4,1) (0.3,0.4,1) (0,0,0): increments 0.5, 0, sqrt(0.09 + 0.16 + 1) = 1.1180340
    // PlayerLoad = 1.6180340 / 100 = 0.016180340. A 5th sample 5 s later (a gap) adds nothing.
    // Recording time in the window: 0 .. 5.03 s = 5.03 s = 0.0838333 min -> 0.016180340 / 0.0838333 = 0.1930060 per min.
    const imu = imuStream([0, 0.01, 0.02, 0.03, 5.03], [[0, 0, 1], [0.3, 0.4, 1], [0.3, 0.4, 1], [0, 0, 0], [5, 5, 5]]);
    const r = run({}, { imu });
    const m = r.metrics;
    expect(m.player_load).toBeCloseTo(0.01618034, 8);
    expect(m.player_load_per_min).toBeCloseTo(0.01618034 / (5.03 / 60), 8);
    // The data quality counts that one gap: the 5 s step from 0.03 s to 5.03 s.
    expect(r.quality.imu).toMatchObject({ gaps: 1, gapS: 5 });
  });

  it('leaves out a reading beyond the valid range (a fault, not movement) and says how many and when', () => {
    // The same samples with a corrupt 3rd one, (0.3, 1e23, 1) g, and a 6th of -250 g on z (beyond
    // the default 200 g): no increment into or out of either. Left: 0 -> 1 gives 0.5, 3 -> 4 and
    // 4 -> 5 touch a fault, 5 -> 6 (gap) adds nothing: 0.5 / 100 = 0.005. (Without the rule the 1e23
    // reading alone would add ~2e21.)
    const imu = imuStream([0, 0.01, 0.02, 0.03, 0.04, 5.04], [[0, 0, 1], [0.3, 0.4, 1], [0.3, 1e23, 1], [0, 0, 0], [0, 0, -250], [5, 5, 5]]);
    const r = run({}, { imu });
    expect(r.metrics.player_load).toBeCloseTo(0.005, 10);
    expect(r.quality.imu?.outOfRange).toBe(2);
    const w = r.warnings.find((x) => x.code === 'IMU_OUT_OF_RANGE');
    // 2 of 6 samples = 33.3 %; the first at T0 + 20 ms.
    expect(w?.message).toBe(`2 accelerometer samples (33.3 %) read beyond ±200 g on some axis, the first at ${new Date(T0 + 20).toISOString()}: a sensor or file fault, not movement, so PlayerLoad leaves them out`);
    // A unit with a wider sensor: 300 g lets the -250 g reading back in: 3 -> 4 adds |Δz| = 250,
    // and 5 -> 6 is still a gap: (0.5 + 250) / 100 = 2.505. A missing axis (NaN) is not a fault.
    const wide = run({ imu: { maxAbsG: 300 } }, { imu });
    expect(wide.metrics.player_load).toBeCloseTo(2.505, 10);
    expect(wide.quality.imu?.outOfRange).toBe(1);
    const missing = run({}, { imu: imuStream([0, 0.01, 0.02], [[0, 0, 1], [Number.NaN, 0, 1], [0, 0.3, 1]]) });
    expect(missing.quality.imu?.outOfRange).toBe(0);
    expect(missing.warnings.map((x) => x.code)).not.toContain('IMU_OUT_OF_RANGE');
  });

  /** A 200 Hz unit for 1 s: x = 0.1·k in the k-th 10 ms, ±0.05 g of 100 Hz vibration on top (+ then −); y = 0, z = 1. */
  const at200Hz = (edit: (i: number, a: [number, number, number]) => [number, number, number] = (_i, a) => a) =>
    imuStream(
      Array.from({ length: 200 }, (_, i) => i * 0.005),
      Array.from({ length: 200 }, (_, i) => edit(i, [0.1 * Math.floor(i / 2) + (i % 2 === 0 ? 0.05 : -0.05), 0, 1])),
    );

  it('a unit faster than 100 Hz: PlayerLoad on the mean of each 10 ms, as it is defined at 100 Hz', () => {
    // Means of each 10 ms: 0.1·k, k = 0..99, so 99 steps of 0.1 g: 99 · 0.1 / 100 = 0.099.
    // Summing the 200 Hz samples themselves would count the vibration: 100 steps of 0.1 inside the
    // 10 ms and 99 of 0.2 across them, (10 + 19.8) / 100 = 0.298, three times as much.
    const r = run({}, { imu: at200Hz() });
    expect(r.metrics.player_load).toBeCloseTo(0.099, 10);
    // The recording time (and so the per-minute rate) is the means': 0 .. 990 ms.
    expect(r.metrics.player_load_per_min).toBeCloseTo(0.099 / (0.99 / 60), 9);
    // The data quality shows what the unit recorded and that PlayerLoad ran on 100 Hz means
    // (standard processing, like the smoothing: not a warning); the table reads "200 → 100".
    expect(r.quality.imu).toMatchObject({ samples: 200, sampleRateHz: 200, spanS: 0.995, outOfRange: 0, gaps: 0, reducedTo100Hz: true });
    expect(imuRateText(r.quality.imu)).toBe('200 → 100');
    expect(r.warnings.map((w) => w.code).filter((c) => c.startsWith('IMU_'))).toEqual([]);
    // A 100 Hz unit (the means themselves) gives the same number, as recorded.
    const at100 = run({}, { imu: imuStream(Array.from({ length: 100 }, (_, k) => k * 0.01), Array.from({ length: 100 }, (_, k) => [0.1 * k, 0, 1] as [number, number, number])) });
    expect(at100.metrics.player_load).toBeCloseTo(0.099, 10);
    expect(at100.quality.imu?.reducedTo100Hz).toBe(false);
    expect(imuRateText(at100.quality.imu)).toBe('100');
    expect(at100.warnings.map((w) => w.code).filter((c) => c.startsWith('IMU_'))).toEqual([]);
  });

  it('a faster unit: a faulty sample stays out of its 10 ms mean, and 10 ms of faults only is no sample', () => {
    // Sample 21 (the 2nd of k = 10) reads 500 g: that mean is sample 20's alone, 1.0 + 0.05 = 1.05,
    // so k = 9 → 10 → 11 steps by 0.15 and −0.05 instead of 0.1 and 0.1: the sum is unchanged
    // (0.099) while the steps change by +0.05 − 0.05 = 0. Both samples of k = 50 read 300 g on y:
    // no mean there, no increment into or out of it: the steps 49 → 50 and 50 → 51 (0.2 g) are lost:
    // (9.9 − 0.2) / 100 = 0.097. Faults: 3 samples of 200, the first at 105 ms.
    const r = run({}, { imu: at200Hz((i, a) => (i === 21 ? [500, 0, 1] : i === 100 || i === 101 ? [a[0], 300, 1] : a)) });
    expect(r.metrics.player_load).toBeCloseTo(0.097, 10);
    expect(r.quality.imu?.outOfRange).toBe(3);
    expect(r.warnings.find((w) => w.code === 'IMU_OUT_OF_RANGE')?.message).toBe(
      `3 accelerometer samples (1.5 %) read beyond ±200 g on some axis, the first at ${new Date(T0 + 105).toISOString()}: a sensor or file fault, not movement, so PlayerLoad leaves them out`,
    );
  });

  it('a unit slower than 100 Hz: PlayerLoad on its own samples, with a note that it may read lower', () => {
    // 50 Hz, x = 0, 0.2, 0.4, ... for 1 s: 49 steps of 0.2 g / 100 = 0.098.
    const r = run({}, { imu: imuStream(Array.from({ length: 50 }, (_, k) => k * 0.02), Array.from({ length: 50 }, (_, k) => [0.2 * k, 0, 1] as [number, number, number])) });
    expect(r.metrics.player_load).toBeCloseTo(0.098, 10);
    expect(r.quality.imu).toMatchObject({ samples: 50, sampleRateHz: 50 });
    expect(r.warnings.find((w) => w.code === 'IMU_BELOW_100HZ')?.message).toMatch(/^the accelerometer recorded at 50 Hz, below the 100 Hz PlayerLoad is defined at/);
  });
});

describe('heart rate', () => {
  // 1 Hz: [0, 100, 120, 150, 170, 185, 195] bpm at t = 0..6 s; 0 = strap contact lost (missing, not zero).
  const hr = hrStream([0, 1, 2, 3, 4, 5, 6], [0, 100, 120, 150, 170, 185, 195]);
  const withHr = (s: EngineSettingsInput = {}) => run({ hr: { maxBpm: 200, restBpm: 60, ...(s.hr ?? {}) } }, { hr, window: window(0, 7) }).metrics;

  it('mean (time-weighted), max, min of the valid samples', () => {
    // Each sample stands for half the step before it plus half the step after it (gap limit 3 s):
    // 0.5 s at each end, 1 s inside. Valid: 100, 120, 150, 170, 185 for 1 s each, 195 for 0.5 s:
    // mean (725 + 97.5) / 5.5 = 149.545454..., max 195, min 100. (The plain mean, 920/6 = 153.3, gives
    // the last sample a whole second it does not stand for.)
    const m = withHr();
    expect(m.hr_mean_bpm).toBeCloseTo(822.5 / 5.5, 9);
    expect(m.hr_max_bpm).toBe(195);
    expect(m.hr_min_bpm).toBe(100);
  });

  it('time in zones of % HRmax and Edwards TRIMP', () => {
    // HRmax 200: zone edges 100, 120, 140, 160, 180 bpm. Each valid sample weighs the time it stands for.
    // 100 -> z1, 120 -> z2, 150 -> z3, 170 -> z4 (1 s each), 185 (1 s) and 195 (0.5 s) -> z5: 1, 1, 1, 1, 1.5 s.
    // Edwards = (1·1 + 1·2 + 1·3 + 1·4 + 1.5·5) s / 60 = 17.5/60 = 0.291667
    const m = withHr();
    expect([1, 2, 3, 4, 5].map((z) => m[`hr_zone${z}_time_s`])).toEqual([1, 1, 1, 1, 1.5]);
    expect(m.trimp_edwards).toBeCloseTo(17.5 / 60, 9);
  });

  it('Banister TRIMP: minutes × HRr × 0.64·e^(k·HRr) (GoldenCheetah TRIMPPoints), k = 1.92 men, 1.67 women', () => {
    // minutes with HR = 5.5 s (the same weights as the mean and the zones) = 0.0916667 min;
    // HRr = (149.545454 − 60)/(200 − 60) = 0.639610
    // men:   0.0916667 · 0.639610 · 0.64 · e^(1.92·0.639610) = 0.128128
    // women: 0.0916667 · 0.639610 · 0.64 · e^(1.67·0.639610) = 0.109194
    expect(withHr().trimp_banister).toBeCloseTo(0.128128, 5);
    expect(withHr({ hr: { sex: 'female' } }).trimp_banister).toBeCloseTo(0.109194, 5);
  });

  it("a player's HRmax at or below resting HR: no Banister TRIMP (it was +∞ or −0), and a warning naming both", () => {
    // Player HRmax 60 with the team's rest 60: HRr = (153.3 − 60)/(60 − 60) has no value. At 55 the
    // reserve is negative. Edwards still reads the zones against HRmax 60 (every sample ≥ 54 bpm: zone 5),
    // 5.5 s · 5 / 60 = 0.458333, and the warning says to check the player's values.
    for (const hrMaxBpm of [60, 55]) {
      const r = run({ hr: { restBpm: 60 }, players: { p: { hrMaxBpm } } }, { hr, window: window(0, 7) });
      expect(r.metrics.trimp_banister).toBeNull();
      expect(r.metrics.trimp_edwards).toBeCloseTo(5.5 * 5 / 60, 9);
      expect(r.warnings.find((w) => w.code === 'HR_MAX_NOT_ABOVE_REST')?.message).toMatch(new RegExp(`HRmax used \\(${hrMaxBpm} bpm\\).*resting heart rate used \\(60 bpm\\)`));
    }
    expect(withHr().trimp_banister).not.toBeNull();
    expect(run({ hr: { maxBpm: 200, restBpm: 60 } }, { hr, window: window(0, 7) }).warnings.map((w) => w.code)).not.toContain('HR_MAX_NOT_ABOVE_REST');
  });

  it('irregular sampling (a watch in smart recording) does not bias the mean; zones, Edwards and Banister use the same time', () => {
    // 100 bpm every 1 s for t = 0..10 s, then 160 bpm at t = 16, 22, 28, 34 s (steps of 6 s: 4 of 14
    // steps irregular, so smart recording and 6 s is no gap). Time each stands for: 0.5 at t = 0, 1 s at
    // t = 1..9, (1 + 6)/2 = 3.5 s at t = 10, 6 s at 16, 22, 28 and 3 s at 34: 13 s at 100 and 21 s at 160,
    // 34 s in all (the span). Mean (1300 + 3360)/34 = 137.0588 bpm; the plain mean of the samples
    // (11·100 + 4·160)/15 = 116 is what the bias looks like.
    const tS = [...Array.from({ length: 11 }, (_, k) => k), 16, 22, 28, 34];
    const bpm = [...Array.from({ length: 11 }, () => 100), 160, 160, 160, 160];
    const m = run({ hr: { maxBpm: 200, restBpm: 60 } }, { hr: hrStream(tS, bpm), window: window(0, 35) }).metrics;
    expect(m.hr_mean_bpm).toBeCloseTo(4660 / 34, 9);
    // Zones (edges 100, 120, 140, 160, 180): 13 s in zone 1, 21 s in zone 4; Edwards (13·1 + 21·4)/60.
    expect([1, 2, 3, 4, 5].map((z) => m[`hr_zone${z}_time_s`])).toEqual([13, 0, 0, 21, 0]);
    expect(m.trimp_edwards).toBeCloseTo(97 / 60, 9);
    // Banister over the same 34 s: HRr = (137.0588 − 60)/140 = 0.550420; 34/60 · 0.550420 · 0.64 · e^(1.92·0.550420).
    expect(m.trimp_banister).toBeCloseTo(0.574338, 5);
  });

  it('warns when the heart rate exceeds the HRmax used for zones', () => {
    const r = run({ hr: { maxBpm: 190, restBpm: 60 } }, { hr, window: window(0, 7) });
    expect(r.warnings.find((w) => w.code === 'HR_ABOVE_MAX')?.message).toMatch(/195 bpm.*190 bpm/);
  });
});

describe('when the maxima happened (the first sample reaching each)', () => {
  const at = (s: number) => ({ startMs: T0 + s * 1000, endMs: T0 + s * 1000 });

  it('max speed, max acceleration and max deceleration: the sample that holds each', () => {
    // Doppler v = [1, 1, 3, 5, 6, 8] at t = 0..5 s: max 8 m/s at t = 5 s.
    // Accelerations (backward differences; none into the stretch's first fix): [–, 0, 2, 2, 1, 2] m/s²:
    // highest 2 first reached at t = 2 s (again at 3 and 5 s). The speed never falls: no
    // deceleration, so 0 and no time (as a peak of 0 has none).
    const r = run();
    expect(r.metrics.max_speed_ms).toBe(8);
    expect(r.moments.max_speed_ms).toEqual(at(5));
    expect(r.metrics.max_accel_ms2).toBeCloseTo(2, 9);
    expect(r.moments.max_accel_ms2).toEqual(at(2));
    expect(r.metrics.max_decel_ms2).toBe(0);
    expect(r.moments.max_decel_ms2).toBeUndefined();
    // Slowing down only: Doppler [8, 6, 5, 3, 1, 1] m/s: accelerations [–, −2, −1, −2, −2, 0]: the
    // lowest −2 first at t = 1 s; the highest is 0 (t = 5 s): the speed never rises, so max
    // acceleration 0 and no time.
    const slowing = run({}, { gnss: northTrack({ tS: [0, 1, 2, 3, 4, 5], yM: [0, 6, 11, 14, 15, 16], doppler: [8, 6, 5, 3, 1, 1] }) });
    expect(slowing.metrics.max_decel_ms2).toBeCloseTo(-2, 9);
    expect(slowing.moments.max_decel_ms2).toEqual(at(1));
    expect(slowing.metrics.max_accel_ms2).toBe(0);
    expect(slowing.moments.max_accel_ms2).toBeUndefined();
  });

  it('a window where the speed only rises has no deceleration, not a positive one', () => {
    // Doppler [1, 2, 3] m/s at 1 Hz: accelerations [–, 1, 1]: the lowest is +1 m/s². That is no
    // deceleration at all: max deceleration 0 (it read +1.0), max acceleration 1 at t = 1 s.
    const r = run({}, { gnss: northTrack({ tS: [0, 1, 2], yM: [0, 2, 5], doppler: [1, 2, 3] }), window: window(0, 3) });
    expect(r.metrics.max_decel_ms2).toBe(0);
    expect(r.metrics.max_accel_ms2).toBeCloseTo(1, 9);
    expect(r.moments.max_accel_ms2).toEqual(at(1));
  });

  it('HR max: the sample that holds it; none without heart rate', () => {
    // [0, 100, 120, 150, 170, 185, 195] bpm at t = 0..6 s: 195 at t = 6 s.
    const r = run({}, { hr: hrStream([0, 1, 2, 3, 4, 5, 6], [0, 100, 120, 150, 170, 185, 195]), window: window(0, 7) });
    expect(r.moments.hr_max_bpm).toEqual(at(6));
    expect(run().moments.hr_max_bpm).toBeUndefined();
  });

  it('a period has its own: its highest sample inside it', () => {
    // Period [1 s, 4 s): samples at 1, 2, 3 s, speeds 1, 3, 5: max 5 m/s at t = 3 s.
    const r = run({}, { periods: [{ id: 'a', name: 'a', ...window(1, 4) }] });
    expect(r.periods[0].metrics.max_speed_ms).toBe(5);
    expect(r.periods[0].moments.max_speed_ms).toEqual(at(3));
  });

  it('peak HSR: the window of the fastest steps', () => {
    // Steps at ≥ 5.5 m/s: into t = 4 s (6 m at 6 m/s) and t = 5 s (8 m at 8 m/s).
    // 1 s windows (T − 1, T] hold one step: 8 m in (4 s, 5 s]. 2 s: 6 + 8 = 14 m in (3 s, 5 s].
    const r = run({ peaks: { windowsS: [1, 2, 3] } });
    expect(r.metrics.peak_hsr_w1_m).toBeCloseTo(8, 6);
    expect(r.moments.peak_hsr_w1_m).toEqual({ startMs: T0 + 4000, endMs: T0 + 5000 });
    expect(r.metrics.peak_hsr_w2_m).toBeCloseTo(14, 6);
    expect(r.moments.peak_hsr_w2_m).toEqual({ startMs: T0 + 3000, endMs: T0 + 5000 });
  });

  it('every metric the catalogue marks with `when` has a moment when it has a value (a peak or an acceleration: not 0), and no other metric has one', () => {
    const imu = imuStream([0, 0.01, 0.02, 0.03], [[0, 0, 1], [0.3, 0.4, 1], [0.3, 0.4, 1], [0, 0, 0]]);
    const r = run({ peaks: { windowsS: [1, 2, 3] } }, { imu, hr: hrStream([0, 1, 2], [100, 110, 120]) });
    const marked = metricCatalogue().filter((d) => d.when).map((d) => d.key);
    expect(marked.length).toBe(4 + 9);
    // A peak of 0, and an acceleration or deceleration of 0 (none), happen at no particular time.
    const zeroPeak = (k: string) => (k.startsWith('peak_') || k === 'max_accel_ms2' || k === 'max_decel_ms2') && r.metrics[k] === 0;
    expect(Object.keys(r.moments).sort()).toEqual(marked.filter((k) => r.metrics[k] != null && !zeroPeak(k)).sort());
  });
});

describe('an acceleration no player makes', () => {
  // 10 Hz, standing still for 20 s but for a 2.4 m jump of the positions over 0.3 s at t = 10 s
  // (0.8 m per fix: 8 m/s, under the 10 m/s spike speed, so the spike step keeps it), no Doppler.
  // Smoothed, the jump reads as a burst of speed with an acceleration beyond 10 m/s².
  const tS = Array.from({ length: 201 }, (_, i) => i / 10);
  const jump = northTrack({ tS, yM: tS.map((t) => (t < 10 ? 0 : t < 10.3 ? Math.round((t - 9.9) * 10) * 0.8 : 2.4)) });
  const runJump = (s: EngineSettingsInput = {}) => run(s, { gnss: jump, window: window(0, 21) });

  it('is a warning naming the value, the limit and the likely cause; the value itself stays as computed', () => {
    const r = runJump();
    const w = r.warnings.find((x) => x.code === 'IMPLAUSIBLE_ACCELERATION');
    expect(r.metrics.max_accel_ms2!).toBeGreaterThan(10);
    expect(w?.message).toContain(`max acceleration ${r.metrics.max_accel_ms2!.toFixed(1)} m/s²`);
    expect(w?.message).toContain('beyond the 10 m/s² spike limit');
    expect(w?.message).toContain("the unit's speed comes from its positions, not Doppler");
    // ...and where: the burst's sample, at the jump.
    expect(r.moments.max_accel_ms2.startMs).toBeGreaterThanOrEqual(T0 + 9_500);
    expect(r.moments.max_accel_ms2.startMs).toBeLessThanOrEqual(T0 + 10_500);
  });

  it('follows the spike limit of the settings, and a real effort raises none', () => {
    const a = runJump().metrics.max_accel_ms2!;
    const d = -runJump().metrics.max_decel_ms2!;
    expect(runJump({ spikes: { maxAccelMs2: Math.ceil(Math.max(a, d)) } }).warnings.map((x) => x.code)).not.toContain('IMPLAUSIBLE_ACCELERATION');
    // The Doppler track above accelerates at 2 m/s² at most.
    expect(run().warnings.map((x) => x.code)).not.toContain('IMPLAUSIBLE_ACCELERATION');
  });
});

describe('effort lists: every effort behind the counts', () => {
  it('lists each acceleration effort with its start, duration, distance and speeds, as counted', () => {
    // Accelerations (backward differences, 1 s steps) of v = [1, 1, 3, 5, 6, 8]: [–, 0, 2, 2, 1, 2] m/s².
    // ≥ 2 m/s² held ≥ 0.5 s: samples 2–3 (t = 2 s; 2 steps of 1 s; 3 + 5 = 8 m; 3 → 5 m/s) and sample 5
    // (t = 5 s; 1 s; 8 m; 8 → 8 m/s). Nothing reaches 3 m/s², nothing decelerates, and no sprint:
    // v ≥ 7 m/s for 2 samples never happens (only the last fix is at 8 m/s).
    const r = run();
    expect(r.metrics.accel_efforts_1).toBe(2);
    expect(r.efforts).toEqual({
      sprints: [],
      accels: [
        {
          thresholdMs2: 2,
          efforts: [
            { startMs: T0 + 2000, durationS: 2, distanceM: 8, startSpeedMs: 3, endSpeedMs: 5, maxSpeedMs: 5, peakAccelMs2: 2 },
            { startMs: T0 + 5000, durationS: 1, distanceM: 8, startSpeedMs: 8, endSpeedMs: 8, maxSpeedMs: 8, peakAccelMs2: 2 },
          ],
        },
        { thresholdMs2: 3, efforts: [] },
        { thresholdMs2: 4, efforts: [] },
      ],
      decels: [
        { thresholdMs2: 2, efforts: [] },
        { thresholdMs2: 3, efforts: [] },
        { thresholdMs2: 4, efforts: [] },
      ],
    });
  });

  it('gives each deceleration its peak: the most negative acceleration of its samples', () => {
    // 1 Hz, Doppler v = [8, 8, 5, 1.5, 1, 1] m/s, each 1 s step v m long: accelerations [–, 0, −3, −3.5, −0.5, 0] m/s².
    // ≤ −2 and ≤ −3 m/s² held ≥ 0.5 s: samples 2–3 (t = 2 s; 2 s; 5 + 1.5 = 6.5 m; 5 → 1.5 m/s, top 5), peak −3.5 m/s²
    // (sample 3, not the −3 at its start); ≤ −4: none. No acceleration reaches 2 m/s².
    const v = [8, 8, 5, 1.5, 1, 1];
    const y = v.map((_, i) => v.slice(1, i + 1).reduce((a, b) => a + b, 0));
    const r = run({}, { gnss: northTrack({ tS: [0, 1, 2, 3, 4, 5], yM: y, doppler: v }) });
    const e = { startMs: T0 + 2000, durationS: 2, distanceM: 6.5, startSpeedMs: 5, endSpeedMs: 1.5, maxSpeedMs: 5, peakAccelMs2: -3.5 };
    expect(r.efforts!.decels).toEqual([
      { thresholdMs2: 2, efforts: [e] },
      { thresholdMs2: 3, efforts: [e] },
      { thresholdMs2: 4, efforts: [] },
    ]);
    expect(r.efforts!.accels.map((b) => b.efforts)).toEqual([[], [], []]);
    // The most negative acceleration of the session is this peak.
    expect(r.metrics.max_decel_ms2).toBeCloseTo(-3.5, 9);
  });

  it('lists a sprint by the entry / exit rule, and nothing without GNSS', () => {
    // 10 Hz, Doppler v = 6 m/s ×10, 6.5, 7, 7.5, 8 ×12, 7.5, 7, 6.5, 6 ×10 (changes of 5 m/s², under the spike
    // limit), each 0.1 s step v·0.1 m long. Entry: 2 samples ≥ 7 m/s (7 at t = 1.1 s, 7.5 at 1.2 s) → the
    // effort starts at 1.1 s; it lasts while v ≥ 7 (exit), to the 7 at t = 2.6 s; the dip after it never
    // ends within 0.5 s. 16 samples: 1.6 s; (7 + 7.5 + 12·8 + 7.5 + 7)·0.1 = 12.5 m; 7 → 7 m/s, top 8 m/s.
    const v = [...Array(10).fill(6), 6.5, 7, 7.5, ...Array(12).fill(8), 7.5, 7, 6.5, ...Array(10).fill(6)] as number[];
    const y: number[] = [];
    v.forEach((x, i) => y.push(i === 0 ? 0 : y[i - 1] + x * 0.1));
    const s = runEngine({
      playerId: 'p',
      gnss: northTrack({ tS: v.map((_, i) => i / 10), yM: y, doppler: v }),
      imu: null,
      hr: null,
      window: window(0, 4),
      periods: [],
      // A 10 Hz cut-off is above the 5 Hz Nyquist frequency: no smoothing, so the steps stay as written.
      settings: EngineSettingsSchema.parse({ smoothing: { cutoffHz: 10 } }),
    });
    expect(s.metrics.sprint_efforts).toBe(1);
    expect(s.efforts!.sprints).toHaveLength(1);
    const e = s.efforts!.sprints[0];
    expect(e.startMs).toBe(T0 + 1100);
    expect(e.durationS).toBeCloseTo(1.6, 9);
    expect(e.distanceM).toBeCloseTo(12.5, 2);
    expect([e.startSpeedMs, e.endSpeedMs, e.maxSpeedMs]).toEqual([7, 7, 8]);
    expect(s.metrics.sprint_effort_distance_m).toBeCloseTo(e.distanceM, 2);
    expect(run({}, { gnss: null, imu: imuStream([0, 0.01], [[0, 0, 1], [0, 0, 1]]) }).efforts).toBeNull();
  });
});
