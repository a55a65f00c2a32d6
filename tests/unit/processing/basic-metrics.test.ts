import { describe, expect, it } from 'vitest';
import { gnssMetrics, playerLoad, DEFAULT_BASIC_SETTINGS } from '../../../src/main/core/processing/basic-metrics.ts';
import { haversineM } from '../../../src/main/core/processing/geo.ts';
import type { GnssStream, ImuStream } from '../../../src/main/core/formats/canonical.ts';

const f64 = (a: number[]) => Float64Array.from(a);
function track(t: number[], lat: number[], speed: number[]): GnssStream {
  const n = t.length;
  return {
    t: f64(t),
    lat: f64(lat),
    lon: f64(new Array(n).fill(0)),
    speed: f64(speed),
    hdop: f64(new Array(n).fill(1)),
    sats: f64(new Array(n).fill(10)),
    alt: f64(new Array(n).fill(NaN)),
  };
}

// Along a meridian, haversine reduces to R·Δφ. With R = 6 371 008.8 m and Δφ = 1e-5° = 1.745329252e-7 rad,
// one step is 6 371 008.8 × 1.745329252e-7 = 1.111950802 m.
const STEP = 1.111950802;

describe('haversine', () => {
  it('is R·Δφ along a meridian', () => {
    expect(haversineM(0, 0, 1e-5, 0)).toBeCloseTo(STEP, 8);
  });
  it('is R·Δλ·cos(φ) for a short east-west step (within 1e-9 relative)', () => {
    // 60°N: cos = 0.5, so 1e-5° of longitude is STEP/2 = 0.555975401 m
    expect(haversineM(60, 0, 60, 1e-5)).toBeCloseTo(0.555975401, 8);
  });
});

describe('basic GNSS metrics on hand-worked tracks', () => {
  const win = { startMs: 0, endMs: 1e9 };

  it('duration, distance, max speed and HSR', () => {
    // 4 fixes 1 s apart, each 1e-5° north of the last. Speeds at the step ends: 3, 6, 6 m/s.
    // distance = 3 steps = 3.335852406 m; HSR (speed >= 5.5 at the step's end) = 2 steps = 2.223901604 m.
    const g = track([0, 1000, 2000, 3000], [0, 1e-5, 2e-5, 3e-5], [0, 3, 6, 6]);
    const m = gnssMetrics(g, win, DEFAULT_BASIC_SETTINGS);
    expect(m.duration_s).toBe(3);
    expect(m.distance_m).toBeCloseTo(3 * STEP, 6);
    expect(m.hsr_distance_m).toBeCloseTo(2 * STEP, 6);
    expect(m.max_speed_ms).toBe(6);
  });

  it('invents no distance across a gap longer than 2 s', () => {
    // Steps: 1 s (counted), 3 s (a gap: skipped), 1 s (counted) -> 2 steps.
    const g = track([0, 1000, 4000, 5000], [0, 1e-5, 2e-5, 3e-5], [1, 1, 1, 1]);
    expect(gnssMetrics(g, win, DEFAULT_BASIC_SETTINGS).distance_m).toBeCloseTo(2 * STEP, 6);
  });

  it('counts only fixes inside the session window', () => {
    // Window [1000, 2000] keeps fixes 1 and 2: one step, 1 s.
    const g = track([0, 1000, 2000, 3000], [0, 1e-5, 2e-5, 3e-5], [9, 1, 2, 9]);
    const m = gnssMetrics(g, { startMs: 1000, endMs: 2000 }, DEFAULT_BASIC_SETTINGS);
    expect(m.duration_s).toBe(1);
    expect(m.distance_m).toBeCloseTo(STEP, 6);
    expect(m.max_speed_ms).toBe(2);
  });

  it('gives zeros and no max speed when no fix is in the window', () => {
    const g = track([0, 1000], [0, 1e-5], [1, 1]);
    expect(gnssMetrics(g, { startMs: 5000, endMs: 6000 }, DEFAULT_BASIC_SETTINGS)).toEqual({
      duration_s: 0,
      distance_m: 0,
      max_speed_ms: null,
      hsr_distance_m: 0,
    });
  });
});

describe('PlayerLoad (formula)', () => {
  it('sums the vector magnitude of sample-to-sample changes, / 100', () => {
    // (0,0,1) -> (0,0,2): |Δ| = 1; (0,0,2) -> (3,4,2): |Δ| = sqrt(9+16) = 5. Sum 6 -> 0.06.
    const imu: ImuStream = { t: f64([0, 10, 20]), ax: f64([0, 0, 3]), ay: f64([0, 0, 4]), az: f64([1, 2, 2]) };
    expect(playerLoad(imu, { startMs: 0, endMs: 100 })).toBeCloseTo(0.06, 12);
  });
  it('is zero for a unit lying still', () => {
    const imu: ImuStream = { t: f64([0, 10, 20]), ax: f64([0, 0, 0]), ay: f64([0, 0, 0]), az: f64([1, 1, 1]) };
    expect(playerLoad(imu, { startMs: 0, endMs: 100 })).toBe(0);
  });
});
