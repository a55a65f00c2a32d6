/**
 * A metric picker over the team bar chart: the results section of the app and the offline report
 * show the same control and the same chart. Buttons are styled by `.metric-picker` in each host's CSS.
 */
import { useState } from 'react';
import type { MetricDef, MetricValues } from '../../../shared/domain/metrics.ts';
import { TeamBarChart } from './TeamBarChart.tsx';

export interface MetricChartProps {
  metrics: readonly MetricDef[];
  rows: { name: string; metrics: MetricValues }[];
  mean: MetricValues;
  initialKey?: string;
  /** Fixed width (px), as the report draws it so it prints as shown; else it fills its container. */
  width?: number;
}

export function MetricChart({ metrics, rows, mean, initialKey = 'distance_m', width }: MetricChartProps) {
  const [key, setKey] = useState(initialKey);
  const metric = metrics.find((m) => m.key === key) ?? metrics[0];
  if (!metric) return null;
  return (
    <>
      <div className="metric-picker" role="group" aria-label="Chart metric">
        {metrics.map((m) => (
          <button key={m.key} type="button" aria-pressed={m.key === metric.key} onClick={() => setKey(m.key)}>
            {m.label}
          </button>
        ))}
      </div>
      <TeamBarChart
        data={rows.map((r) => ({ name: r.name, value: r.metrics[metric.key] ?? null }))}
        metric={metric}
        mean={mean[metric.key] ?? null}
        width={width}
      />
    </>
  );
}
