import { describe, expect, it } from 'vitest';
import { cleanGnss } from '../../../src/main/core/processing/cleaning/clean-gnss.ts';
import { CLEANING_PROCESSORS } from '../../../src/main/core/processing/cleaning/registry.ts';
import { gnssQuality } from '../../../src/main/core/processing/quality-summary.ts';
import { runEngine } from '../../../src/main/core/processing/engine.ts';
import { DEFAULT_SETTINGS, EngineSettingsSchema } from '../../../src/shared/domain/settings.ts';
import { northTrack, T0, jogWithGap } from './tracks.ts';

const clean = (g: ReturnType<typeof northTrack>, s = DEFAULT_SETTINGS) => cleanGnss(g, 0, g.t.length, s);
const step = (c: ReturnType<typeof clean>, id: string) => c.steps.find((s) => s.id === id)!;

describe('cleaning steps', () => {
  it('run in the registered order: quality gate, spikes, gaps, speed source, smoothing', () => {
    expect(CLEANING_PROCESSORS.map((p) => p.id)).toEqual(['quality-gate', 'spikes', 'gaps', 'speed-source', 'smoothing']);
  });

  it('quality gate drops HDOP > 2 and < 6 satellites, keeps unknowns, drops fixes without position', () => {
    // 1 Hz, 7 fixes walking north 1 m/s. hdop [1, 2.5, 1, NaN, 1, 1, 1], sats [10, 10, 5, 10, NaN, 10, 10];
    // fix 6 has no latitude. Dropped: #1 (HDOP 2.5 > 2), #2 (5 < 6 satellites): 2 quality; #6: no position.
    const g = northTrack({ tS: [0, 1, 2, 3, 4, 5, 6], yM: [0, 1, 2, 3, 4, 5, 6], hdop: [1, 2.5, 1, NaN, 1, 1, 1], sats: [10, 10, 5, 10, NaN, 10, 10] });
    g.lat[6] = NaN;
    const c = clean(g);
    expect(step(c, 'quality-gate').changes).toMatchObject({ droppedQuality: 2, droppedNoPosition: 1, hdopUnknown: 1, satellitesUnknown: 1 });
    expect(Array.from(c.fixes.drop)).toEqual([0, 1, 1, 0, 0, 0, 2]);
    expect(step(c, 'quality-gate').rule).toContain('HDOP > 2');
  });

  it('spikes: a position jump implying > 10 m/s is dropped; the next fix is compared with the last kept one', () => {
    // 1 Hz at y = [0, 3, 6, 60, 9, 12]: 6 -> 60 m in 1 s = 54 m/s > 10: fix #3 dropped.
    // Fix #4 (9 m) against #2 (6 m): 3 m in 2 s = 1.5 m/s: kept. Distance = 12 m (0-3-6-9-12; the 6->9 step spans 2 s,
    // which is a filled gap: 1 sample interpolated at 7.5 m).
    const c = clean(northTrack({ tS: [0, 1, 2, 3, 4, 5], yM: [0, 3, 6, 60, 9, 12] }));
    expect(step(c, 'spikes').changes).toMatchObject({ spikesPosition: 1, spikesRemoved: 1 });
    expect(c.track.n).toBe(6);
    expect(c.track.interpolated[3]).toBe(1);
  });

  it('spikes: a position jump that persists (no Doppler) restarts the track there: no speed, acceleration or effort across it, its straight line estimated', () => {
    // 10 Hz without Doppler, standing at y = 0 for 3 s (fixes 0..30), then the positions jump 2 m and stay there
    // (fixes 31..60 at y = 2): #31 vs #30 is 2 m in 0.1 s = 20 m/s > 10: dropped. #32 vs #30: 2 m in 0.2 s = 10 m/s,
    // not over the limit: kept, the old rule's burst. From #29 (the fix before the last kept one) the velocity of
    // the 0.3 s before (#26 -> #29) is 0, so #32 should be at y = 0 after 0.3 s; it is 2 m away, more than
    // ½ × 10 m/s² × 0.3² + 0.4 = 0.85 m: the jump persisted, the track restarts at #32.
    const tS = Array.from({ length: 61 }, (_, i) => i / 10);
    const yM = tS.map((_, i) => (i <= 30 ? 0 : 2));
    const g = northTrack({ tS, yM });
    const c = clean(g);
    expect(step(c, 'spikes').changes).toMatchObject({ spikesPosition: 1, spikesRemoved: 1, positionJumpsPersisted: 1 });
    expect(step(c, 'spikes').summary).toContain('1 position jump(s) persisted');
    expect(Array.from(c.fixes.restart).flatMap((x, i) => (x ? [i] : []))).toEqual([32]);
    // The track: fixes 0..30, then 32..60 (not interpolated across the jump): 60 samples, one break, at #32's time.
    const tr = c.track;
    expect(tr.n).toBe(60);
    const breaks = Array.from(tr.breakBefore).flatMap((x, i) => (x && i > 0 ? [i] : []));
    expect(breaks).toEqual([31]);
    expect(tr.t[31]).toBe(T0 + 3200);
    expect(tr.jumpBefore[31]).toBe(1);
    // No gap: not counted or listed; its straight line (2 m over the 0.2 s from #30 to #32) is estimated distance,
    // as across a gap (the raw positions freeze before such jumps: the receiver catching up). Every speed 0.
    expect(step(c, 'gaps').changes).toMatchObject({ gapsLeft: 0, gapsEstimated: 0, jumpsBridged: 1 });
    expect(step(c, 'gaps').changes.jumpsBridgedM).toBeCloseTo(2, 9);
    expect(gnssQuality(c).gapList).toEqual([]);
    expect(tr.estM[31]).toBeCloseTo(2, 9);
    expect(tr.estMs[31]).toBe(200);
    expect(Array.from(tr.estM).filter((x) => x !== 0)).toHaveLength(1);
    expect(Math.max(...Array.from(tr.speed).map(Math.abs))).toBe(0);

    // The same fixes with a Doppler speed (0 throughout): speed comes from Doppler, which a position jump does not
    // move, so no restart; with the positional speed source chosen, speed comes from positions again: restart.
    const dop = northTrack({ tS, yM, doppler: tS.map(() => 0) });
    expect(step(clean(dop), 'spikes').changes).toMatchObject({ spikesPosition: 1, positionJumpsPersisted: 0 });
    const positional = EngineSettingsSchema.parse({ speedSource: 'positional' });
    expect(step(clean(dop, positional), 'spikes').changes).toMatchObject({ spikesPosition: 1, positionJumpsPersisted: 1 });
  });

  it('spikes: a stale or backward fix behind a runner is not taken for a jump (the velocity before is read from the fix before it)', () => {
    // 10 Hz without Doppler at a steady v, fix #60 repeating #59's position (stale). #61 is 2v × 0.1 s from #60: over 10 m/s
    // from 5.5 m/s on, dropped as a jump; #62 kept. Measured from #60, #62 looks like a leap; from #59 (the fix before the
    // last kept one) it is exactly where v takes the runner: no restart, and no deceleration at the stale fix (with a
    // restart, the stretch ended on it at speed 0: a −20 to −24 m/s² deceleration effort at 5.5-6.6 m/s).
    const tS = Array.from({ length: 121 }, (_, i) => i / 10);
    for (const v of [5.5, 6, 6.6]) {
      const y = tS.map((x, i) => v * (i === 60 ? 5.9 : x));
      const stale = clean(northTrack({ tS, yM: y }));
      expect(step(stale, 'spikes').changes, `${v} m/s`).toMatchObject({ spikesPosition: 1, positionJumpsPersisted: 0 });
      const r = runEngine({ playerId: 'p', gnss: northTrack({ tS, yM: y }), imu: null, hr: null, window: { startMs: T0, endMs: T0 + 12_100 }, periods: [], settings: DEFAULT_SETTINGS });
      expect(r.metrics.max_decel_ms2!, `${v} m/s`).toBeGreaterThan(-3);
    }
    // A fix 0.6 m behind a runner at 6 m/s (#59 kept: backwards is under 10 m/s), #60 dropped, #61 where 6 m/s takes him from #58.
    const back = tS.map((x, i) => 6 * x - (i === 59 ? 0.6 : 0));
    expect(step(clean(northTrack({ tS, yM: back })), 'spikes').changes).toMatchObject({ positionJumpsPersisted: 0 });
  });

  it('spikes: a one-fix glitch that comes back, and a glitch ahead of a runner, do not restart the track', () => {
    // Standing at y = 0, 10 Hz, fix #20 at y = 3 (30 m/s: dropped), #21 back at 0: reaching #21 from #19 needs 0 m/s: no restart.
    const tS = Array.from({ length: 41 }, (_, i) => i / 10);
    const back = clean(northTrack({ tS, yM: tS.map((_, i) => (i === 20 ? 3 : 0)) }));
    expect(step(back, 'spikes').changes).toMatchObject({ spikesPosition: 1, positionJumpsPersisted: 0 });
    expect(back.track.n).toBe(41); // the hole filled by one interpolated sample
    // Running at 8 m/s (0.8 m a fix), fix #20 1.5 m further ahead (23 m/s: dropped): #21 from #19 is 1.6 m in 0.2 s = 8 m/s,
    // the speed before (#16 -> #19) is 8 m/s: no acceleration at all, no restart, one stretch.
    const run = clean(northTrack({ tS, yM: tS.map((_, i) => 0.8 * i + (i === 20 ? 1.5 : 0)) }));
    expect(step(run, 'spikes').changes).toMatchObject({ spikesPosition: 1, positionJumpsPersisted: 0 });
    expect(Array.from(run.track.breakBefore).filter((x, i) => x && i > 0)).toEqual([]);
    // Accelerating hard from 2 m/s at 6 m/s² from 1.5 s to 2.5 s (to 8 m/s), a glitch ahead at 2.0 s: the speed before
    // trails by ~0.15 s of acceleration, reaching the fix after asks ~6 × 0.25 = 1.5 m/s more, under 10 × 0.2 + 2 = 4.
    const y = tS.map((x) => (x <= 1.5 ? 2 * x : x <= 2.5 ? 3 + 2 * (x - 1.5) + 3 * (x - 1.5) ** 2 : 8 + 8 * (x - 2.5)));
    y[20] += 1.5;
    expect(step(clean(northTrack({ tS, yM: y })), 'spikes').changes).toMatchObject({ spikesPosition: 1, positionJumpsPersisted: 0 });
  });

  it('spikes: Doppler speed over 10 m/s, and a Doppler change beyond ±10 m/s² between fixes', () => {
    // 10 Hz, moving 2 m/s (0.2 m per fix). Doppler [2, 2, 12, 2, 3.5, 2]:
    // #2: 12 > 10 -> spike (speed). #3 vs #1: Δv 0 -> kept. #4 vs #3: |3.5 − 2|/0.1 s = 15 m/s² > 10 -> spike (accel).
    // #5 vs #3: Δv 0 over 0.2 s -> kept.
    const c = clean(northTrack({ tS: [0, 0.1, 0.2, 0.3, 0.4, 0.5], yM: [0, 0.2, 0.4, 0.6, 0.8, 1.0], doppler: [2, 2, 12, 2, 3.5, 2] }));
    expect(step(c, 'spikes').changes).toMatchObject({ spikesSpeed: 1, spikesAcceleration: 1, spikesPosition: 0 });
  });

  it('spikes: a negative Doppler speed is a corrupt field, dropped like one over the limit; -0 is a speed of 0', () => {
    // 10 Hz, standing (every fix at y = 0). Doppler [0, -2, 0, -Infinity, 0, -0]: #1 and #3 are
    // negative -> spikes (speed); #2, #4 and #5 (-0) against the last kept fix: Δv 0 -> kept.
    const c = clean(northTrack({ tS: [0, 0.1, 0.2, 0.3, 0.4, 0.5], yM: [0, 0, 0, 0, 0, 0], doppler: [0, -2, 0, -Infinity, 0, -0] }));
    expect(step(c, 'spikes').changes).toMatchObject({ spikesSpeed: 2, spikesAcceleration: 0, spikesPosition: 0, spikesRemoved: 2 });
    expect(Array.from(c.fixes.drop).map((d) => d !== 0)).toEqual([false, true, false, true, false, false]);
    // Both are filled back by the gap step from their neighbours: every speed stays finite.
    expect(Array.from(c.track.speed).every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });

  it('gaps: fills missing samples up to the limit, leaves longer gaps, and reports both', () => {
    // 1 Hz fixes at t = [0,1,2,4,5,10,11] s, y = t metres. Median interval 1 s, gap limit max(2 s, 3·1 s) = 3 s.
    // 2 -> 4 s: 2 s > 1.5 s and ≤ 3 s: 1 sample interpolated at t = 3 (y = 3); interpolated time 2 − 2/2 = 1 s.
    // 5 -> 10 s: 5 s > 3 s: a gap (5 s), the track breaks before t = 10.
    const c = clean(northTrack({ tS: [0, 1, 2, 4, 5, 10, 11], yM: [0, 1, 2, 4, 5, 10, 11] }));
    const tr = c.track;
    expect(Array.from(tr.t, (x) => (x - tr.t[0]) / 1000)).toEqual([0, 1, 2, 3, 4, 5, 10, 11]);
    expect(Array.from(tr.breakBefore)).toEqual([1, 0, 0, 0, 0, 0, 1, 0]);
    expect(step(c, 'gaps').changes).toMatchObject({ samplesInterpolated: 1, interpolatedS: 1, gapsLeft: 1, gapS: 5, stretches: 2 });
    // Across the gap the distance is estimated: no Doppler, so the straight line 5 -> 10 m = 5 m over 5 s,
    // at the first fix after it.
    expect(step(c, 'gaps').changes).toMatchObject({ gapsEstimated: 1, estimatedS: 5, gapsEstimatedByDoppler: 0, gapsNotEstimated: 0, smartRecording: 0 });
    expect(step(c, 'gaps').changes.estimatedM).toBeCloseTo(5, 6);
    expect(tr.estM[6]).toBeCloseTo(5, 6);
    expect(tr.estMs[6]).toBe(5000);
    expect(Array.from(tr.estM).filter((x) => x !== 0)).toHaveLength(1);
    // Quality: 7 fixes spanning 11 s, each standing for 1 s: 12 s. Interpolated 1 s of 12 = 8.33 %.
    const q = gnssQuality(c);
    expect(q).toMatchObject({ fixes: 7, sampleRateHz: 1, spanS: 11, droppedFixes: 0, gaps: 1, gapS: 5, interpolatedS: 1 });
    // The gap, listed: from the last fix before it (t = 5 s) for 5 s.
    expect(q.gapList).toEqual([{ startMs: tr.t[0] + 5000, durationS: 5 }]);
    // Runs of 10 fixes 1 s apart every 14 s (median interval 1 s, one step in 10 irregular: a 1 s
    // unit with dropouts, gap limit 3 s), 252 runs: 251 gaps of 5 s, the k-th from t = 14k + 9 s.
    // The first 200 are listed, all 251 counted.
    const tS = Array.from({ length: 252 }, (_, k) => Array.from({ length: 10 }, (_, j) => 14 * k + j)).flat();
    const many = gnssQuality(clean(northTrack({ tS, yM: tS })));
    expect(many.gaps).toBe(251);
    expect(many.gapList).toHaveLength(200);
    expect(many.gapList![199]).toEqual({ startMs: T0 + (14 * 199 + 9) * 1000, durationS: 5 });
    expect(q.interpolatedPct).toBeCloseTo((100 * 1) / 12, 10);
  });

  it('quality: % time dropped is the time the dropped fixes stood for, never past 100 % with uneven sampling', () => {
    // 1 Hz: fixes at t = 0, 1, 2, 3, 4 s, HDOP [1, 3, 1, 3, 1]: #1 and #3 dropped. Each stood for
    // 1 s: 2 s of the span + one interval (4 + 1 s) = 40 %, as dropped fixes × interval.
    const even = gnssQuality(clean(northTrack({ tS: [0, 1, 2, 3, 4], yM: [0, 1, 2, 3, 4], hdop: [1, 3, 1, 3, 1] })));
    expect(even.droppedFixes).toBe(2);
    expect(even.droppedPct).toBeCloseTo(40, 10);
    // The same 1 Hz unit repeating epochs 1 ms apart: t = 0, 1, 1.001, 2, 2.001, 3, 3.001, 4 s, every
    // repeat bad (HDOP 3). Intervals 1, 0.001, 0.999, 0.001, 0.999, 0.001, 0.999 s: median 0.999 s.
    // Dropped: 3 fixes standing for 1 ms each: 0.003 s of 4 + 0.999 s = 0.0600 %. Counted as
    // fixes × interval it read 2.997 s = 60 %; with more repeats than fixes it passed 100 %.
    const tS = [0, 1, 1.001, 2, 2.001, 3, 3.001, 4];
    const rep = gnssQuality(clean(northTrack({ tS, yM: tS, hdop: [1, 1, 3, 1, 3, 1, 3, 1] })));
    expect(rep.droppedFixes).toBe(3);
    expect(rep.droppedPct).toBeCloseTo((100 * 0.003) / 4.999, 9);
  });

  it('speed source: Doppler where present, else central differences of positions', () => {
    // 1 Hz, y = [0, 1, 3, 6], Doppler only at #1 (4 m/s). Read before smoothing (the steps up to speed source).
    // #0: (1 − 0)/1 = 1; #1: Doppler 4; #2: (2 + 3)/(3 − 1) = 2.5; #3: (6 − 3)/1 = 3.
    const upToSource = CLEANING_PROCESSORS.slice(0, 4);
    const g = () => northTrack({ tS: [0, 1, 2, 3], yM: [0, 1, 3, 6], doppler: [NaN, 4, NaN, NaN] });
    const c = cleanGnss(g(), 0, 4, DEFAULT_SETTINGS, upToSource);
    expect(Array.from(c.track.speed)).toEqual([1, 4, 2.5, 3].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(c.track.fromPositions)).toEqual([1, 0, 1, 1]);
    expect(step(c, 'speed-source').changes).toMatchObject({ dopplerSamples: 1, positionalSamples: 3 });
    // With speedSource 'positional' the Doppler value is ignored: #1 = (1 + 2)/2 = 1.5.
    const p = cleanGnss(g(), 0, 4, EngineSettingsSchema.parse({ speedSource: 'positional' }), upToSource);
    expect(p.track.speed[1]).toBeCloseTo(1.5, 6);
    expect(Array.from(p.track.fromPositions)).toEqual([1, 1, 1, 1]);
  });

  it('speed source: no speed from positions across a gap', () => {
    // 1 Hz jog north at 3 m/s for 20 s (y = 0..57 m at t = 0..19), then nothing for 12 s (gap limit
    // max(2 s, 3 × 1 s) = 3 s), then 20 s more at 3 m/s from y = 57 + 100 m: the straight line across
    // the gap is 100 m in 12 s = 8.3 m/s (HSR, nearly a sprint). Speed from positions stays inside
    // each stretch: the samples either side of the gap read 3 m/s (one-sided steps of 3 m in 1 s).
    const c = cleanGnss(northTrack(jogWithGap()), 0, 40, DEFAULT_SETTINGS, CLEANING_PROCESSORS.slice(0, 4));
    expect(c.track.breakBefore[20]).toBe(1);
    expect(c.track.speed[19]).toBeCloseTo(3, 6);
    expect(c.track.speed[20]).toBeCloseTo(3, 6);
    for (let i = 0; i < 40; i++) expect(c.track.speed[i]).toBeCloseTo(3, 6);
    // The gap's 100 m is estimated distance, over its 12 s, kept apart from any speed.
    expect(c.track.estM[20]).toBeCloseTo(100, 6);
    expect(c.track.estMs[20]).toBe(12_000);
  });

  it('smoothing: Doppler speed of a unit too slow for the cut-off left as recorded; keeps a constant speed; keeps short Doppler stretches as measured', () => {
    // 1 Hz Doppler: Nyquist 0.5 Hz < 1 Hz cut-off, so the receiver's own speed is kept as recorded (and says why).
    const slow = clean(northTrack({ tS: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], yM: [0, 1, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39], doppler: [1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3] }));
    expect(step(slow, 'smoothing').summary).toMatch(/Doppler speed as recorded in 1 stretch\(es\): the unit samples at 1 Hz, too slowly for a 1 Hz cut-off \(Nyquist 0.5 Hz\)/);
    expect(Array.from(slow.track.speed.subarray(0, 3))).toEqual([1, 2, 3]);
    // 10 Hz: 30 fixes at a steady 3 m/s, a 3 s gap, then 10 fixes with Doppler alternating 2/2.5 m/s (5 m/s², under the spike limit).
    // Stretch 1 (30 > 12 samples) is filtered: a constant passes a unit-DC-gain filter unchanged (3.0).
    // Stretch 2 (10 ≤ 12 samples, order 3 pads 3·4 = 12) is too short: its values stay 2, 2.5, 2, 2.5...
    const tS: number[] = [];
    const y: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < 30; i++) {
      tS.push(i / 10);
      y.push(0.3 * i);
      v.push(3);
    }
    for (let i = 0; i < 10; i++) {
      tS.push(5.9 + i / 10);
      y.push(20 + 0.3 * i);
      v.push(i % 2 ? 2.5 : 2);
    }
    const c = clean(northTrack({ tS, yM: y, doppler: v }));
    expect(step(c, 'smoothing').changes).toMatchObject({ stretchesFiltered: 1, stretchesTooShort: 1, samplesUnfiltered: 10 });
    for (let i = 0; i < 30; i++) expect(c.track.speed[i]).toBeCloseTo(3, 10);
    expect(Array.from(c.track.speed.subarray(30))).toEqual([2, 2.5, 2, 2.5, 2, 2.5, 2, 2.5, 2, 2.5]);
  });

  it('smoothing: speed from positions is filtered at a cut-off suited to the rate (0.2 × Nyquist at most: 0.1 Hz at 1 Hz, 1 Hz at 10 Hz)', () => {
    // 1 Hz, 120 fixes, a 3 m/s jog north with position noise repeating every 4 s: +0, +1, 0, −1 m.
    // Central differences read 3 + (n[i+1] − n[i−1]) / 2 = 2, 3, 4, 3, ... m/s: a 0.25 Hz wobble of ±1 m/s.
    // At a 0.1 Hz cut-off (order 3, bilinear): |H(0.25 Hz)|² = 1 / (1 + (tan(π·0.25) / tan(π·0.1))⁶)
    // = 1 / (1 + 3.0777⁶) = 0.00117 forward-backward, so the wobble shrinks to ±0.0012 m/s away from the ends.
    const noise = [0, 1, 0, -1];
    const tS = Array.from({ length: 120 }, (_, i) => i);
    const c = clean(northTrack({ tS, yM: tS.map((i) => 3 * i + noise[i % 4]) }));
    const raw = cleanGnss(northTrack({ tS, yM: tS.map((i) => 3 * i + noise[i % 4]) }), 0, 120, DEFAULT_SETTINGS, CLEANING_PROCESSORS.slice(0, 4));
    expect(Math.max(...raw.track.speed)).toBeCloseTo(4, 6);
    expect(step(c, 'smoothing').changes).toMatchObject({ stretchesFiltered: 1, positionalStretches: 1, positionalCutoffHz: expect.closeTo(0.1, 12) });
    for (let i = 30; i < 90; i++) expect(Math.abs(c.track.speed[i] - 3)).toBeLessThan(0.003);
    expect(step(c, 'smoothing').rule).toContain('0.1 Hz for this unit');
    // A 10 Hz unit without Doppler keeps the team's 1 Hz (0.2 × its 5 Hz Nyquist is 1 Hz too).
    const fast = clean(northTrack({ tS: Array.from({ length: 100 }, (_, i) => i / 10), yM: Array.from({ length: 100 }, (_, i) => 0.3 * i) }));
    expect(step(fast, 'smoothing').changes).toMatchObject({ positionalStretches: 1, positionalCutoffHz: 1 });
    for (let i = 0; i < 100; i++) expect(fast.track.speed[i]).toBeCloseTo(3, 6);
  });

  it('smoothing: a stretch of speed from positions too short to filter takes its mean speed, never a jump', () => {
    // 1 Hz: 30 fixes at 3 m/s, a 12 s gap, then 5 fixes of a receiver re-acquiring: y jumps 0, +6, +7, +11, +12 m
    // (raw one-sided/central speeds 6, 3.5, 2.5, 2.5, 1 m/s). 5 ≤ 12 samples (3 × (order 3 + 1)): too short for
    // the filter; their path is 12 m over 4 s, so each reads 3 m/s.
    const tS: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 30; i++) {
      tS.push(i);
      y.push(3 * i);
    }
    for (const [dt, dy] of [[0, 0], [1, 6], [2, 7], [3, 11], [4, 12]]) {
      tS.push(41 + dt);
      y.push(150 + dy);
    }
    const c = clean(northTrack({ tS, yM: y }));
    expect(step(c, 'smoothing').changes).toMatchObject({ stretchesFiltered: 1, positionalStretches: 2, positionalMeanSpeedStretches: 1 });
    expect(Array.from(c.track.speed.subarray(30))).toEqual([3, 3, 3, 3, 3].map((v) => expect.closeTo(v, 6)));
    expect(step(c, 'smoothing').summary).toContain('1 stretch(es) of speed from positions too short to filter (12 samples or fewer) take their mean speed');
  });
});
