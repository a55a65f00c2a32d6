/**
 * One bar per player for one metric, with the team mean as a reference line. The app's session
 * page and the offline report viewer both draw it, so the report shows exactly what the app shows.
 */
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricDef } from '../../../shared/domain/metrics.ts';
import { formatMean, formatMetric } from '../../../shared/domain/format.ts';

export interface TeamBarDatum {
  name: string;
  value: number | null;
}

export interface TeamBarChartProps {
  data: TeamBarDatum[];
  metric: MetricDef;
  mean: number | null;
  height?: number;
  /** Fixed width (px) instead of filling the container; used where no layout exists (print). */
  width?: number;
}

export function TeamBarChart({ data, metric, mean, height = 320, width }: TeamBarChartProps) {
  const rows = data.map((d) => ({ name: d.name, value: d.value ?? 0, missing: d.value == null }));
  const chart = (
    <BarChart data={rows} margin={{ top: 16, right: 136, bottom: 56, left: 16 }} width={width} height={width ? height : undefined}>
      <CartesianGrid stroke="#c8c8c8" vertical={false} />
      <XAxis dataKey="name" interval={0} angle={-30} textAnchor="end" tick={{ fill: '#111', fontSize: 13 }} height={60} />
      <YAxis tick={{ fill: '#111', fontSize: 13 }} tickFormatter={(v: number) => formatMetric(v, { ...metric, decimals: 0 })} />
      <Tooltip formatter={(v) => `${formatMetric(Number(v), metric)} ${metric.unit}`} />
      <Bar dataKey="value" name={`${metric.label} (${metric.unit})`} fill="#0047ab" isAnimationActive={false} />
      {/* After the bars, so the line is drawn over them; its label in the right margin, off the bars. */}
      {mean != null && (
        <ReferenceLine y={mean} stroke="#b00020" strokeDasharray="6 4" label={{ value: `team mean ${formatMean(mean, metric)}`, fill: '#b00020', fontSize: 13, position: 'right' }} />
      )}
    </BarChart>
  );
  return (
    <figure className={`team-bar-chart${width ? ' p1-chart-fixed' : ''}`} aria-label={`${metric.label} per player`} style={{ margin: 0 }}>
      {width ? chart : <ResponsiveContainer width="100%" height={height}>{chart}</ResponsiveContainer>}
      <figcaption style={{ fontSize: 14, color: '#3d3d3d' }}>
        {metric.label} ({metric.unit}) per player; dashed line: team mean.
      </figcaption>
    </figure>
  );
}
