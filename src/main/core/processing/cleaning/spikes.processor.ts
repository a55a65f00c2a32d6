/**
 * Spike removal: a fix whose Doppler speed exceeds the limit or is negative (no receiver measures
 * a negative speed: a corrupt field, and a -Infinity would poison every step interpolated or
 * smoothed next to it), whose position implies a speed above the limit from the last kept fix,
 * or whose Doppler speed changes faster than the acceleration limit, is a spike (a receiver
 * glitch), not a sprint. It is dropped and the next fix is compared with the last kept one.
 * Comparisons never reach across a gap.
 *
 * A position jump that persists (the receiver's positions shift by a metre or two and stay there,
 * as raw 10 Hz files show while a player stands) is not ended by dropping its first fix: the next
 * fix, compared with the last kept one over twice the time, passes the speed limit, and the jump
 * would read as a burst of speed, an acceleration effort and the session's max acceleration and
 * deceleration. So after a dropped position jump, a kept fix whose speed from positions (from the
 * last kept fix) exceeds the speed of the ~0.3 s before the jump by more than `maxAccelMs2` × the
 * time + POSITION_NOISE_MS restarts the track (FixTable.restart): no speed,
 * acceleration, effort or distance across the jump (gaps.processor.ts: not a gap either). Only
 * where the speed comes from positions (no Doppler speed at that fix, or the positional speed
 * source): a Doppler speed is not moved by a position jump.
 */
import type { CleaningProcessor } from './cleaning-processor.ts';
import { DROP_SPIKE } from '../track.ts';
import { haversineM } from '../geo.ts';

export const spikes: CleaningProcessor = {
  id: 'spikes',
  label: 'Spike removal',
  rule: (s) =>
    `drop fixes with speed > ${s.spikes.maxSpeedMs} m/s (Doppler, or implied by the step from the last kept fix), a negative Doppler speed or a Doppler speed change beyond ±${s.spikes.maxAccelMs2} m/s² from the last kept fix; ` +
    `where speed comes from positions, a position jump that persists (the next kept fix would need more than ${s.spikes.maxAccelMs2} m/s² × the time + ${POSITION_NOISE_MS} m/s over the speed before) restarts the track there, with no distance across it`,
  run({ fixes, settings }) {
    const { n, t, lat, lon, doppler, drop, restart, gapLimitMs } = fixes;
    const counts = new Float64Array(4);
    const positional = settings.speedSource === 'positional';
    despike(n, t, lat, lon, doppler, drop, restart, gapLimitMs, settings.spikes.maxSpeedMs, settings.spikes.maxAccelMs2, positional, counts);
    const [bySpeed, byPosition, byAccel, persisted] = counts;
    return {
      changes: { spikesSpeed: bySpeed, spikesPosition: byPosition, spikesAcceleration: byAccel, spikesRemoved: bySpeed + byPosition + byAccel, positionJumpsPersisted: persisted },
      summary:
        `${bySpeed + byPosition + byAccel} spike(s) removed (${bySpeed} Doppler speed, ${byPosition} position jump, ${byAccel} acceleration)` +
        (persisted > 0 ? `; ${persisted} position jump(s) persisted: the track restarts after each (no speed, effort or distance across the jump)` : ''),
    };
  },
};

/**
 * m/s: what speed from positions may differ by across a dropped jump beyond the acceleration limit,
 * for position noise (raw 10 Hz positions in steps of ~0.1 m: ~1 m/s from one 0.1 s step).
 */
export const POSITION_NOISE_MS = 2;

/** ms: the speed before a dropped jump is taken over the kept fixes of the last ~this long. */
const SPEED_BEFORE_MS = 300;

/**
 * Marks the spikes; counts[0..3]: by Doppler speed, by position, by acceleration, position jumps
 * that persisted (restart marked). (A loop by itself: see engine.ts.)
 */
function despike(
  n: number,
  t: Float64Array,
  lat: Float64Array,
  lon: Float64Array,
  doppler: Float64Array,
  drop: Uint8Array,
  restart: Uint8Array,
  gapLimitMs: number,
  maxV: number,
  maxA: number,
  positional: boolean,
  counts: Float64Array,
): void {
  let last = -1;
  // A position jump was dropped since the last kept fix.
  let jumped = false;
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
          jumped = true;
          continue;
        }
        const v0 = doppler[last];
        if (v === v && v0 === v0 && Math.abs(v - v0) > maxA * dtS) {
          drop[i] = DROP_SPIKE;
          counts[2]++;
          continue;
        }
        if (jumped && (positional || v !== v) && jumpPersisted(t, lat, lon, drop, restart, gapLimitMs, last, i, maxA)) {
          restart[i] = 1;
          counts[3]++;
        }
      }
    }
    jumped = false;
    last = i;
  }
}

/**
 * After a dropped position jump: whether kept fix j, reached from the last kept fix k, asks for more
 * acceleration than a player has (maxA × the time + POSITION_NOISE_MS) over the speed from positions
 * before k (from the kept fix ~SPEED_BEFORE_MS earlier, within k's stretch). False when k has no
 * earlier kept fix in its stretch (the speed before is unknown).
 */
function jumpPersisted(t: Float64Array, lat: Float64Array, lon: Float64Array, drop: Uint8Array, restart: Uint8Array, gapLimitMs: number, k: number, j: number, maxA: number): boolean {
  // The kept fix ~SPEED_BEFORE_MS before k, not across a gap or a restart.
  let b = -1;
  let cur = k;
  for (let i = k - 1; i >= 0 && restart[cur] === 0; i--) {
    if (drop[i] !== 0) continue;
    if (t[cur] - t[i] > gapLimitMs) break;
    b = i;
    if (t[k] - t[i] >= SPEED_BEFORE_MS) break;
    cur = i;
  }
  if (b < 0 || !(t[k] > t[b])) return false;
  const before = haversineM(lat[b], lon[b], lat[k], lon[k]) / ((t[k] - t[b]) / 1000);
  const dtS = (t[j] - t[k]) / 1000;
  const jump = haversineM(lat[k], lon[k], lat[j], lon[j]) / dtS;
  return jump - before > maxA * dtS + POSITION_NOISE_MS;
}
