/**
 * One bar per player for one metric, with the team mean as a reference line. The app's session
 * page and the offline report viewer both draw it, so the report shows exactly what the app shows.
 * Plain SVG laid out by arithmetic (charts/scale.ts): it mounts in a few milliseconds and prints
 * at the size it shows. Hovering a bar gives the player's value.
 */
import { useState } from 'react';
import type { MetricDef } from '../../../shared/domain/metrics.ts';
import { formatMean, formatMetric } from '../../../shared/domain/format.ts';
import { BottomAxis, ChartTip, ValueAxis, pointerAt, type Plot } from './axes.tsx';
import { linear, niceTicks } from './scale.ts';
import { useChartWidth } from './use-chart-width.ts';

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

const BAR = '#0047ab';
const MEAN = '#b00020';
/** Margins: the mean's label sits in the right one, the slanted names in the bottom one. */
const M = { top: 16, right: 136, bottom: 116, left: 76 };

export function TeamBarChart({ data, metric, mean, height = 320, width }: TeamBarChartProps) {
  const { ref, width: w } = useChartWidth(width);
  const [hover, setHover] = useState<{ i: number; x: number; y: number; box: number } | null>(null);
  const plot: Plot = { x: M.left, y: M.top, width: Math.max(10, w - M.left - M.right), height: Math.max(10, height - M.top - M.bottom) };
  const values = data.map((d) => d.value ?? 0);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values, mean ?? 0));
  const y = linear(ticks[0], ticks[ticks.length - 1], plot.y + plot.height, plot.y);
  const band = plot.width / Math.max(1, data.length);
  const barW = band * 0.8;
  const zero = y(0);
  const tickLabel = (v: number) => formatMetric(v, { ...metric, decimals: 0 });
  const hovered = hover ? data[hover.i] : null;
  return (
    <figure className={`team-bar-chart${width ? ' p1-chart-fixed' : ''}`} aria-label={`${metric.label} per player`} style={{ margin: 0 }}>
      <div className="p1-chart-box" ref={ref}>
        <svg
          className="p1-chart"
          width={w}
          height={height}
          viewBox={`0 0 ${w} ${height}`}
          role="img"
          aria-label={`${metric.label} (${metric.unit}) per player, team mean ${mean == null ? 'not available' : formatMean(mean, metric)}`}
          onPointerMove={(e) => {
            const p = pointerAt(e.currentTarget, e, w);
            const i = Math.floor((p.sx - plot.x) / band);
            setHover(i >= 0 && i < data.length && p.sy >= plot.y && p.sy <= plot.y + plot.height ? { i, x: p.cx, y: p.cy, box: p.boxWidth } : null);
          }}
          onPointerLeave={() => setHover(null)}
        >
          <ValueAxis plot={plot} ticks={ticks} y={y} format={tickLabel} grid="#c8c8c8" />
          <g className="p1-bars">
            {data.map((d, i) => {
              const v = values[i];
              const top = Math.min(y(v), zero);
              return (
                <rect
                  key={`${i}-${d.name}`}
                  className="p1-bar"
                  data-missing={d.value == null ? '1' : undefined}
                  x={plot.x + i * band + (band - barW) / 2}
                  y={top}
                  width={barW}
                  height={Math.abs(zero - y(v))}
                  fill={BAR}
                  opacity={hover && hover.i !== i ? 0.75 : 1}
                />
              );
            })}
          </g>
          <BottomAxis plot={plot} angle={-30} ticks={data.map((d, i) => ({ key: `${i}-${d.name}`, x: plot.x + (i + 0.5) * band, label: d.name }))} />
          {mean != null && (
            <g className="p1-mean-line">
              <line x1={plot.x} x2={plot.x + plot.width} y1={y(mean)} y2={y(mean)} stroke={MEAN} strokeDasharray="6 4" />
              <text x={plot.x + plot.width + 5} y={y(mean)} dy="0.35em" fill={MEAN} fontSize={13}>
                team mean {formatMean(mean, metric)}
              </text>
            </g>
          )}
        </svg>
        <ChartTip at={hover} chartWidth={hover?.box ?? w}>
          {hovered && (
            <>
              <strong>{hovered.name}</strong>
              <br />
              {metric.label}: {hovered.value == null ? 'no value' : `${formatMetric(hovered.value, metric)} ${metric.unit}`}
            </>
          )}
        </ChartTip>
      </div>
      <figcaption style={{ fontSize: 14, color: '#3d3d3d' }}>
        {metric.label} ({metric.unit}) per player; dashed line: team mean.
      </figcaption>
    </figure>
  );
}
