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
  if (n > 0) cum[1] = 0;
  // gap[0]: gaps, gap[1]: their time, ms
  const gap = new Float64Array(2);
  loadIncrements(t, ax, ay, az, n, limit, cum, gap);
  const [gaps, gapMs] = gap;
  return { t, cum, nominalMs, gapLimitMs: limit, gaps, gapMs };
}

/**
 * cum[i + 1] = cum[i] + the PlayerLoad increment into sample i; gap[0..1] += the gaps and their
 * time. A loop by itself with nothing after it (see engine.ts).
 */
function loadIncrements(t: Float64Array, ax: Float64Array, ay: Float64Array, az: Float64Array, n: number, limit: number, cum: Float64Array, gap: Float64Array): void {
  let acc = 0;
  for (let i = 1; i < n; i++) {
    const dt = t[i] - t[i - 1];
    let d = 0;
    if (dt > limit) {
      gap[0]++;
      gap[1] += dt;
    } else {
      const dx = ax[i] - ax[i - 1];
      const dy = ay[i] - ay[i - 1];
      const dz = az[i] - az[i - 1];
      d = Math.sqrt(dx * dx + dy * dy + dz * dz) / 100;
      if (d !== d) d = 0; // a NaN axis: no increment
    }
    acc += d;
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
