/**
 * One family of metrics (distance, velocity bands, sprints...): one file each, listed in
 * registry.ts. A family computes all of its catalogue keys (src/shared/domain/metrics.ts) for a
 * window, null where the unit has no data for it (absent, never zero). A family whose catalogue
 * entries have `when` also writes, into `at`, when each of those values happened.
 */
import type { MetricFamily, MetricMoments, MetricValues } from '../../../../shared/domain/metrics.ts';
import type { MetricWindow, PreparedPlayer } from '../prepared.ts';

export interface MetricFamilyImpl {
  id: MetricFamily;
  compute(p: PreparedPlayer, w: MetricWindow, at: MetricMoments): MetricValues;
}
