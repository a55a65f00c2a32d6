/**
 * Tiny tracks for hand-worked tests. Points lie on the prime meridian (lon 0) north of 45° N, so
 * the haversine distance between two of them is exactly R·Δlat(rad): a position `y` metres north
 * of the origin is lat = 45° + y / R (radians), and every step length can be worked out by hand.
 */
import type { GnssStream, HrStream, ImuStream } from '../../../src/main/core/formats/canonical.ts';
import { EARTH_RADIUS_M } from '../../../src/main/core/processing/geo.ts';
import type { Kinematics } from '../../../src/main/core/processing/kinematics.ts';

export const T0 = Date.UTC(2026, 2, 14, 10, 0, 0);
const DEG = 180 / Math.PI;

export function latOf(yM: number): number {
  return 45 + (yM / EARTH_RADIUS_M) * DEG;
}

export interface TrackSpec {
  /** Seconds from T0. */
  tS: number[];
  /** Metres north of the origin. */
  yM: number[];
  doppler?: number[];
  hdop?: number[];
  sats?: number[];
}

/**
 * A 1 Hz jog north at 3 m/s for 20 fixes (t = 0..19 s, y = 0..57 m), a 12 s dropout, then 20 more
 * fixes from 31 s on, from y = 57 + 100 m: over the gap limit (max(2 s, 3 × 1 s)), so the gap's
 * distance is the straight line, 100 m over its 12 s (cleaning.test.ts works it through).
 */
export function jogWithGap(): TrackSpec {
  const tS: number[] = [];
  const yM: number[] = [];
  for (let i = 0; i < 20; i++) {
    tS.push(i);
    yM.push(3 * i);
  }
  for (let i = 0; i < 20; i++) {
    tS.push(31 + i);
    yM.push(157 + 3 * i);
  }
  return { tS, yM };
}

export function northTrack(s: TrackSpec): GnssStream {
  const n = s.tS.length;
  const f = (xs: number[] | undefined) => Float64Array.from({ length: n }, (_, i) => (xs ? xs[i] : NaN));
  return {
    t: Float64Array.from(s.tS, (x) => T0 + Math.round(x * 1000)),
    lat: Float64Array.from(s.yM, latOf),
    lon: new Float64Array(n),
    speed: f(s.doppler),
    hdop: f(s.hdop),
    sats: f(s.sats),
    alt: f(undefined),
  };
}

export function imuStream(tS: number[], a: [number, number, number][]): ImuStream {
  return {
    t: Float64Array.from(tS, (x) => T0 + Math.round(x * 1000)),
    ax: Float64Array.from(a, (v) => v[0]),
    ay: Float64Array.from(a, (v) => v[1]),
    az: Float64Array.from(a, (v) => v[2]),
  };
}

export function hrStream(tS: number[], bpm: number[]): HrStream {
  return { t: Float64Array.from(tS, (x) => T0 + Math.round(x * 1000)), bpm: Float64Array.from(bpm) };
}

/**
 * Kinematics straight from per-sample values (for effort rules), sampled every dtMs with no
 * break: step distance = speed × dt, as a unit moving at that speed would cover.
 */
export function kinematicsOf(speed: number[], acc: number[] | null, dtMs = 100): Kinematics {
  const n = speed.length;
  const t = Float64Array.from({ length: n }, (_, i) => T0 + i * dtMs);
  const breakBefore = new Uint8Array(n);
  breakBefore[0] = 1;
  const dtArr = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0 : dtMs));
  const sp = Float64Array.from(speed);
  return {
    track: {
      n,
      t,
      lat: new Float64Array(n),
      lon: new Float64Array(n),
      doppler: sp,
      speed: sp,
      fromPositions: new Uint8Array(n),
      interpolated: new Uint8Array(n),
      breakBefore,
      jumpBefore: new Uint8Array(n),
      estM: new Float64Array(n),
      estMs: new Float64Array(n),
      nominalMs: dtMs,
      gapLimitMs: 2000,
      regime: 'regular',
    },
    n,
    t,
    speed: sp,
    dtMs: dtArr,
    dist: Float64Array.from(speed, (v, i) => (i === 0 ? 0 : (v * dtMs) / 1000)),
    acc: Float64Array.from(acc ?? speed.map(() => 0)),
    power: new Float64Array(n),
  };
}

export function window(fromS: number, toS: number): { startMs: number; endMs: number } {
  return { startMs: T0 + fromS * 1000, endMs: T0 + toS * 1000 };
}
