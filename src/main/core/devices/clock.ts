/**
 * Unit clock correction. At handshake the host measures offset = unit clock − host clock
 * (link.ts, clockOffsetFromRoundTrip); every time the unit wrote is then host time + offset,
 * so host time = unit time − offset. Pure functions: they never change their input.
 */
import type { Recording } from '../formats/canonical.ts';

export function unitToHostMs(unitMs: number, clockOffsetMs: number): number {
  return unitMs - clockOffsetMs;
}

export function shiftTimes(t: Float64Array, clockOffsetMs: number): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) out[i] = t[i] - clockOffsetMs;
  return out;
}

/** A copy of a decoded recording with every stream's time moved onto the host clock. */
export function applyClockOffset(rec: Recording, clockOffsetMs: number): Recording {
  if (clockOffsetMs === 0 || !Number.isFinite(clockOffsetMs)) return rec;
  return {
    ...rec,
    gnss: rec.gnss ? { ...rec.gnss, t: shiftTimes(rec.gnss.t, clockOffsetMs) } : null,
    imu: rec.imu ? { ...rec.imu, t: shiftTimes(rec.imu.t, clockOffsetMs) } : null,
    hr: rec.hr ? { ...rec.hr, t: shiftTimes(rec.hr.t, clockOffsetMs) } : null,
    problems: [
      ...rec.problems,
      {
        severity: 'info',
        code: 'clock-offset-applied',
        message: `unit clock ${clockOffsetMs >= 0 ? 'ahead of' : 'behind'} the laptop by ${Math.abs(clockOffsetMs)} ms; times corrected`,
        file: rec.source,
      },
    ],
  };
}
