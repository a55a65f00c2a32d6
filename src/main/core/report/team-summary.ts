import type { MetricDef, MetricValues } from '../../../shared/domain/metrics.ts';
import type { TeamSummary } from '../../../shared/domain/report.ts';

/** Team mean (over players with a value) and total (additive metrics only). */
export function teamSummary(rows: MetricValues[], metrics: readonly MetricDef[]): TeamSummary {
  const mean: MetricValues = {};
  const total: MetricValues = {};
  for (const m of metrics) {
    let sum = 0;
    let n = 0;
    for (const r of rows) {
      const v = r[m.key];
      if (v != null && Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    mean[m.key] = n > 0 ? sum / n : null;
    total[m.key] = m.additive && n > 0 ? sum : null;
  }
  return { players: rows.length, mean, total };
}
