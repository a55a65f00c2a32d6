/** The metric families, in report order. A new family is one file plus one line here. */
import type { MetricFamilyImpl } from './metric-family.ts';
import { distanceMetrics } from './distance.metric.ts';
import { velocityBandMetrics } from './velocity-bands.metric.ts';
import { sprintMetrics } from './sprints.metric.ts';
import { accelerationMetrics } from './accelerations.metric.ts';
import { playerLoadMetrics } from './player-load.metric.ts';
import { metabolicPowerMetrics } from './metabolic-power.metric.ts';
import { heartRateMetrics } from './heart-rate.metric.ts';
import { peakMetrics } from './peaks.metric.ts';

export const METRIC_FAMILIES: readonly MetricFamilyImpl[] = [
  distanceMetrics,
  velocityBandMetrics,
  sprintMetrics,
  accelerationMetrics,
  playerLoadMetrics,
  metabolicPowerMetrics,
  heartRateMetrics,
  peakMetrics,
];
