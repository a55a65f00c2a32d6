/** Sprint efforts (STATSports' entry/exit/dwell rule), attributed to the window they start in. */
import type { MetricFamilyImpl } from './metric-family.ts';
import { meets } from '../prepared.ts';

export const sprintMetrics: MetricFamilyImpl = {
  id: 'sprints',
  compute(p, w) {
    const g = p.gnss;
    if (!g || !meets(g.k.t, w)) return { sprint_efforts: null, sprint_effort_distance_m: null, sprint_effort_max_speed_ms: null };
    let count = 0;
    let dist = 0;
    let vmax = -Infinity;
    for (const e of g.sprints) {
      if (e.startMs < w.startMs || e.startMs >= w.endMs) continue;
      count++;
      dist += e.distanceM;
      if (e.maxSpeedMs > vmax) vmax = e.maxSpeedMs;
    }
    return { sprint_efforts: count, sprint_effort_distance_m: dist, sprint_effort_max_speed_ms: vmax === -Infinity ? null : vmax };
  },
};
