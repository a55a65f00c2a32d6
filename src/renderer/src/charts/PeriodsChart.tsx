/**
 * Periods compared: the team's intensity in each period or drill (distance per minute, HSR per
 * minute, PlayerLoad per minute; the mean over the players with data in it), one small bar chart
 * per measure so a coach sees which drill was hardest. The session page and the report draw it.
 */
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { DisplayUnits } from '../../../shared/domain/units.ts';
import { periodIntensities } from '../../../shared/domain/team-view.ts';
import type { MetricValues } from '../../../shared/domain/metrics.ts';

export interface PeriodsChartPeriod {
  id: string;
  name: string;
  startMs: number;
  endMs: number;
  rows: readonly { metrics: MetricValues; coverage: number }[];
}

export function PeriodsChart({ periods, units, width = 320, height = 260 }: { periods: readonly PeriodsChartPeriod[]; units: DisplayUnits; width?: number; height?: number }) {
  const data = periodIntensities(periods, units);
  if (data.length === 0) return null;
  const d = units.distance;
  const charts: { key: 'distancePerMin' | 'hsrPerMin' | 'playerLoadPerMin'; title: string; unit: string; colour: string; digits: number }[] = [
    { key: 'distancePerMin', title: 'Distance per minute', unit: `${d}/min`, colour: '#0047ab', digits: 0 },
    { key: 'hsrPerMin', title: 'HSR per minute', unit: `${d}/min`, colour: '#d55e00', digits: 1 },
    { key: 'playerLoadPerMin', title: 'PlayerLoad per minute', unit: 'au/min', colour: '#009e73', digits: 2 },
  ];
  return (
    <div className="p1-periods-charts p1-chart-fixed">
      {charts.map((c) => {
        const rows = data.map((p) => ({ name: p.name, value: p[c.key] == null ? null : Number(p[c.key]!.toFixed(c.digits)) }));
        const hardest = rows.reduce<{ name: string; value: number | null } | null>((best, r) => (r.value != null && (best?.value == null || r.value > best.value) ? r : best), null);
        return (
          <figure key={c.key} aria-label={`${c.title} per period`} data-measure={c.key} style={{ width }}>
            <BarChart width={width} height={height} data={rows} margin={{ top: 22, right: 8, bottom: 40, left: 4 }}>
              <CartesianGrid stroke="#d0d0d0" vertical={false} />
              <XAxis dataKey="name" interval={0} angle={-20} textAnchor="end" tick={{ fill: '#111', fontSize: 12 }} height={48} />
              <YAxis tick={{ fill: '#111', fontSize: 12 }} width={44} />
              <Tooltip formatter={(v) => `${String(v)} ${c.unit}`} />
              <Bar dataKey="value" name={`${c.title} (${c.unit})`} fill={c.colour} isAnimationActive={false}>
                <LabelList dataKey="value" position="top" fontSize={12} fill="#111" />
              </Bar>
            </BarChart>
            <figcaption>
              <strong>{c.title}</strong> ({c.unit}), team mean{hardest ? `; highest: ${hardest.name}` : ''}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
