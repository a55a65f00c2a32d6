/**
 * fast-check generators of what a reader can hand the engine (values anywhere the canonical layout
 * allows, times that strictly increase), of valid team settings and of time spans around the
 * data. Shared by the engine's and the report's fuzz tests.
 */
import fc from 'fast-check';
import { EngineSettingsSchema, type EngineSettings, type EngineSettingsInput } from '../../../src/shared/domain/settings.ts';
import type { GnssStream, HrStream, ImuStream } from '../../../src/main/core/formats/canonical.ts';
import { T0 } from './tracks.ts';

/** Cases per property: P1_FUZZ_RUNS for a deeper run. */
export const FUZZ_RUNS = Number(process.env.P1_FUZZ_RUNS ?? 300);
/** Replays a reported failure: P1_FUZZ_SEED and P1_FUZZ_PATH from fast-check's message. */
export const FUZZ_REPLAY = process.env.P1_FUZZ_SEED ? { seed: Number(process.env.P1_FUZZ_SEED), path: process.env.P1_FUZZ_PATH } : {};

/** A value as a reader may pass it on: mostly plausible, sometimes missing, negative or absurd. */
const value = (lo: number, hi: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: lo, max: hi, noNaN: true }) },
    { weight: 1, arbitrary: fc.constant(Number.NaN) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0) }, // "-0.00" is a number a unit can write
    { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    // A corrupt sample: "1e300" or "1e999" in a text file, a flipped exponent bit in a binary one.
    { weight: 1, arbitrary: fc.constantFrom(1e300, -1e300, Number.MAX_VALUE, Infinity, -Infinity) },
  );

/** Strictly increasing times from T0: a typical step, a sub-sample step, or a gap (up to 70 s). */
const times = (n: number, stepMs: number) =>
  fc
    .array(
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(stepMs) },
        { weight: 1, arbitrary: fc.double({ min: 0.001, max: stepMs, noNaN: true }) },
        { weight: 1, arbitrary: fc.integer({ min: stepMs, max: 70_000 }) },
      ),
      { minLength: n, maxLength: n },
    )
    .map((steps) => {
      const t = new Float64Array(n);
      let at = T0;
      for (let i = 0; i < n; i++) {
        at += steps[i];
        t[i] = at;
      }
      return t;
    });

const column = (n: number, v: fc.Arbitrary<number>) => fc.array(v, { minLength: n, maxLength: n }).map((xs) => Float64Array.from(xs));

export const gnssArb: fc.Arbitrary<GnssStream | null> = fc.option(
  fc.tuple(fc.integer({ min: 0, max: 250 }), fc.constantFrom(100, 1000, 20)).chain(([n, step]) =>
    fc
      .record({
        t: times(n, step),
        // A walk near 51.5 N (steps of up to ~2 m), with jumps and missing positions.
        dLat: column(n, fc.oneof({ weight: 20, arbitrary: fc.double({ min: -2e-5, max: 2e-5, noNaN: true }) }, { weight: 1, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) })),
        dLon: column(n, fc.oneof({ weight: 20, arbitrary: fc.double({ min: -3e-5, max: 3e-5, noNaN: true }) }, { weight: 1, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) })),
        speed: column(n, value(0, 12)),
        hdop: column(n, value(0.4, 5)),
        sats: column(n, value(3, 20)),
        alt: column(n, value(-10, 3000)),
        withDistance: fc.boolean(),
      })
      .map(({ t, dLat, dLon, speed, hdop, sats, alt, withDistance }): GnssStream => {
        const lat = new Float64Array(t.length);
        const lon = new Float64Array(t.length);
        let la = 51.5;
        let lo = -0.1;
        for (let i = 0; i < t.length; i++) {
          if (dLat[i] === dLat[i]) la = Math.max(-90, Math.min(90, la + dLat[i]));
          if (dLon[i] === dLon[i]) lo = Math.max(-180, Math.min(180, lo + dLon[i]));
          lat[i] = dLat[i] === dLat[i] ? la : Number.NaN;
          lon[i] = dLon[i] === dLon[i] ? lo : Number.NaN;
        }
        const g: GnssStream = { t, lat, lon, speed, hdop, sats, alt };
        if (withDistance) g.distance = Float64Array.from(t, (_, i) => i * 0.5);
        return g;
      }),
  ),
  { freq: 6 },
);

/** Mostly 100 Hz units; also 1000 and 200 Hz (PlayerLoad on their 100 Hz means) and 50 Hz. */
export const imuArb: fc.Arbitrary<ImuStream | null> = fc.option(
  fc
    .tuple(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(10, 10, 10, 1, 5, 20))
    .chain(([n, step]) => fc.record({ t: times(n, step), ax: column(n, value(-16, 16)), ay: column(n, value(-16, 16)), az: column(n, value(-16, 16)) })),
  { freq: 4 },
);

export const hrArb: fc.Arbitrary<HrStream | null> = fc.option(
  fc.integer({ min: 0, max: 200 }).chain((n) => fc.record({ t: times(n, 1000), bpm: column(n, value(40, 220)) })),
  { freq: 4 },
);

/** Any valid team settings: a random choice for every group the engine reads. */
export const settingsArb: fc.Arbitrary<EngineSettings> = fc
  .record({
    quality: fc.record({ maxHdop: fc.double({ min: 0.1, max: 50, noNaN: true }), minSatellites: fc.integer({ min: 0, max: 64 }) }),
    spikes: fc.record({ maxSpeedMs: fc.double({ min: 0.5, max: 50, noNaN: true }), maxAccelMs2: fc.double({ min: 0.5, max: 100, noNaN: true }) }),
    gaps: fc.record({ maxGapS: fc.double({ min: 0.05, max: 60, noNaN: true }), maxGapSamples: fc.integer({ min: 1, max: 20 }) }),
    // A cut-off up to 10 Hz: above the Nyquist frequency of a 1 Hz or 10 Hz unit.
    smoothing: fc.record({ cutoffHz: fc.double({ min: 0.01, max: 10, noNaN: true }), order: fc.integer({ min: 1, max: 8 }), positions: fc.boolean() }),
    speedSource: fc.constantFrom('doppler-preferred' as const, 'positional' as const),
    bands: fc.constantFrom('absolute' as const, 'relative' as const),
    sprintEntrySamples: fc.integer({ min: 1, max: 50 }),
    accelMinS: fc.double({ min: 0, max: 10, noNaN: true }),
    peaks: fc.uniqueArray(fc.integer({ min: 1, max: 3600 }), { minLength: 3, maxLength: 3 }).map((w) => [...w].sort((a, b) => a - b)),
    own: fc.option(fc.record({ maxSpeedMs: fc.double({ min: 0.1, max: 20, noNaN: true }), hrMaxBpm: fc.integer({ min: 150, max: 230 }), hrRestBpm: fc.integer({ min: 30, max: 90 }) }), { nil: undefined }),
    sex: fc.constantFrom('male' as const, 'female' as const),
    maxAbsG: fc.double({ min: 0.1, max: 1000, noNaN: true }),
  })
  .map((r) => {
    const input: EngineSettingsInput = {
      quality: r.quality,
      spikes: r.spikes,
      gaps: r.gaps,
      smoothing: r.smoothing,
      speedSource: r.speedSource,
      velocityBands: { mode: r.bands },
      sprint: { entrySamples: r.sprintEntrySamples },
      accel: { minDurationS: r.accelMinS },
      peaks: { windowsS: r.peaks as [number, number, number] },
      hr: { sex: r.sex },
      imu: { maxAbsG: r.maxAbsG },
      players: r.own ? { p: r.own } : {},
    };
    return EngineSettingsSchema.parse(input);
  });

/** A window (and periods) anywhere around the data: before it, across it, inside it or after it. */
export const spanArb = fc.record({ startS: fc.double({ min: -120, max: 600, noNaN: true }), lengthS: fc.double({ min: 0.001, max: 900, noNaN: true }) });

/** A span as a window: whole milliseconds from T0, at least 1 ms long. */
export function spanAt(x: { startS: number; lengthS: number }): { startMs: number; endMs: number } {
  const startMs = T0 + Math.round(x.startS * 1000);
  return { startMs, endMs: startMs + Math.max(1, Math.round(x.lengthS * 1000)) };
}
