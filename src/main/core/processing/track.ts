/**
 * The GNSS data as it moves through cleaning. Columns are typed arrays (Float64Array per field,
 * Uint8Array flags): a 90-minute 10 Hz unit is 54 000 fixes and every step loops over them.
 */
import type { GnssStream } from '../formats/canonical.ts';
import { sampling, type SamplingRegime } from './sample-rate.ts';
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
  /**
   * 1 = a kept fix the track restarts at, as after a gap: the spike step dropped a position jump
   * just before it and this fix stayed where the jump went (spikes.processor.ts). 0 elsewhere.
   */
  restart: Uint8Array;
  /** Median interval between fixes, ms (the unit's sample interval). */
  nominalMs: number;
  /** Longest step that is not a gap, ms: max(maxGapS, maxGapSamples × nominal); SMART_MAX_STEP_MS at least for smart recording. */
  gapLimitMs: number;
  /** How the unit samples (sample-rate.ts): a fixed interval, or a watch's smart recording. */
  regime: SamplingRegime;
  /** The unit's own cumulative distance (odometer) where the file carries one, else null. */
  odometer: Float64Array | null;
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
  /** 1 = this sample's speed comes from positions (no Doppler speed there): set by the speed-source step. */
  fromPositions: Uint8Array;
  /** 1 = a sample inserted by gap interpolation. */
  interpolated: Uint8Array;
  /** 1 = first sample of an unbroken stretch (no step leads into it). */
  breakBefore: Uint8Array;
  /**
   * 1 = a stretch that starts after a position jump that persisted (spikes.processor.ts), not after
   * a gap: not counted or listed as a gap; its straight line is estimated distance (estM, estMs).
   */
  jumpBefore: Uint8Array;
  /**
   * At the first sample of a stretch after a gap: the distance estimated across that gap, m (0
   * when none could be: a gap no plausible movement explains), and the gap's time, ms (0 then too).
   * 0 everywhere else. Estimated distance counts in total distance, never in speed or efforts.
   */
  estM: Float64Array;
  estMs: Float64Array;
  nominalMs: number;
  gapLimitMs: number;
  regime: SamplingRegime;
}

/** The fixes of [from, to) as a FixTable: views of the reader's arrays (never modified) plus the drop marks. */
export function fixTable(g: GnssStream, from: number, to: number, gaps: { maxGapS: number; maxGapSamples: number }): FixTable {
  const n = Math.max(0, to - from);
  const t = g.t.subarray(from, to);
  const smp = sampling(t, gaps);
  return {
    n,
    t,
    lat: g.lat.subarray(from, to),
    lon: g.lon.subarray(from, to),
    doppler: g.speed.subarray(from, to),
    hdop: g.hdop.subarray(from, to),
    sats: g.sats.subarray(from, to),
    drop: u8(n),
    restart: u8(n),
    nominalMs: smp.nominalMs,
    gapLimitMs: smp.gapLimitMs,
    regime: smp.regime,
    odometer: g.distance ? g.distance.subarray(from, to) : null,
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

/**
 * The distance the unit's own odometer counted over these fixes, m: the sum of its increases
 * between consecutive readings (a reading missing is skipped; a decrease is a reset, as a
 * multi-sport file starts each leg at 0, and adds nothing). null without an odometer or with
 * fewer than two readings.
 */
export function odometerDistance(odo: Float64Array | null): number | null {
  if (!odo) return null;
  const out = Float64Array.of(0, 0); // distance, readings
  odometerSum(odo, out);
  return out[1] >= 2 ? out[0] : null;
}

/** out[0] += the increases of the finite readings, out[1] += how many there are. (A loop by itself: see engine.ts.) */
function odometerSum(odo: Float64Array, out: Float64Array): void {
  let prev = NaN;
  for (let i = 0; i < odo.length; i++) {
    const v = odo[i];
    if (v !== v) continue;
    if (prev === prev && v > prev) out[0] += v - prev;
    prev = v;
    out[1]++;
  }
}
