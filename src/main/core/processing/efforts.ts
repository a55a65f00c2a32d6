/**
 * Effort detection over the whole cleaned track (once per unit): sprint efforts by the entry /
 * exit / dwell rule, and acceleration or deceleration efforts above a threshold held for a
 * minimum time. An effort is attributed to the time of its first sample, so efforts add up
 * exactly when a session is split into periods. Efforts never run across a gap.
 *
 * A sample's duration is the step leading into it (the unit's interval at a stretch's start),
 * so "held for 1.0 s" at 10 Hz means 10 samples.
 */
import type { Kinematics } from './kinematics.ts';

export interface Effort {
  /** First and last sample (inclusive). */
  start: number;
  end: number;
  startMs: number;
  durationMs: number;
  distanceM: number;
  maxSpeedMs: number;
}

export interface SprintRule {
  entryMs: number;
  exitMs: number;
  entrySamples: number;
  minDurationS: number;
  maxDipS: number;
}

function weight(k: Kinematics, i: number): number {
  return k.dtMs[i] > 0 ? k.dtMs[i] : k.track.nominalMs;
}

function makeEffort(k: Kinematics, start: number, end: number): Effort {
  let dur = 0;
  let dist = 0;
  let vmax = 0;
  for (let i = start; i <= end; i++) {
    dur += weight(k, i);
    dist += k.dist[i];
    if (k.speed[i] > vmax) vmax = k.speed[i];
  }
  return { start, end, startMs: k.t[start], durationMs: dur, distanceM: dist, maxSpeedMs: vmax };
}

/**
 * STATSports' rule: an effort starts when the speed is at or above the entry speed for
 * `entrySamples` consecutive samples; it goes on while the speed stays at or above the exit
 * speed, a dip below it shorter than `maxDipS` not splitting it; it counts if it lasts at least
 * `minDurationS` (from its first sample to its last sample at or above the exit speed).
 */
export function sprintEfforts(k: Kinematics, r: SprintRule): Effort[] {
  const { n, speed } = k;
  const brk = k.track.breakBefore;
  const minMs = r.minDurationS * 1000 - 1e-6;
  const maxDipMs = r.maxDipS * 1000 - 1e-6;
  const out: Effort[] = [];
  let i = 0;
  while (i < n) {
    let run = 0;
    for (; i < n; i++) {
      if (brk[i] === 1) run = 0;
      if (speed[i] >= r.entryMs) {
        if (++run >= r.entrySamples) break;
      } else run = 0;
    }
    if (i >= n) break;
    const start = i - r.entrySamples + 1;
    let last = i;
    let dip = 0;
    let j = i + 1;
    for (; j < n && brk[j] === 0; j++) {
      if (speed[j] >= r.exitMs) {
        last = j;
        dip = 0;
      } else {
        dip += weight(k, j);
        if (dip >= maxDipMs) break;
      }
    }
    const e = makeEffort(k, start, last);
    if (e.durationMs >= minMs) out.push(e);
    i = last + 1;
  }
  return out;
}

/** Runs where value·sign ≥ threshold, lasting at least minDurationS (stretch starts never belong to one). */
export function thresholdEfforts(k: Kinematics, values: Float64Array, threshold: number, sign: 1 | -1, minDurationS: number): Effort[] {
  const { n, dtMs } = k;
  const minMs = minDurationS * 1000 - 1e-6;
  const out: Effort[] = [];
  let i = 0;
  while (i < n) {
    if (!(dtMs[i] > 0 && values[i] * sign >= threshold)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && dtMs[j + 1] > 0 && values[j + 1] * sign >= threshold) j++;
    const e = makeEffort(k, i, j);
    if (e.durationMs >= minMs) out.push(e);
    i = j + 1;
  }
  return out;
}
