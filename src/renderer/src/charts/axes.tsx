/**
 * The parts every hand-drawn chart shares: the value axis with its grid lines, the category or
 * time axis' labels, and the hover box (an HTML box over the SVG, so it is never clipped by it).
 * Plain SVG, laid out by arithmetic: nothing is measured in the DOM.
 */
import type { ReactNode } from 'react';

export interface Plot {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const AXIS_TEXT = '#111';
export const GRID = '#d0d0d0';

/** The value axis on the left (line, ticks, labels) and a horizontal grid line per tick. */
export function ValueAxis({ plot, ticks, y, format = String, fontSize = 13, grid = GRID, unit }: {
  plot: Plot;
  ticks: readonly number[];
  y: (v: number) => number;
  format?: (v: number) => string;
  fontSize?: number;
  grid?: string;
  /** The unit written along the axis (rotated), if any. */
  unit?: string;
}) {
  return (
    <g className="p1-axis p1-axis-y">
      {ticks.map((t) => (
        <line key={`g${t}`} className="p1-grid" x1={plot.x} x2={plot.x + plot.width} y1={y(t)} y2={y(t)} stroke={grid} />
      ))}
      <line x1={plot.x} x2={plot.x} y1={plot.y} y2={plot.y + plot.height} stroke="#666" />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={plot.x - 6} x2={plot.x} y1={y(t)} y2={y(t)} stroke="#666" />
          <text x={plot.x - 8} y={y(t)} dy="0.35em" textAnchor="end" fill={AXIS_TEXT} fontSize={fontSize}>
            {format(t)}
          </text>
        </g>
      ))}
      {unit && (
        <text transform={`translate(${fontSize}, ${plot.y + plot.height / 2}) rotate(-90)`} textAnchor="middle" fill={AXIS_TEXT} fontSize={fontSize}>
          {unit}
        </text>
      )}
    </g>
  );
}

/** The axis line under the plot and a label per tick (`angle`: labels slanted, ending at their tick). */
export function BottomAxis({ plot, ticks, fontSize = 13, angle = 0 }: { plot: Plot; ticks: readonly { x: number; label: string; key: string | number }[]; fontSize?: number; angle?: number }) {
  const base = plot.y + plot.height;
  return (
    <g className="p1-axis p1-axis-x">
      <line x1={plot.x} x2={plot.x + plot.width} y1={base} y2={base} stroke="#666" />
      {ticks.map((t) => (
        <g key={t.key}>
          <line x1={t.x} x2={t.x} y1={base} y2={base + 6} stroke="#666" />
          {angle === 0 ? (
            <text x={t.x} y={base + 8} dy="0.71em" textAnchor="middle" fill={AXIS_TEXT} fontSize={fontSize}>
              {t.label}
            </text>
          ) : (
            <text transform={`translate(${t.x}, ${base + 10}) rotate(${angle})`} dy="0.71em" textAnchor="end" fill={AXIS_TEXT} fontSize={fontSize}>
              {t.label}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}

/**
 * The hover box, placed beside the pointer (left of it in the right half of the chart), inside the
 * chart's box. `at` is in the chart's own pixels.
 */
export function ChartTip({ at, chartWidth, children }: { at: { x: number; y: number } | null; chartWidth: number; children: ReactNode }) {
  if (!at) return null;
  const right = at.x > chartWidth / 2;
  return (
    <div className="p1-chart-tip" role="status" style={{ top: Math.max(0, at.y - 20), ...(right ? { right: chartWidth - at.x + 12 } : { left: at.x + 12 }) }}>
      {children}
    </div>
  );
}

/** Where a pointer event is, in the SVG's own units (for the data) and in CSS pixels over its box (for the hover box). */
export function pointerAt(svg: SVGSVGElement, e: { clientX: number; clientY: number }, viewWidth: number): { sx: number; sy: number; cx: number; cy: number; boxWidth: number } {
  const r = svg.getBoundingClientRect();
  const k = r.width > 0 ? viewWidth / r.width : 1;
  const cx = e.clientX - r.left;
  const cy = e.clientY - r.top;
  return { sx: cx * k, sy: cy * k, cx, cy, boxWidth: r.width };
}
