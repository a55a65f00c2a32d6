/**
 * Everything the metric families need for one unit, prepared once per unit (cleaning, kinematics,
 * efforts, accelerometer increments, valid heart-rate samples, prefix sums); each window (the
 * session, every period) is then a few loops over index ranges.
 */
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import type { ImuStream, HrStream } from '../formats/canonical.ts';
import type { Kinematics } from './kinematics.ts';
import type { Effort } from './efforts.ts';
import { medianInterval, sampling } from './sample-rate.ts';
import { gapLimitMs } from './track.ts';
import { f64, f64Uninit, u8 } from '../util/scratch.ts';

export interface ImuPrepared {
  /** The samples PlayerLoad is computed on: the unit's own, or 100 Hz means of a faster unit's (see reduceTo100Hz). */
  t: Float64Array;
  /** Prefix sums of the PlayerLoad increments: cum[i + 1] − cum[i] is the increment into sample i (0 across a gap). */
  cum: Float64Array;
  nominalMs: number;
  /** What the unit recorded in the window: its samples, their median interval and the first and last one's time, ms. */
  recorded: { samples: number; nominalMs: number; firstMs: number; lastMs: number };
  gapLimitMs: number;
  gaps: number;
  gapMs: number;
  /** Samples with an axis beyond ± settings.imu.maxAbsG (left out of PlayerLoad), and the time of the first. */
  outOfRange: number;
  firstOutOfRangeMs: number | null;
}

export interface HrPrepared {
  t: Float64Array;
  bpm: Float64Array;
  valid: Uint8Array;
  /**
   * The time sample i stands for, ms: half the step before it plus half the step after it, a step
   * counting only up to the gap limit (a longer one is a gap: nothing on either side of it). Every
   * time-based heart-rate figure (mean, zones, TRIMP) uses these weights.
   */
  wMs: Float64Array;
  samples: number;
  validSamples: number;
  maxBpm: number;
  restBpm: number;
  sex: 'male' | 'female';
}

export interface GnssPrepared {
  k: Kinematics;
  /**
   * Prefix sums (index i + 1 sums samples 0..i) of step distance (measured and interpolated), of
   * HSR step distance, of the interpolated steps' distance and time (ms: a step into or out of an
   * interpolated sample), and of the distance and time (ms) estimated across gaps (track.estM/estMs).
   */
  cumDist: Float64Array;
  cumHsr: Float64Array;
  cumInterpM: Float64Array;
  cumInterpMs: Float64Array;
  cumEstM: Float64Array;
  cumEstMs: Float64Array;
  /** Prefix sums of every step's time, ms. */
  cumDtMs: Float64Array;
  sprints: Effort[];
  accels: Effort[][];
  decels: Effort[][];
}

export interface PreparedPlayer {
  settings: EngineSettings;
  playerId: string;
  gnss: GnssPrepared | null;
  /** Velocity band edges in m/s for this player (null: relative bands without a max speed). */
  bandEdges: [number, number, number, number] | null;
  imu: ImuPrepared | null;
  hr: HrPrepared | null;
}

export interface MetricWindow {
  startMs: number;
  endMs: number;
}

/** PlayerLoad increments of the samples [from, to) of an IMU stream (times sorted). */
export function prepareImu(imu: ImuStream, from: number, to: number, s: EngineSettings): ImuPrepared {
  let t = imu.t.subarray(from, to);
  let ax = imu.ax.subarray(from, to);
  let ay = imu.ay.subarray(from, to);
  let az = imu.az.subarray(from, to);
  const recorded = { samples: t.length, nominalMs: medianInterval(t) ?? PLAYER_LOAD_STEP_MS, firstMs: t[0], lastMs: t[t.length - 1] };
  const reduce = recorded.nominalMs < FASTER_THAN_100HZ_MS;
  // Samples with an axis out of range, and the first one's time: counted on the unit's own samples.
  let outOfRange = 0;
  let firstOutOfRangeMs: number | null = null;
  if (reduce) {
    const faults = Float64Array.of(0, -1); // how many, the first one's index
    const r = reduceTo100Hz(t, ax, ay, az, s.imu.maxAbsG, faults);
    outOfRange = faults[0];
    firstOutOfRangeMs = faults[1] >= 0 ? t[faults[1]] : null;
    ({ t, ax, ay, az } = r);
  }
  const n = t.length;
  const nominalMs = reduce ? PLAYER_LOAD_STEP_MS : recorded.nominalMs;
  const limit = gapLimitMs(nominalMs, s.gaps);
  const cum = f64Uninit(n + 1); // written for every index below
  cum[0] = 0;
  // out[0]: gaps, out[1]: their time, ms, out[2]: samples out of range, out[3]: the first one's index
  const out = new Float64Array(4);
  out[3] = -1;
  loadIncrements(t, ax, ay, az, n, limit, s.imu.maxAbsG, cum, out);
  if (!reduce) {
    outOfRange = out[2];
    firstOutOfRangeMs = out[3] >= 0 ? t[out[3]] : null;
  }
  return { t, cum, nominalMs, recorded, gapLimitMs: limit, gaps: out[0], gapMs: out[1], outOfRange, firstOutOfRangeMs };
}

/** PlayerLoad is defined on 100 Hz samples (METRICS.md; Catapult samples faster and smooths to 100 Hz). */
export const PLAYER_LOAD_STEP_MS = 10;
/** A unit whose median interval is below this (faster than ~105 Hz) is reduced to 100 Hz first. */
const FASTER_THAN_100HZ_MS = 9.5;

/**
 * A faster accelerometer reduced to 100 Hz: the mean of its samples in each 10 ms from a whole
 * multiple of 10 ms (UTC), stamped at the start of those 10 ms. A sample with an axis beyond ±maxG
 * (a fault: counted into faults[0], the first one's index into faults[1]) or a missing axis is left out
 * of the means; 10 ms holding only such samples becomes a sample with missing axes (no increment
 * into or out of it, as for a faulty sample at 100 Hz); 10 ms holding no sample at all is not
 * written (a step over it, or a gap when long enough). A loop by itself (see engine.ts).
 */
function reduceTo100Hz(t: Float64Array, ax: Float64Array, ay: Float64Array, az: Float64Array, maxG: number, faults: Float64Array): { t: Float64Array; ax: Float64Array; ay: Float64Array; az: Float64Array } {
  const n = t.length;
  // At most one 10 ms per sample, and no more than the span holds.
  const cap = n === 0 ? 0 : Math.min(n, Math.floor((t[n - 1] + 1e-3) / PLAYER_LOAD_STEP_MS) - Math.floor((t[0] + 1e-3) / PLAYER_LOAD_STEP_MS) + 1);
  const bt = f64Uninit(cap);
  const bx = f64Uninit(cap);
  const by = f64Uninit(cap);
  const bz = f64Uninit(cap);
  let m = -1;
  let bin = NaN;
  let c = 0;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  // The means of the 10 ms being summed, written when the next one starts and after the last.
  const flush = () => {
    bx[m] = c > 0 ? sx / c : NaN;
    by[m] = c > 0 ? sy / c : NaN;
    bz[m] = c > 0 ? sz / c : NaN;
  };
  for (let i = 0; i < n; i++) {
    // 1 µs of slack: a time a hair under a 10 ms mark after rounding (…019.9998 ms for …020)
    // counts in the 10 ms it names.
    const k = Math.floor((t[i] + 1e-3) / PLAYER_LOAD_STEP_MS);
    if (k !== bin) {
      if (m >= 0) flush();
      m++;
      bin = k;
      bt[m] = k * PLAYER_LOAD_STEP_MS;
      c = sx = sy = sz = 0;
    }
    const x = ax[i];
    const y = ay[i];
    const z = az[i];
    if (Math.abs(x) > maxG || Math.abs(y) > maxG || Math.abs(z) > maxG) {
      if (faults[0] === 0) faults[1] = i;
      faults[0]++;
    } else if (x === x && y === y && z === z) {
      sx += x;
      sy += y;
      sz += z;
      c++;
    }
  }
  if (m >= 0) flush();
  const len = m + 1;
  return { t: bt.subarray(0, len), ax: bx.subarray(0, len), ay: by.subarray(0, len), az: bz.subarray(0, len) };
}

/**
 * cum[i + 1] = cum[i] + the PlayerLoad increment into sample i; out[0..1] += the gaps and their
 * time; out[2..3]: the samples with an axis beyond ±maxG (no increment into or out of them) and
 * the first one's index. Two loops by themselves (see engine.ts): the sums with no branch around
 * the square root (V8 ran the one loop with its branches ~30 % slower, ~4 ms a 90-minute unit),
 * then the counts.
 */
function loadIncrements(t: Float64Array, ax: Float64Array, ay: Float64Array, az: Float64Array, n: number, limit: number, maxG: number, cum: Float64Array, out: Float64Array): void {
  if (n === 0) return;
  loadSums(t, ax, ay, az, n, limit, maxG, cum);
  loadFaults(t, ax, ay, az, n, limit, maxG, out);
}

/**
 * cum[1..n]: an increment into sample i counts when the step is no gap (not longer than `limit`)
 * and neither sample has an axis beyond ±maxG; a NaN axis (missing) gives no increment either.
 * Adding 0 for a step that does not count leaves the sum exactly as skipping it would.
 */
function loadSums(t: Float64Array, ax: Float64Array, ay: Float64Array, az: Float64Array, n: number, limit: number, maxG: number, cum: Float64Array): void {
  let acc = 0;
  let px = ax[0];
  let py = ay[0];
  let pz = az[0];
  let pt = t[0];
  let prevOk = !(Math.abs(px) > maxG || Math.abs(py) > maxG || Math.abs(pz) > maxG);
  cum[1] = 0;
  for (let i = 1; i < n; i++) {
    const x = ax[i];
    const y = ay[i];
    const z = az[i];
    const ti = t[i];
    // NaN is a missing axis (no increment either), not a fault: NaN > maxG is false.
    const ok = !(Math.abs(x) > maxG || Math.abs(y) > maxG || Math.abs(z) > maxG);
    const dt = ti - pt;
    const dx = x - px;
    const dy = y - py;
    const dz = z - pz;
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz) / 100;
    acc += !(dt > limit) && ok && prevOk && d === d ? d : 0;
    prevOk = ok;
    px = x;
    py = y;
    pz = z;
    pt = ti;
    cum[i + 1] = acc;
  }
}

/** out[0..1] += the steps longer than `limit` and their time; out[2..3]: samples with an axis beyond ±maxG, the first one's index. */
function loadFaults(t: Float64Array, ax: Float64Array, ay: Float64Array, az: Float64Array, n: number, limit: number, maxG: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    if (Math.abs(ax[i]) > maxG || Math.abs(ay[i]) > maxG || Math.abs(az[i]) > maxG) {
      if (out[2] === 0) out[3] = i;
      out[2]++;
    }
    if (i > 0 && t[i] - t[i - 1] > limit) {
      out[0]++;
      out[1] += t[i] - t[i - 1];
    }
  }
}

export function prepareHr(hr: HrStream, from: number, to: number, s: EngineSettings, who: { maxBpm: number; restBpm: number; sex: 'male' | 'female' }): HrPrepared {
  const t = hr.t.subarray(from, to);
  const bpm = hr.bpm.subarray(from, to);
  const n = t.length;
  // The strap's own sampling: a watch in smart recording writes HR at its irregular steps too.
  const limit = sampling(t, s.gaps).gapLimitMs;
  const valid = u8(n);
  const wMs = f64(n);
  const nValid = hrWeights(t, bpm, n, limit, s.hr.validMinBpm, s.hr.validMaxBpm, valid, wMs);
  return { t, bpm, valid, wMs, samples: n, validSamples: nValid, ...who };
}

/** Marks the valid samples and writes each one's time weight (see HrPrepared.wMs); returns how many are valid. (A loop by itself: see engine.ts.) */
function hrWeights(t: Float64Array, bpm: Float64Array, n: number, limit: number, lo: number, hi: number, valid: Uint8Array, wMs: Float64Array): number {
  let nValid = 0;
  for (let i = 0; i < n; i++) {
    const v = bpm[i];
    if (v >= lo && v <= hi) {
      valid[i] = 1;
      nValid++;
    }
    const back = i > 0 ? t[i] - t[i - 1] : 0;
    const fwd = i + 1 < n ? t[i + 1] - t[i] : 0;
    wMs[i] = ((back <= limit ? back : 0) + (fwd <= limit ? fwd : 0)) / 2;
  }
  return nValid;
}

/**
 * Distance (m) and time (ms) estimated across gaps within the window: each gap for the part of it
 * that lies inside, its estimated distance spread evenly over its time (METRICS.md, Gaps). The
 * prefix sums hold each gap whole at the fix after it, which would put all of a gap that began
 * before a period into that period: a 60 s dropout starting 50 s before a drill read as 60 s of
 * the drill in band 1. Split this way, periods that tile the session still add up to it. [from, to)
 * is the window's range of fixes (halfOpenRange).
 */
export function estimatedIn(g: GnssPrepared, from: number, to: number, w: MetricWindow): { m: number; ms: number } {
  const { t, estM, estMs } = g.k.track;
  const n = g.k.n;
  let m = g.cumEstM[to] - g.cumEstM[from];
  let ms = g.cumEstMs[to] - g.cumEstMs[from];
  // The gap into the first fix inside began before the window: its part before the start is not the window's.
  if (from > 0 && from < to && estMs[from] > 0 && t[from - 1] < w.startMs) {
    const before = (w.startMs - t[from - 1]) / (t[from] - t[from - 1]);
    m = Math.max(0, m - estM[from] * before);
    ms = Math.max(0, ms - estMs[from] * before);
  }
  // The gap into the first fix after the window began before its end: its part inside is the window's.
  if (to > 0 && to < n && estMs[to] > 0) {
    const begin = Math.max(t[to - 1], w.startMs);
    if (begin < w.endMs) {
      const inside = (w.endMs - begin) / (t[to] - t[to - 1]);
      m += estM[to] * inside;
      ms += estMs[to] * inside;
    }
  }
  return { m, ms };
}

/** Whether a window meets the span of a stream (first to last sample): otherwise its metrics are absent. */
export function meets(t: Float64Array, w: MetricWindow): boolean {
  const n = t.length;
  return n > 0 && w.startMs <= t[n - 1] && w.endMs > t[0];
}
