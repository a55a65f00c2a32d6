/**
 * Periods compared: the team's intensity in each period or drill (distance per minute, HSR per
 * minute, PlayerLoad per minute; the mean over the players with data in it), one small bar chart
 * per measure so a coach sees which drill was hardest. The session page and the report draw it.
 * Plain SVG (charts/scale.ts), each bar labelled with its value, so it reads in print too.
 */
import type { DisplayUnits } from '../../../shared/domain/units.ts';
import { PERIOD_INTENSITY_DECIMALS, periodIntensities } from '../../../shared/domain/team-view.ts';
import type { MetricValues } from '../../../shared/domain/metrics.ts';
import { AXIS_TEXT, BottomAxis, ValueAxis, type Plot } from './axes.tsx';
import { linear, niceTicks } from './scale.ts';

export interface PeriodsChartPeriod {
  id: string;
  name: string;
  startMs: number;
  endMs: number;
  rows: readonly { metrics: MetricValues; coverage: number }[];
}

/** Margins: the value labels above the bars in the top one, the slanted period names in the bottom one. */
const M = { top: 22, right: 8, bottom: 88, left: 48 };

export function PeriodsChart({ periods, units, width = 320, height = 260 }: { periods: readonly PeriodsChartPeriod[]; units: DisplayUnits; width?: number; height?: number }) {
  const data = periodIntensities(periods, units);
  if (data.length === 0) return null;
  const d = units.distance;
  const charts: { key: 'distancePerMin' | 'hsrPerMin' | 'playerLoadPerMin'; title: string; unit: string; colour: string; digits: number }[] = [
    { key: 'distancePerMin', title: 'Distance per minute', unit: `${d}/min`, colour: '#0047ab', digits: PERIOD_INTENSITY_DECIMALS.distancePerMin },
    { key: 'hsrPerMin', title: 'HSR per minute', unit: `${d}/min`, colour: '#d55e00', digits: PERIOD_INTENSITY_DECIMALS.hsrPerMin },
    { key: 'playerLoadPerMin', title: 'PlayerLoad per minute', unit: 'au/min', colour: '#009e73', digits: PERIOD_INTENSITY_DECIMALS.playerLoadPerMin },
  ];
  const plot: Plot = { x: M.left, y: M.top, width: Math.max(10, width - M.left - M.right), height: Math.max(10, height - M.top - M.bottom) };
  const band = plot.width / data.length;
  const barW = band * 0.8;
  return (
    <div className="p1-periods-charts p1-chart-fixed">
      {charts.map((c) => {
        const rows = data.map((p) => ({ name: p.name, value: p[c.key] == null ? null : Number(p[c.key]!.toFixed(c.digits)) }));
        const hardest = rows.reduce<{ name: string; value: number | null } | null>((best, r) => (r.value != null && (best?.value == null || r.value > best.value) ? r : best), null);
        const ticks = niceTicks(0, Math.max(0, ...rows.map((r) => r.value ?? 0)));
        const y = linear(ticks[0], ticks[ticks.length - 1], plot.y + plot.height, plot.y);
        return (
          <figure key={c.key} aria-label={`${c.title} per period`} data-measure={c.key} style={{ width }}>
            <svg className="p1-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${c.title} (${c.unit}) per period: ${rows.map((r) => `${r.name} ${r.value == null ? 'no data' : r.value.toFixed(c.digits)}`).join(', ')}`}>
              <ValueAxis plot={plot} ticks={ticks} y={y} fontSize={12} />
              {rows.map((r, i) => {
                const x = plot.x + i * band + (band - barW) / 2;
                const top = y(r.value ?? 0);
                return (
                  <g key={`${i}-${r.name}`}>
                    <rect className="p1-bar" x={x} y={top} width={barW} height={y(0) - top} fill={c.colour}>
                      <title>{`${r.name}: ${r.value == null ? 'no data' : `${r.value.toFixed(c.digits)} ${c.unit}`}`}</title>
                    </rect>
                    {r.value != null && (
                      <text className="p1-bar-value" x={x + barW / 2} y={top - 5} textAnchor="middle" fontSize={12} fill={AXIS_TEXT}>
                        {r.value.toFixed(c.digits)}
                      </text>
                    )}
                  </g>
                );
              })}
              <BottomAxis plot={plot} fontSize={12} angle={-20} ticks={rows.map((r, i) => ({ key: `${i}-${r.name}`, x: plot.x + (i + 0.5) * band, label: r.name }))} />
            </svg>
            <figcaption>
              <strong>{c.title}</strong> ({c.unit}), team mean{hardest ? `; highest: ${hardest.name}` : ''}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
