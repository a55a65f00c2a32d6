/**
 * Spike removal: a fix whose Doppler speed exceeds the limit or is negative (no receiver measures
 * a negative speed: a corrupt field, and a -Infinity would poison every step interpolated or
 * smoothed next to it), whose position implies a speed above the limit from the last kept fix,
 * or whose Doppler speed changes faster than the acceleration limit, is a spike (a receiver
 * glitch), not a sprint. It is dropped and the next fix is compared with the last kept one.
 * Comparisons never reach across a gap.
 */
import type { CleaningProcessor } from './cleaning-processor.ts';
import { DROP_SPIKE } from '../track.ts';
import { haversineM } from '../geo.ts';

export const spikes: CleaningProcessor = {
  id: 'spikes',
  label: 'Spike removal',
  rule: (s) =>
    `drop fixes with speed > ${s.spikes.maxSpeedMs} m/s (Doppler, or implied by the step from the last kept fix), a negative Doppler speed or a Doppler speed change beyond ±${s.spikes.maxAccelMs2} m/s² from the last kept fix`,
  run({ fixes, settings }) {
    const { n, t, lat, lon, doppler, drop, gapLimitMs } = fixes;
    const counts = new Float64Array(3);
    despike(n, t, lat, lon, doppler, drop, gapLimitMs, settings.spikes.maxSpeedMs, settings.spikes.maxAccelMs2, counts);
    const [bySpeed, byPosition, byAccel] = counts;
    return {
      changes: { spikesSpeed: bySpeed, spikesPosition: byPosition, spikesAcceleration: byAccel, spikesRemoved: bySpeed + byPosition + byAccel },
      summary: `${bySpeed + byPosition + byAccel} spike(s) removed (${bySpeed} Doppler speed, ${byPosition} position jump, ${byAccel} acceleration)`,
    };
  },
};

/** Marks the spikes; counts[0..2]: by Doppler speed, by position, by acceleration. (A loop by itself: see engine.ts.) */
function despike(n: number, t: Float64Array, lat: Float64Array, lon: Float64Array, doppler: Float64Array, drop: Uint8Array, gapLimitMs: number, maxV: number, maxA: number, counts: Float64Array): void {
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (drop[i] !== 0) continue;
    const v = doppler[i];
    if (v > maxV || v < 0) {
      drop[i] = DROP_SPIKE;
      counts[0]++;
      continue;
    }
    if (last >= 0) {
      const dtS = (t[i] - t[last]) / 1000;
      if (dtS * 1000 <= gapLimitMs) {
        if (haversineM(lat[last], lon[last], lat[i], lon[i]) > maxV * dtS) {
          drop[i] = DROP_SPIKE;
          counts[1]++;
          continue;
        }
        const v0 = doppler[last];
        if (v === v && v0 === v0 && Math.abs(v - v0) > maxA * dtS) {
          drop[i] = DROP_SPIKE;
          counts[2]++;
          continue;
        }
      }
    }
    last = i;
  }
}
