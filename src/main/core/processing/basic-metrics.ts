/**
 * The skeleton's metrics: enough to prove the pipeline end to end. Definitions are in
 * docs/metrics.md and in BASIC_METRICS (src/shared/domain/metrics.ts).
 */
import type { GnssStream, ImuStream } from '../formats/canonical.ts';
import { haversineM } from './geo.ts';
import { windowRange } from './time-window.ts';
import type { MetricValues } from '../../../shared/domain/metrics.ts';

export const BASIC_ALGORITHM_VERSION = '0.1.0';

export interface BasicSettings {
  /** Speed at or above which distance counts as high-speed running, m/s. */
  hsrSpeedMs: number;
  /** A step between fixes further apart than this is a gap: no distance is invented across it. */
  maxGapS: number;
}

export const DEFAULT_BASIC_SETTINGS: BasicSettings = { hsrSpeedMs: 5.5, maxGapS: 2 };

export interface WindowMs {
  startMs: number;
  endMs: number;
}

export function gnssMetrics(g: GnssStream, win: WindowMs, s: BasicSettings): MetricValues {
  const { from, to } = windowRange(g.t, win.startMs, win.endMs);
  if (to - from < 1) {
    return { duration_s: 0, distance_m: 0, max_speed_ms: null, hsr_distance_m: 0 };
  }
  const maxGapMs = s.maxGapS * 1000;
  let distance = 0;
  let hsr = 0;
  let maxSpeed = -Infinity;
  for (let i = from; i < to; i++) {
    const v = g.speed[i];
    if (v > maxSpeed) maxSpeed = v;
    if (i === from) continue;
    if (g.t[i] - g.t[i - 1] > maxGapMs) continue;
    const d = haversineM(g.lat[i - 1], g.lon[i - 1], g.lat[i], g.lon[i]);
    if (!Number.isFinite(d)) continue;
    distance += d;
    if (v >= s.hsrSpeedMs) hsr += d;
  }
  return {
    duration_s: (g.t[to - 1] - g.t[from]) / 1000,
    distance_m: distance,
    max_speed_ms: maxSpeed === -Infinity ? null : maxSpeed,
    hsr_distance_m: hsr,
  };
}

/**
 * PlayerLoad (Catapult formula): sum over consecutive samples of
 * sqrt((ax_t-ax_t-1)² + (ay_t-ay_t-1)² + (az_t-az_t-1)²), divided by 100.
 */
export function playerLoad(imu: ImuStream, win: WindowMs): number {
  const { from, to } = windowRange(imu.t, win.startMs, win.endMs);
  let sum = 0;
  for (let i = from + 1; i < to; i++) {
    const dx = imu.ax[i] - imu.ax[i - 1];
    const dy = imu.ay[i] - imu.ay[i - 1];
    const dz = imu.az[i] - imu.az[i - 1];
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (d === d) sum += d; // skip NaN samples
  }
  return sum / 100;
}
