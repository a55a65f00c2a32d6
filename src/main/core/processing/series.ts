/**
 * Compact chart series: bins of one second (longer for windows over two hours, so a series never
 * exceeds 7 200 points) holding the mean speed, mean heart rate and PlayerLoad of the bin.
 * Values are rounded for size; null marks a bin without data. Never the raw samples.
 */
import type { ChartSeries } from '../../../shared/domain/player-result.ts';
import type { Kinematics } from './kinematics.ts';
import type { HrPrepared, ImuPrepared, MetricWindow } from './prepared.ts';
import { lowerBound, lowerBoundNear } from './time-window.ts';

const MAX_POINTS = 7200;

/** Mean of v per bin of [w.startMs + b·stepMs, +stepMs), over the samples with valid[i] === 1 (all when valid is null). */
function binMeans(t: Float64Array, v: Float64Array, valid: Uint8Array | null, w: MetricWindow, stepMs: number, bins: number, digits: number): (number | null)[] {
  const sum = new Float64Array(bins);
  const cnt = new Uint32Array(bins);
  binSums(t, v, valid, w.startMs, stepMs, bins, sum, cnt);
  return rounded(sum, cnt, bins, 10 ** digits);
}

// Each loop is a function of its own (see engine.ts).

function binSums(t: Float64Array, v: Float64Array, valid: Uint8Array | null, start: number, stepMs: number, bins: number, sum: Float64Array, cnt: Uint32Array): void {
  for (let i = 0; i < t.length; i++) {
    const b = Math.floor((t[i] - start) / stepMs);
    if (b < 0 || b >= bins || (valid !== null && valid[i] !== 1)) continue;
    sum[b] += v[i];
    cnt[b]++;
  }
}

function rounded(sum: Float64Array, cnt: Uint32Array, bins: number, f: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let b = 0; b < bins; b++) out.push(cnt[b] > 0 ? Math.round((sum[b] / cnt[b]) * f) / f : null);
  return out;
}

/**
 * PlayerLoad per bin from the prefix sums, each bin edge looked for from where the last bin's
 * length in samples puts it (no pass over the 100 Hz samples, and one look per bin when the
 * sampling is regular).
 */
function loadBins(t: Float64Array, cum: Float64Array, start: number, stepMs: number, bins: number): (number | null)[] {
  const out: (number | null)[] = [];
  let a = lowerBound(t, start);
  let width = 0;
  for (let b = 0; b < bins; b++) {
    const e = lowerBoundNear(t, start + (b + 1) * stepMs, a, a + width);
    width = e - a;
    out.push(e > a ? Math.round((cum[e] - cum[a]) * 1000) / 1000 : null);
    a = e;
  }
  return out;
}

export function chartSeries(w: MetricWindow, gnss: Kinematics | null, imu: ImuPrepared | null, hr: HrPrepared | null): ChartSeries {
  const spanS = Math.max(1, Math.ceil((w.endMs - w.startMs) / 1000));
  const stepS = Math.max(1, Math.ceil(spanS / MAX_POINTS));
  const stepMs = stepS * 1000;
  const bins = Math.ceil(spanS / stepS);
  const speedMs = gnss ? binMeans(gnss.t, gnss.speed, null, w, stepMs, bins, 2) : new Array<number | null>(bins).fill(null);
  const hrBpm = hr && hr.validSamples > 0 ? binMeans(hr.t, hr.bpm, hr.valid, w, stepMs, bins, 0) : null;
  const playerLoad = imu ? loadBins(imu.t, imu.cum, w.startMs, stepMs, bins) : null;
  return { startMs: w.startMs, stepS, speedMs, hrBpm, playerLoad };
}
