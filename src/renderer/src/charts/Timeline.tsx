/**
 * The timeline: speed, heart rate or PlayerLoad over time for one or several players, drawn from
 * the stored 1 s chart series (the report embeds them merged to a few seconds), with the periods
 * shaded and named, sprint efforts marked on the speed trace, and a zoom to one period. The app's
 * session page and the report draw this one component.
 */
import { useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis, ZIndexLayer, DefaultZIndexes, usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { ChartSeries, EffortLists } from '../../../shared/domain/player-result.ts';
import { formatTime } from '../../../shared/domain/format.ts';
import { speedFromMs, type DisplayUnits } from '../../../shared/domain/units.ts';
import { bucketFor, decimateMinMax } from './decimate.ts';

export interface TimelinePlayer {
  playerId: string;
  name: string;
  series: ChartSeries | null | undefined;
  efforts: EffortLists | null | undefined;
}

export interface TimelineProps {
  players: readonly TimelinePlayer[];
  periods: readonly { id: string; name: string; startMs: number; endMs: number }[];
  units: DisplayUnits;
  timeZone?: string;
  /** Fixed width (px): the report draws at a fixed size so it prints as it shows. Else it fills its container. */
  width?: number;
  height?: number;
  /** Players drawn at first (default: the first two with data). */
  initial?: string[];
}

type Measure = 'speed' | 'hr' | 'load';

/** Eight colours told apart in print and by most colour-blind readers (Okabe–Ito, darkened). */
export const PLAYER_COLOURS = ['#0047ab', '#d55e00', '#009e73', '#cc79a7', '#6b4c00', '#56b4e9', '#000000', '#b00020'];
const PERIOD_FILLS = ['#e8eef8', '#f4ece0'];
/**
 * Points drawn per line at most (charts/decimate.ts): each bucket's low and high, 300 buckets
 * across a chart ~1 000 px wide. recharts' cost grows with the points (per-point objects, labels,
 * path length): 5 400 points per line made the timeline's mount alone a long task.
 */
const MAX_LINE_POINTS = 600;

export function Timeline({ players, periods, units, timeZone, width, height = 340, initial }: TimelineProps) {
  const withData = useMemo(() => players.filter((p) => p.series && p.series.speedMs.length > 0), [players]);
  const [chosen, setChosen] = useState<string[]>(() => initial ?? withData.slice(0, 2).map((p) => p.playerId));
  const [measure, setMeasure] = useState<Measure>('speed');
  const [zoom, setZoom] = useState<string | null>(null);
  const zoomed = periods.find((p) => p.id === zoom) ?? null;
  const hasHr = withData.some((p) => p.series?.hrBpm?.some((v) => v != null));
  const hasLoad = withData.some((p) => p.series?.playerLoad?.some((v) => v != null));
  const unit = measure === 'speed' ? units.speed : measure === 'hr' ? 'bpm' : 'au/min';
  const label = measure === 'speed' ? 'Speed' : measure === 'hr' ? 'Heart rate' : 'PlayerLoad per minute';

  const starts = withData.map((p) => p.series!.startMs);
  const ends = withData.map((p) => p.series!.startMs + p.series!.speedMs.length * p.series!.stepS * 1000);
  const domain: [number, number] = zoomed ? [zoomed.startMs, zoomed.endMs] : [Math.min(...starts, ...periods.map((p) => p.startMs)), Math.max(...ends, ...periods.map((p) => p.endMs))];
  // One time grid for every line (charts/decimate.ts), so the tooltip finds each player's value.
  const stepMs = (withData[0]?.series?.stepS ?? 1) * 1000;
  const bucketMs = bucketFor(domain[0], domain[1], MAX_LINE_POINTS, stepMs);
  const [from] = domain;
  const lines = useMemo(
    () =>
      withData
        .filter((p) => chosen.includes(p.playerId))
        .map((p) => {
          const s = p.series!;
          const src = measure === 'speed' ? s.speedMs : measure === 'hr' ? s.hrBpm : s.playerLoad;
          const conv = (v: number) => (measure === 'speed' ? speedFromMs(v, units.speed) : measure === 'load' ? (v / s.stepS) * 60 : v);
          const data: { t: number; v: number | null }[] = [];
          (src ?? []).forEach((v, i) => {
            const t = s.startMs + i * s.stepS * 1000;
            if (zoomed && (t < zoomed.startMs || t >= zoomed.endMs)) return;
            data.push({ t, v: v == null ? null : Math.round(conv(v) * 100) / 100 });
          });
          const sprints = measure === 'speed' ? (p.efforts?.sprints ?? []).filter((e) => !zoomed || (e.startMs >= zoomed.startMs && e.startMs < zoomed.endMs)) : [];
          return { p, data: markExtremes(decimateMinMax(data, from, bucketMs), data), sprints };
        }),
    [withData, chosen, measure, zoomed, units.speed, from, bucketMs],
  );
  // Drawn in buckets when a line has more than two values a bucket (decimate.ts leaves it as it is otherwise).
  const bucketed = lines.some(({ data }) => data.length > 0 && 'k' in data[0]);
  if (withData.length === 0) return <p className="muted">No player has a speed trace to draw.</p>;
  const colour = (id: string) => PLAYER_COLOURS[withData.findIndex((p) => p.playerId === id) % PLAYER_COLOURS.length];
  const hhmm = (t: number) => formatTime(t, timeZone).slice(0, 5);
  const ticks = minuteTicks(domain, 10);

  const chart = (
    <LineChart width={width} height={width ? height : undefined} margin={{ top: 24, right: 24, bottom: 8, left: 8 }}>
      <CartesianGrid stroke="#d0d0d0" />
      {periods.map((p, i) =>
        !zoomed || p.id === zoomed.id ? (
          <ReferenceArea
            key={p.id}
            x1={Math.max(p.startMs, domain[0])}
            x2={Math.min(p.endMs, domain[1])}
            fill={PERIOD_FILLS[i % 2]}
            fillOpacity={1}
            stroke="#8a8a8a"
            strokeDasharray="3 3"
            ifOverflow="hidden"
            label={{ value: p.name, position: 'insideTop', fill: '#0b0b0b', fontSize: 13 }}
            className="p1-period-area"
          />
        ) : null,
      )}
      <XAxis dataKey="t" type="number" domain={domain} allowDataOverflow ticks={ticks} tickFormatter={hhmm} tick={{ fill: '#111', fontSize: 13 }} />
      <YAxis tick={{ fill: '#111', fontSize: 13 }} width={48} label={{ value: unit, angle: -90, position: 'insideLeft', fill: '#111', fontSize: 13 }} />
      <Tooltip
        labelFormatter={(t) => {
          if (!bucketed) return formatTime(Number(t), timeZone);
          const start = from + Math.floor((Number(t) - from) / bucketMs) * bucketMs;
          return `${formatTime(start, timeZone)}–${formatTime(start + bucketMs, timeZone)} (${bucketMs / 1000} s)`;
        }}
        formatter={(v, _name, item) => {
          const k = (item?.payload as { k?: string } | undefined)?.k;
          return `${Number(v).toFixed(measure === 'hr' ? 0 : 1)} ${unit}${bucketed && k ? `, ${k} in these ${bucketMs / 1000} s` : ''}`;
        }}
      />
      {lines.map(({ p, data }) => (
        <Line key={p.playerId} data={data} dataKey="v" name={p.name} stroke={colour(p.playerId)} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false} className="p1-player-line" />
      ))}
      <SprintDots dots={lines.flatMap(({ p, sprints }) => sprints.map((e) => ({ key: `${p.playerId}-${e.startMs}`, t: e.startMs + (e.durationS * 1000) / 2, v: Math.round(speedFromMs(e.maxSpeedMs, units.speed) * 10) / 10, fill: colour(p.playerId) })))} />
    </LineChart>
  );

  return (
    <figure className={`p1-timeline${width ? ' p1-chart-fixed' : ''}`} style={{ margin: 0 }} aria-label={`${label} over time`}>
      <div className="p1-chart-tools">
        <div role="group" aria-label="Timeline shows">
          {(['speed', 'hr', 'load'] as Measure[]).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={measure === m}
              disabled={(m === 'hr' && !hasHr) || (m === 'load' && !hasLoad)}
              onClick={() => setMeasure(m)}
            >
              {m === 'speed' ? 'Speed' : m === 'hr' ? 'Heart rate' : 'PlayerLoad'}
            </button>
          ))}
        </div>
        {periods.length > 0 && (
          <div role="group" aria-label="Zoom to">
            <button type="button" aria-pressed={!zoomed} onClick={() => setZoom(null)}>
              Whole session
            </button>
            {periods.map((p) => (
              <button key={p.id} type="button" aria-pressed={zoomed?.id === p.id} onClick={() => setZoom(p.id)}>
                {p.name}
              </button>
            ))}
          </div>
        )}
        <fieldset>
          <legend>Players</legend>
          {withData.map((p) => (
            <label key={p.playerId}>
              <input
                type="checkbox"
                checked={chosen.includes(p.playerId)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.playerId] : c.filter((x) => x !== p.playerId)))}
                name={`timeline-${p.playerId}`}
              />
              {p.name}
            </label>
          ))}
        </fieldset>
      </div>
      {width ? chart : <ResponsiveContainer width="100%" height={height}>{chart}</ResponsiveContainer>}
      <ul className="p1-line-legend" aria-label="Players drawn">
        {lines.map(({ p }) => (
          <li key={p.playerId}>
            <span style={{ background: colour(p.playerId) }} aria-hidden="true" /> {p.name}
          </li>
        ))}
      </ul>
      <figcaption>
        {label} ({unit}) over time{zoomed ? `, ${zoomed.name}` : ''}
        {bucketed ? `; each point: ${bucketMs / 1000} s, its highest and lowest value` : `; each point: ${stepMs / 1000} s`}; shaded: periods{measure === 'speed' ? '; dots: sprint efforts at their top speed' : ''}. Times in{' '}
        {timeZone ?? 'local time'}.
      </figcaption>
    </figure>
  );
}

/**
 * Names each drawn point of a bucketed line the highest or the lowest of its bucket (for the
 * tooltip). A line decimate.ts left as it is (the same array) gets no names: its points are the values.
 */
function markExtremes(out: { t: number; v: number | null }[], src: { t: number; v: number | null }[]): { t: number; v: number | null; k?: string }[] {
  if (out === src) return out;
  return out.map((p, i) => {
    const other = out[i % 2 === 0 ? i + 1 : i - 1];
    if (p.v == null) return { ...p, k: '' };
    const k = other?.v == null || p.v > other.v ? 'highest' : other.v === p.v ? 'highest and lowest' : 'lowest';
    return { ...p, k };
  });
}

/** Ticks on whole minutes (1, 2, 5, 10, 15, 30 or 60 apart), about `most` of them across the domain. */
export function minuteTicks([a, b]: [number, number], most: number): number[] {
  const span = (b - a) / 60_000;
  const step = [1, 2, 5, 10, 15, 30, 60, 120].find((m) => span / m <= most) ?? 240;
  const stepMs = step * 60_000;
  const out: number[] = [];
  for (let t = Math.ceil(a / stepMs) * stepMs; t <= b && out.length < 100; t += stepMs) out.push(t);
  return out;
}

/**
 * Sprint efforts as dots at their top speed, drawn with the chart's scales. Not a ReferenceDot
 * each: every reference element is an update of recharts' store that drew the lines again (a long
 * task of the window with 40 sprints), and not a series: the tooltip would take its times too.
 */
function SprintDots({ dots }: { dots: { key: string; t: number; v: number; fill: string }[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const area = usePlotArea();
  if (!x || !y || !area) return null;
  const inside = (px: number, py: number) => px >= area.x && px <= area.x + area.width && py >= area.y && py <= area.y + area.height;
  // Above the lines and the shaded periods, as a scatter series would be.
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
    <g className="p1-effort-dots">
      {dots.map((d) => {
        const cx = x(d.t);
        const cy = y(d.v);
        if (cx == null || cy == null || !inside(cx, cy)) return null;
        return <circle key={d.key} className="p1-effort-dot" cx={cx} cy={cy} r={4} fill={d.fill} stroke="#fff" strokeWidth={1} />;
      })}
    </g>
    </ZIndexLayer>
  );
}
