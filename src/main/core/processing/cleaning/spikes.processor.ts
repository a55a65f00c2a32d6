/**
 * Spike removal: a fix whose Doppler speed exceeds the limit, whose position implies a speed
 * above the limit from the last kept fix, or whose Doppler speed changes faster than the
 * acceleration limit, is a spike (a receiver glitch), not a sprint. It is dropped and the next
 * fix is compared with the last kept one. Comparisons never reach across a gap.
 */
import type { CleaningProcessor } from './cleaning-processor.ts';
import { DROP_SPIKE } from '../track.ts';
import { haversineM } from '../geo.ts';

export const spikes: CleaningProcessor = {
  id: 'spikes',
  label: 'Spike removal',
  rule: (s) =>
    `drop fixes with speed > ${s.spikes.maxSpeedMs} m/s (Doppler, or implied by the step from the last kept fix) or a Doppler speed change beyond ±${s.spikes.maxAccelMs2} m/s² from the last kept fix`,
  run({ fixes, settings }) {
    const { n, t, lat, lon, doppler, drop, gapLimitMs } = fixes;
    const maxV = settings.spikes.maxSpeedMs;
    const maxA = settings.spikes.maxAccelMs2;
    let bySpeed = 0;
    let byPosition = 0;
    let byAccel = 0;
    let last = -1;
    for (let i = 0; i < n; i++) {
      if (drop[i] !== 0) continue;
      const v = doppler[i];
      if (v > maxV) {
        drop[i] = DROP_SPIKE;
        bySpeed++;
        continue;
      }
      if (last >= 0) {
        const dtS = (t[i] - t[last]) / 1000;
        if (dtS * 1000 <= gapLimitMs) {
          if (haversineM(lat[last], lon[last], lat[i], lon[i]) > maxV * dtS) {
            drop[i] = DROP_SPIKE;
            byPosition++;
            continue;
          }
          const v0 = doppler[last];
          if (v === v && v0 === v0 && Math.abs(v - v0) > maxA * dtS) {
            drop[i] = DROP_SPIKE;
            byAccel++;
            continue;
          }
        }
      }
      last = i;
    }
    return {
      changes: { spikesSpeed: bySpeed, spikesPosition: byPosition, spikesAcceleration: byAccel, spikesRemoved: bySpeed + byPosition + byAccel },
      summary: `${bySpeed + byPosition + byAccel} spike(s) removed (${bySpeed} Doppler speed, ${byPosition} position jump, ${byAccel} acceleration)`,
    };
  },
};
