/**
 * Spike removal: a fix whose Doppler speed exceeds the limit or is negative (no receiver measures
 * a negative speed: a corrupt field, and a -Infinity would poison every step interpolated or
 * smoothed next to it), whose position implies a speed above the limit from the last kept fix,
 * or whose Doppler speed changes faster than the acceleration limit, is a spike (a receiver
 * glitch), not a sprint. It is dropped and the next fix is compared with the last kept one.
 * Comparisons never reach across a gap.
 *
 * A position jump that persists (the receiver's positions freeze, then leap a metre or two in one
 * fix and go on from there, as raw 10 Hz files show) is not ended by dropping its first fix: the
 * next fix, compared with the last kept one over twice the time, passes the speed limit, and the
 * leap would read as a burst of speed, an acceleration effort and the session's max acceleration
 * and deceleration. So after a dropped position jump, a kept fix that lies further from where the
 * track was heading (the velocity of the ~0.3 s before, from the fix before the last kept one)
 * than ½ · `maxAccelMs2` · Δt² + POSITION_NOISE_M restarts the track there (FixTable.restart): no
 * speed, acceleration or effort across the jump, its straight line estimated distance
 * (gaps.processor.ts; it is no gap). Only where the speed comes from positions (no Doppler speed
 * at either fix, or the positional speed source): a Doppler speed is not moved by a position jump.
 */
import type { CleaningProcessor } from './cleaning-processor.ts';
import { DROP_SPIKE } from '../track.ts';
import { EARTH_RADIUS_M, haversineM } from '../geo.ts';

export const spikes: CleaningProcessor = {
  id: 'spikes',
  label: 'Spike removal',
  rule: (s) =>
    `drop fixes with speed > ${s.spikes.maxSpeedMs} m/s (Doppler, or implied by the step from the last kept fix), a negative Doppler speed or a Doppler speed change beyond ±${s.spikes.maxAccelMs2} m/s² from the last kept fix; ` +
    `where speed comes from positions, a position jump that persists (the next kept fix lies more than ½ × ${s.spikes.maxAccelMs2} m/s² × t² + ${POSITION_NOISE_M} m from where the track was heading) restarts the track there, its straight line counted as estimated distance`,
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
        (persisted > 0 ? `; ${persisted} position jump(s) persisted: the track restarts after each (no speed or effort across the jump; its straight line is estimated distance, see Gaps)` : ''),
    };
  },
};

/**
 * m: how far a fix may lie from where the track was heading, beyond what the acceleration limit
 * allows, for position noise (raw 10 Hz positions come in steps of ~0.1-0.15 m, and the velocity
 * before is measured from them over ~0.3 s).
 */
export const POSITION_NOISE_M = 0.4;

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
        // Only where speed comes from positions: a Doppler speed is not moved by a position jump.
        if (jumped && (positional || v !== v || v0 !== v0) && jumpPersisted(t, lat, lon, drop, restart, gapLimitMs, last, i, maxA)) {
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
 * After a dropped position jump: whether kept fix j lies further from where the track was heading
 * than a player could get: more than ½ · maxA · Δt² + POSITION_NOISE_M from the position that the
 * velocity of the ~SPEED_BEFORE_MS before predicts, over the Δt from r. r is the kept fix before the
 * last kept one, k: k itself may be the bad fix (a stale position lagging behind a runner, or a
 * glitch backwards, makes the next true fix look like a jump from it, while from r the runner's
 * track runs on as predicted). b is the kept fix ~SPEED_BEFORE_MS before r; both within k's stretch
 * (not across a gap or a restart). False without them: the velocity before is unknown (a jump at a
 * stretch's start stays, as before 0.3.3).
 */
function jumpPersisted(t: Float64Array, lat: Float64Array, lon: Float64Array, drop: Uint8Array, restart: Uint8Array, gapLimitMs: number, k: number, j: number, maxA: number): boolean {
  const r = keptBefore(t, drop, restart, gapLimitMs, k, 0);
  if (r < 0) return false;
  const b = keptBefore(t, drop, restart, gapLimitMs, r, SPEED_BEFORE_MS);
  if (b < 0 || !(t[r] > t[b])) return false;
  const mLat = (EARTH_RADIUS_M * Math.PI) / 180;
  const mLon = mLat * Math.cos((lat[r] * Math.PI) / 180);
  const before = (t[r] - t[b]) / 1000;
  const dt = (t[j] - t[r]) / 1000;
  // Local metres north and east of r: where j is, less where the velocity before would have taken it.
  const dn = (lat[j] - lat[r]) * mLat - (((lat[r] - lat[b]) * mLat) / before) * dt;
  const de = (lon[j] - lon[r]) * mLon - (((lon[r] - lon[b]) * mLon) / before) * dt;
  return Math.sqrt(dn * dn + de * de) > 0.5 * maxA * dt * dt + POSITION_NOISE_M;
}

/**
 * The kept fix before `from` in its stretch, at least `atLeastMs` before it (else the earliest one
 * there is), or -1: none, or `from` starts a stretch (a gap before it, or a restart).
 */
function keptBefore(t: Float64Array, drop: Uint8Array, restart: Uint8Array, gapLimitMs: number, from: number, atLeastMs: number): number {
  let found = -1;
  let cur = from;
  for (let i = from - 1; i >= 0 && restart[cur] === 0; i--) {
    if (drop[i] !== 0) continue;
    if (t[cur] - t[i] > gapLimitMs) break;
    found = i;
    if (t[from] - t[i] >= atLeastMs) break;
    cur = i;
  }
  return found;
}
