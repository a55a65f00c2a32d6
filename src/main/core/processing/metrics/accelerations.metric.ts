/** Acceleration and deceleration efforts per threshold, max acceleration and deceleration. */
import type { MetricFamilyImpl } from './metric-family.ts';
import type { MetricValues } from '../../../../shared/domain/metrics.ts';
import type { Effort } from '../efforts.ts';
import { halfOpenRange } from '../time-window.ts';
import { meets } from '../prepared.ts';

const countIn = (efforts: Effort[], w: { startMs: number; endMs: number }) =>
  efforts.reduce((n, e) => n + (e.startMs >= w.startMs && e.startMs < w.endMs ? 1 : 0), 0);

export const accelerationMetrics: MetricFamilyImpl = {
  id: 'accelerations',
  compute(p, w, at) {
    const out: MetricValues = {};
    const g = p.gnss && meets(p.gnss.k.t, w) ? p.gnss : null;
    for (let i = 0; i < 3; i++) {
      out[`accel_efforts_${i + 1}`] = g ? countIn(g.accels[i], w) : null;
      out[`decel_efforts_${i + 1}`] = g ? countIn(g.decels[i], w) : null;
    }
    out.max_accel_ms2 = out.max_decel_ms2 = null;
    if (g) {
      const { t, acc, dtMs } = g.k;
      const { from, to } = halfOpenRange(t, w.startMs, w.endMs);
      // highest, lowest, and the sample index of each
      const range = Float64Array.of(-Infinity, Infinity, -1, -1);
      accelRange(acc, dtMs, from, to, range);
      if (range[0] !== -Infinity) {
        // A window where the speed never rises has no acceleration: 0, not its gentlest
        // deceleration (and never falls: no deceleration, not a positive one). Like a peak of 0,
        // no acceleration has no time.
        // (Not Math.min(0, x): that is -0 for x = -0.)
        out.max_accel_ms2 = range[0] > 0 ? range[0] : 0;
        out.max_decel_ms2 = range[1] < 0 ? range[1] : 0;
        if (range[0] > 0) at.max_accel_ms2 = { startMs: t[range[2]], endMs: t[range[2]] };
        if (range[1] < 0) at.max_decel_ms2 = { startMs: t[range[3]], endMs: t[range[3]] };
      }
    }
    return out;
  },
};

/**
 * Highest and lowest acceleration over the steps of [from, to) into range[0] and range[1], the
 * sample of the first of each into range[2] and range[3]. (A loop by itself: see engine.ts.)
 */
function accelRange(acc: Float64Array, dtMs: Float64Array, from: number, to: number, range: Float64Array): void {
  let hi = range[0];
  let lo = range[1];
  for (let i = from; i < to; i++) {
    if (dtMs[i] === 0) continue;
    const a = acc[i];
    if (a > hi) {
      range[0] = hi = a;
      range[2] = i;
    }
    if (a < lo) {
      range[1] = lo = a;
      range[3] = i;
    }
  }
}
