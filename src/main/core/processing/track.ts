/**
 * The GNSS data as it moves through cleaning. Columns are typed arrays (Float64Array per field,
 * Uint8Array flags): a 90-minute 10 Hz unit is 54 000 fixes and every step loops over them.
 */
import type { GnssStream } from '../formats/canonical.ts';
import { medianInterval } from './sample-rate.ts';
import { u8 } from '../util/scratch.ts';

/** Why a fix was dropped (0 = kept). */
export const DROP_KEPT = 0;
export const DROP_QUALITY = 1;
export const DROP_NO_POSITION = 2;
export const DROP_SPIKE = 3;

/** The fixes of one unit inside the window, before resampling: cleaning marks `drop`. */
export interface FixTable {
  n: number;
  t: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  doppler: Float64Array;
  hdop: Float64Array;
  sats: Float64Array;
  drop: Uint8Array;
  /** Median interval between fixes, ms (the unit's sample interval). */
  nominalMs: number;
  /** Longest step that is not a gap, ms: max(maxGapS, maxGapSamples × nominal). */
  gapLimitMs: number;
}

/** The cleaned track: kept and interpolated samples, in unbroken stretches separated by gaps. */
export interface CleanTrack {
  n: number;
  t: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  /** Doppler speed as measured (interpolated where filled); NaN where the unit gave none. */
  doppler: Float64Array;
  /** The speed the metrics use, m/s: set by the speed-source step, then smoothed. */
  speed: Float64Array;
  /** 1 = a sample inserted by gap interpolation. */
  interpolated: Uint8Array;
  /** 1 = first sample of an unbroken stretch (no step leads into it). */
  breakBefore: Uint8Array;
  nominalMs: number;
  gapLimitMs: number;
}

/** The fixes of [from, to) as a FixTable: views of the reader's arrays (never modified) plus the drop marks. */
export function fixTable(g: GnssStream, from: number, to: number, gaps: { maxGapS: number; maxGapSamples: number }): FixTable {
  const n = Math.max(0, to - from);
  const t = g.t.subarray(from, to);
  const nominalMs = medianInterval(t) ?? 1000;
  return {
    n,
    t,
    lat: g.lat.subarray(from, to),
    lon: g.lon.subarray(from, to),
    doppler: g.speed.subarray(from, to),
    hdop: g.hdop.subarray(from, to),
    sats: g.sats.subarray(from, to),
    drop: u8(n),
    nominalMs,
    gapLimitMs: gapLimitMs(nominalMs, gaps),
  };
}

export function gapLimitMs(nominalMs: number, gaps: { maxGapS: number; maxGapSamples: number }): number {
  return Math.max(gaps.maxGapS * 1000, gaps.maxGapSamples * nominalMs);
}

/** End (exclusive) of the unbroken stretch of a track that starts at sample a. */
export function stretchEnd(breakBefore: Uint8Array, a: number, n: number): number {
  let b = a + 1;
  while (b < n && breakBefore[b] === 0) b++;
  return b;
}
