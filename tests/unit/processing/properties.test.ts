/**
 * Property tests (fast-check) on random tracks: distance is never negative, a stationary stretch
 * adds no distance, and periods that cover a session add up to it for every period-additive metric.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runEngine } from '../../../src/main/core/processing/engine.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/domain/settings.ts';
import { metricCatalogue } from '../../../src/shared/domain/metrics.ts';
import type { GnssStream, HrStream, ImuStream } from '../../../src/main/core/formats/canonical.ts';
import { emptyGnss } from '../../../src/main/core/formats/canonical.ts';
import { T0 } from './tracks.ts';

interface Fix {
  dy: number;
  dx: number;
  doppler: number | null;
  hdop: number;
  sats: number;
  skip: number;
}

/** Steps of a 10 Hz unit: displacement (m), Doppler (or none), quality, and occasional missing fixes. */
const fixArb = fc.record({
  dy: fc.double({ min: -1.2, max: 1.2, noNaN: true }),
  dx: fc.double({ min: -1.2, max: 1.2, noNaN: true }),
  doppler: fc.option(fc.double({ min: 0, max: 12, noNaN: true }), { nil: null }),
  hdop: fc.double({ min: 0.5, max: 3, noNaN: true }),
  sats: fc.integer({ min: 4, max: 14 }),
  skip: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 40 })),
});

const M_PER_DEG = 111_195;

function build(fixes: Fix[]): GnssStream {
  const n = fixes.length;
  const g = emptyGnss(n);
  let t = T0;
  let x = 0;
  let y = 0;
  fixes.forEach((f, i) => {
    t += 100 * (1 + f.skip);
    x += f.dx;
    y += f.dy;
    g.t[i] = t;
    g.lat[i] = 51.5 + y / M_PER_DEG;
    g.lon[i] = -0.1 + x / (M_PER_DEG * 0.62);
    g.speed[i] = f.doppler ?? NaN;
    g.hdop[i] = f.hdop;
    g.sats[i] = f.sats;
  });
  return g;
}

const whole = (g: GnssStream) => ({ startMs: T0, endMs: g.t[g.t.length - 1] + 1 });
const run = (g: GnssStream, extra: { imu?: ImuStream; hr?: HrStream; periods?: { id: string; name: string; startMs: number; endMs: number }[] } = {}) =>
  runEngine({ playerId: 'p', gnss: g, imu: extra.imu ?? null, hr: extra.hr ?? null, window: whole(g), periods: extra.periods ?? [], settings: DEFAULT_SETTINGS });

describe('properties', () => {
  it('distance and every band distance are never negative', () => {
    fc.assert(
      fc.property(fc.array(fixArb, { minLength: 2, maxLength: 300 }), (fixes) => {
        const m = run(build(fixes)).metrics;
        // null = no usable fix at all (every one dropped): absent, which is not a negative distance.
        for (const k of ['distance_m', 'hsr_distance_m', 'band1_distance_m', 'band5_distance_m', 'hmld_m', 'sprint_effort_distance_m']) {
          if (m[k] !== null) expect(m[k]).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('inserting a stationary stretch anywhere changes no distance', () => {
    // Good fixes (HDOP 1, 10 satellites), steps of at most 0.7 m each way per 0.1 s (< 10 m/s, so no
    // spike), no missing fix: the track is every fix, and standing still adds steps of 0 m.
    const good = fc.record({
      dy: fc.double({ min: -0.7, max: 0.7, noNaN: true }),
      dx: fc.double({ min: -0.7, max: 0.7, noNaN: true }),
      doppler: fc.constant(null),
      hdop: fc.constant(1),
      sats: fc.constant(10),
      skip: fc.constant(0),
    });
    fc.assert(
      fc.property(
        fc.array(good, { minLength: 2, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 100 }),
        (fixes, at, len) => {
          const j = at % fixes.length;
          // `len` fixes standing still where fix j is, at the same 10 Hz rate.
          const still: Fix[] = Array.from({ length: len }, () => ({ ...fixes[j], dx: 0, dy: 0 }));
          const longer = [...fixes.slice(0, j + 1), ...still, ...fixes.slice(j + 1)];
          const a = run(build(fixes)).metrics.distance_m!;
          const b = run(build(longer)).metrics.distance_m!;
          expect(b).toBeCloseTo(a, 6);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('removing a stretch of fixes from a straight jog at constant speed keeps the total within 1 % and adds no sprint or effort', () => {
    // 10 Hz, 120 s due north at a constant 2-4 m/s, good fixes, with or without Doppler speed. A
    // stretch of 0.3-40 s is then lost: either missing (a dropout) or recorded with poor quality
    // (HDOP 4, 4 satellites: the quality gate drops it, its Doppler speed stays plausible).
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 4, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 1, max: 1100 }),
        fc.integer({ min: 3, max: 400 }),
        fc.boolean(),
        (v, withDoppler, at, len, missing) => {
          const n = 1200;
          const step = (v * 0.1) / M_PER_DEG; // degrees of latitude per 0.1 s
          const g = emptyGnss(n);
          for (let i = 0; i < n; i++) {
            g.t[i] = T0 + i * 100;
            g.lat[i] = 51.5 + i * step;
            g.lon[i] = -0.1;
            g.speed[i] = withDoppler ? v : NaN;
            g.hdop[i] = 1;
            g.sats[i] = 10;
          }
          const end = Math.min(n - 1, at + len);
          let lost: GnssStream;
          if (missing) {
            const keep = Array.from({ length: n }, (_, i) => i).filter((i) => i < at || i >= end);
            const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]);
            lost = { t: pick(g.t), lat: pick(g.lat), lon: pick(g.lon), speed: pick(g.speed), hdop: pick(g.hdop), sats: pick(g.sats), alt: pick(g.alt) };
          } else {
            lost = { ...g, hdop: g.hdop.slice(), sats: g.sats.slice() };
            for (let i = at; i < end; i++) {
              lost.hdop[i] = 4;
              lost.sats[i] = 4;
            }
          }
          const window = { startMs: T0, endMs: T0 + n * 100 };
          const once = (x: GnssStream) => runEngine({ playerId: 'p', gnss: x, imu: null, hr: null, window, periods: [], settings: DEFAULT_SETTINGS }).metrics;
          const a = once(g);
          const b = once(lost);
          // The whole jog: 1199 steps of v·0.1 m.
          expect(a.distance_m!).toBeCloseTo(1199 * v * 0.1, 3);
          expect(Math.abs(b.distance_m! - a.distance_m!) / a.distance_m!).toBeLessThan(0.01);
          for (const k of ['sprint_efforts', 'accel_efforts_1', 'accel_efforts_2', 'accel_efforts_3', 'decel_efforts_1', 'decel_efforts_2', 'decel_efforts_3']) {
            expect(b[k], k).toBe(a[k]);
          }
          expect(b.hsr_distance_m).toBe(a.hsr_distance_m);
          expect(b.band5_time_s).toBe(a.band5_time_s);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('periods that cover the session sum to the whole for every period-additive metric', () => {
    const additive = metricCatalogue().filter((d) => d.periodAdditive).map((d) => d.key);
    fc.assert(
      fc.property(
        fc.array(fixArb, { minLength: 20, maxLength: 400 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (fixes, cuts, seed) => {
          const g = build(fixes);
          const w = whole(g);
          // Accelerometer at 100 Hz and heart rate at 1 Hz over the same time, pseudo-random values.
          let s = seed;
          const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
          const nImu = Math.floor((w.endMs - w.startMs) / 10);
          const imu: ImuStream = { t: new Float64Array(nImu), ax: new Float64Array(nImu), ay: new Float64Array(nImu), az: new Float64Array(nImu) };
          for (let i = 0; i < nImu; i++) {
            imu.t[i] = w.startMs + i * 10;
            imu.ax[i] = rnd() - 0.5;
            imu.ay[i] = rnd() - 0.5;
            imu.az[i] = 1 + rnd() - 0.5;
          }
          const nHr = Math.floor((w.endMs - w.startMs) / 1000) + 1;
          const hr: HrStream = { t: new Float64Array(nHr), bpm: new Float64Array(nHr) };
          for (let i = 0; i < nHr; i++) {
            hr.t[i] = w.startMs + i * 1000;
            hr.bpm[i] = rnd() < 0.1 ? 0 : 80 + 120 * rnd();
          }
          // Cut points inside the window (whole ms) -> consecutive periods covering it exactly.
          const points = [...new Set(cuts.map((c) => Math.round(w.startMs + c * (w.endMs - w.startMs))))].sort((a, b) => a - b);
          const edges = [w.startMs, ...points.filter((p) => p > w.startMs && p < w.endMs), w.endMs];
          const periods = edges.slice(1).map((e, i) => ({ id: `p${i}`, name: `p${i}`, startMs: edges[i], endMs: e }));
          const r = run(g, { imu, hr, periods });
          for (const k of additive) {
            const total = r.metrics[k];
            const sum = r.periods.reduce((acc, p) => acc + (p.metrics[k] ?? 0), 0);
            if (total == null) {
              expect(r.periods.every((p) => p.metrics[k] == null), k).toBe(true);
            } else {
              expect(Math.abs(sum - total), `${k}: periods ${sum} vs session ${total}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total)));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
