/**
 * Compact chart series: bins of one second (longer for windows over two hours, so a series never
 * exceeds 7 200 points) holding the mean speed, mean heart rate and PlayerLoad of the bin.
 * Values are rounded for size; null marks a bin without data. Never the raw samples.
 */
import type { ChartSeries } from '../../../shared/domain/player-result.ts';
import type { Kinematics } from './kinematics.ts';
import type { HrPrepared, ImuPrepared, MetricWindow } from './prepared.ts';
import { lowerBound } from './time-window.ts';

const MAX_POINTS = 7200;

function binMeans(t: Float64Array, v: Float64Array, ok: (i: number) => boolean, w: MetricWindow, stepMs: number, bins: number, digits: number): (number | null)[] {
  const sum = new Float64Array(bins);
  const cnt = new Uint32Array(bins);
  for (let i = 0; i < t.length; i++) {
    const b = Math.floor((t[i] - w.startMs) / stepMs);
    if (b < 0 || b >= bins || !ok(i)) continue;
    sum[b] += v[i];
    cnt[b]++;
  }
  const f = 10 ** digits;
  return Array.from(sum, (s, b) => (cnt[b] > 0 ? Math.round((s / cnt[b]) * f) / f : null));
}

export function chartSeries(w: MetricWindow, gnss: Kinematics | null, imu: ImuPrepared | null, hr: HrPrepared | null): ChartSeries {
  const spanS = Math.max(1, Math.ceil((w.endMs - w.startMs) / 1000));
  const stepS = Math.max(1, Math.ceil(spanS / MAX_POINTS));
  const stepMs = stepS * 1000;
  const bins = Math.ceil(spanS / stepS);
  const speedMs = gnss ? binMeans(gnss.t, gnss.speed, () => true, w, stepMs, bins, 2) : new Array<number | null>(bins).fill(null);
  const hrBpm = hr && hr.validSamples > 0 ? binMeans(hr.t, hr.bpm, (i) => hr.valid[i] === 1, w, stepMs, bins, 0) : null;
  let playerLoad: (number | null)[] | null = null;
  if (imu) {
    // Bin edges found by binary search in the prefix sums: no pass over the 100 Hz samples.
    playerLoad = new Array<number | null>(bins);
    let a = lowerBound(imu.t, w.startMs);
    for (let b = 0; b < bins; b++) {
      const e = lowerBound(imu.t, w.startMs + (b + 1) * stepMs);
      playerLoad[b] = e > a ? Math.round((imu.cum[e] - imu.cum[a]) * 1000) / 1000 : null;
      a = e;
    }
  }
  return { startMs: w.startMs, stepS, speedMs, hrBpm, playerLoad };
}
