/**
 * Everything the metric families need for one unit, prepared once per unit (cleaning, kinematics,
 * efforts, accelerometer increments, valid heart-rate samples, prefix sums); each window (the
 * session, every period) is then a few loops over index ranges.
 */
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import type { ImuStream, HrStream } from '../formats/canonical.ts';
import type { Kinematics } from './kinematics.ts';
import type { Effort } from './efforts.ts';
import { medianInterval } from './sample-rate.ts';
import { gapLimitMs } from './track.ts';
import { f64, f64Uninit, u8 } from '../util/scratch.ts';

export interface ImuPrepared {
  t: Float64Array;
  /** Prefix sums of the PlayerLoad increments: cum[i + 1] − cum[i] is the increment into sample i (0 across a gap). */
  cum: Float64Array;
  nominalMs: number;
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
  /** Time weight of sample i: the step leading into it, ms (0 at the start or after a gap). */
  wMs: Float64Array;
  samples: number;
  validSamples: number;
  maxBpm: number;
  restBpm: number;
  sex: 'male' | 'female';
}

export interface GnssPrepared {
  k: Kinematics;
  /** Prefix sums of step distance and of HSR step distance. */
  cumDist: Float64Array;
  cumHsr: Float64Array;
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
  const t = imu.t.subarray(from, to);
  const ax = imu.ax.subarray(from, to);
  const ay = imu.ay.subarray(from, to);
  const az = imu.az.subarray(from, to);
  const n = t.length;
  const nominalMs = medianInterval(t) ?? 10;
  const limit = gapLimitMs(nominalMs, s.gaps);
  const cum = f64Uninit(n + 1); // written for every index below
  cum[0] = 0;
  // out[0]: gaps, out[1]: their time, ms, out[2]: samples out of range, out[3]: the first one's index
  const out = new Float64Array(4);
  out[3] = -1;
  loadIncrements(t, ax, ay, az, n, limit, s.imu.maxAbsG, cum, out);
  const [gaps, gapMs, outOfRange, first] = out;
  return { t, cum, nominalMs, gapLimitMs: limit, gaps, gapMs, outOfRange, firstOutOfRangeMs: first >= 0 ? t[first] : null };
}

/**
 * cum[i + 1] = cum[i] + the PlayerLoad increment into sample i; out[0..1] += the gaps and their
 * time; out[2..3]: the samples with an axis beyond ±maxG (no increment into or out of them) and
 * the first one's index. A loop by itself with nothing after it (see engine.ts).
 */
function loadIncrements(t: Float64Array, ax: Float64Array, ay: Float64Array, az: Float64Array, n: number, limit: number, maxG: number, cum: Float64Array, out: Float64Array): void {
  let acc = 0;
  let prevOk = false;
  for (let i = 0; i < n; i++) {
    // NaN is a missing axis (no increment either), not a fault: NaN > maxG is false.
    const ok = !(Math.abs(ax[i]) > maxG || Math.abs(ay[i]) > maxG || Math.abs(az[i]) > maxG);
    if (!ok) {
      if (out[2] === 0) out[3] = i;
      out[2]++;
    }
    if (i > 0) {
      const dt = t[i] - t[i - 1];
      if (dt > limit) {
        out[0]++;
        out[1] += dt;
      } else if (ok && prevOk) {
        const dx = ax[i] - ax[i - 1];
        const dy = ay[i] - ay[i - 1];
        const dz = az[i] - az[i - 1];
        const d = Math.sqrt(dx * dx + dy * dy + dz * dz) / 100;
        if (d === d) acc += d; // a NaN axis: no increment
      }
    }
    prevOk = ok;
    cum[i + 1] = acc;
  }
}

export function prepareHr(hr: HrStream, from: number, to: number, s: EngineSettings, who: { maxBpm: number; restBpm: number; sex: 'male' | 'female' }): HrPrepared {
  const t = hr.t.subarray(from, to);
  const bpm = hr.bpm.subarray(from, to);
  const n = t.length;
  const nominalMs = medianInterval(t) ?? 1000;
  const limit = gapLimitMs(nominalMs, s.gaps);
  const valid = u8(n);
  const wMs = f64(n);
  let nValid = 0;
  for (let i = 0; i < n; i++) {
    const v = bpm[i];
    if (v >= s.hr.validMinBpm && v <= s.hr.validMaxBpm) {
      valid[i] = 1;
      nValid++;
    }
    if (i > 0) {
      const dt = t[i] - t[i - 1];
      if (dt <= limit) wMs[i] = dt;
    }
  }
  return { t, bpm, valid, wMs, samples: n, validSamples: nValid, ...who };
}

/** Whether a window meets the span of a stream (first to last sample): otherwise its metrics are absent. */
export function meets(t: Float64Array, w: MetricWindow): boolean {
  const n = t.length;
  return n > 0 && w.startMs <= t[n - 1] && w.endMs > t[0];
}
