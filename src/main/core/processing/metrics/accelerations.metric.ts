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
  compute(p, w) {
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
      let hi = -Infinity;
      let lo = Infinity;
      for (let i = from; i < to; i++) {
        if (dtMs[i] === 0) continue;
        const a = acc[i];
        if (a > hi) hi = a;
        if (a < lo) lo = a;
      }
      if (hi !== -Infinity) {
        out.max_accel_ms2 = hi;
        out.max_decel_ms2 = lo;
      }
    }
    return out;
  },
};
