/**
 * The timeline: speed, heart rate or PlayerLoad over time for one or several players, drawn from
 * the stored 1 s chart series (the report embeds them merged to a few seconds), with the periods
 * shaded and named, sprint efforts marked on the speed trace, and a zoom to one period. The app's
 * session page and the report draw this one component.
 */
import { useId, useMemo, useState } from 'react';
import { BottomAxis, ChartTip, GRID, ValueAxis, pointerAt, type Plot } from './axes.tsx';
import { linePath, linear, niceTicks } from './scale.ts';
import { useChartWidth } from './use-chart-width.ts';
import type { ChartSeries, EffortLists } from '../../../shared/domain/player-result.ts';
import { formatTime } from '../../../shared/domain/format.ts';
import { speedFromMs, type DisplayUnits } from '../../../shared/domain/units.ts';
import { bucketFor, decimateColumns } from './decimate.ts';

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
 * across a chart ~1 000 px wide. A line's cost grows with its points (the path's length, the hover
 * box's lookups): 5 400 points per line made the timeline's mount alone a long task (with recharts,
 * which the charts used before).
 */
const MAX_LINE_POINTS = 600;
/** Margins: the value axis and its unit on the left, the times below. */
const M = { top: 24, right: 24, bottom: 38, left: 56 };

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
          // The values as drawn (rounded to 0.01; NaN: none) and their times, in two columns: an
          // object per drawn point only, not per second of a 90-minute trace (decimate.ts).
          const values = src ?? [];
          const ts = new Float64Array(values.length);
          const vs = new Float64Array(values.length);
          let n = 0;
          for (let i = 0; i < values.length; i++) {
            const t = s.startMs + i * s.stepS * 1000;
            if (zoomed && (t < zoomed.startMs || t >= zoomed.endMs)) continue;
            const v = values[i];
            ts[n] = t;
            vs[n] = v == null ? NaN : Math.round(conv(v) * 100) / 100;
            n++;
          }
          const drawn = decimateColumns(ts.subarray(0, n), vs.subarray(0, n), from, bucketMs);
          const data = drawn ? markExtremes(drawn) : Array.from({ length: n }, (_, i) => ({ t: ts[i], v: vs[i] === vs[i] ? vs[i] : null }));
          const sprints = measure === 'speed' ? (p.efforts?.sprints ?? []).filter((e) => !zoomed || (e.startMs >= zoomed.startMs && e.startMs < zoomed.endMs)) : [];
          return { p, data, sprints };
        }),
    [withData, chosen, measure, zoomed, units.speed, from, bucketMs],
  );
  // Drawn in buckets when a line has more than two values a bucket (decimate.ts leaves it as it is otherwise).
  const { ref, width: w } = useChartWidth(width);
  const [hover, setHover] = useState<{ sx: number; x: number; y: number; box: number } | null>(null);
  const clipId = `p1-tl-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const bucketed = lines.some(({ data }) => data.length > 0 && 'k' in data[0]);
  if (withData.length === 0) return <p className="muted">No player has a speed trace to draw.</p>;
  const colour = (id: string) => PLAYER_COLOURS[withData.findIndex((p) => p.playerId === id) % PLAYER_COLOURS.length];
  const hhmm = (t: number) => formatTime(t, timeZone).slice(0, 5);
  const ticks = minuteTicks(domain, 10);

  const plot: Plot = { x: M.left, y: M.top, width: Math.max(10, w - M.left - M.right), height: Math.max(10, height - M.top - M.bottom) };
  const x = linear(domain[0], domain[1], plot.x, plot.x + plot.width);
  let top = 0;
  for (const { data } of lines) for (const p of data) if (p.v != null && p.v > top) top = p.v;
  const yTicks = niceTicks(0, top);
  const y = linear(yTicks[0], yTicks[yTicks.length - 1], plot.y + plot.height, plot.y);
  const inside = (px: number, py: number) => px >= plot.x && px <= plot.x + plot.width && py >= plot.y && py <= plot.y + plot.height;
  const dots = lines.flatMap(({ p, sprints }) =>
    sprints.map((e) => ({ key: `${p.playerId}-${e.startMs}`, t: e.startMs + (e.durationS * 1000) / 2, v: Math.round(speedFromMs(e.maxSpeedMs, units.speed) * 10) / 10, fill: colour(p.playerId) })),
  );
  // The hover: the drawn point nearest the pointer's time on each line (one time grid for all when bucketed).
  const tip = hover ? tipAt(lines, domain[0] + ((hover.sx - plot.x) / plot.width) * (domain[1] - domain[0])) : null;
  const tipLabel = (t: number) => {
    if (!bucketed) return formatTime(t, timeZone);
    const start = from + Math.floor((t - from) / bucketMs) * bucketMs;
    return `${formatTime(start, timeZone)}–${formatTime(start + bucketMs, timeZone)} (${bucketMs / 1000} s)`;
  };

  const chart = (
    <svg
      className="p1-chart"
      width={w}
      height={height}
      viewBox={`0 0 ${w} ${height}`}
      role="img"
      aria-label={`${label} (${unit}) of ${lines.map(({ p }) => p.name).join(', ') || 'no player'} over time`}
      onPointerMove={(e) => {
        const at = pointerAt(e.currentTarget, e, w);
        setHover(inside(at.sx, at.sy) ? { sx: at.sx, x: at.cx, y: at.cy, box: at.boxWidth } : null);
      }}
      onPointerLeave={() => setHover(null)}
    >
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
        </clipPath>
      </defs>
      {ticks.map((t) => (
        <line key={t} className="p1-grid" x1={x(t)} x2={x(t)} y1={plot.y} y2={plot.y + plot.height} stroke={GRID} />
      ))}
      <ValueAxis plot={plot} ticks={yTicks} y={y} unit={unit} />
      {periods.map((p, i) => {
        if (zoomed && p.id !== zoomed.id) return null;
        const x1 = x(Math.max(p.startMs, domain[0]));
        const x2 = x(Math.min(p.endMs, domain[1]));
        if (!(x2 > x1)) return null;
        return (
          <g key={p.id} className="p1-period">
            <rect className="p1-period-area" x={x1} y={plot.y} width={x2 - x1} height={plot.height} fill={PERIOD_FILLS[i % 2]} stroke="#8a8a8a" strokeDasharray="3 3" />
            <text x={(x1 + x2) / 2} y={plot.y + 5} dy="0.9em" textAnchor="middle" fill="#0b0b0b" fontSize={13}>
              {p.name}
            </text>
          </g>
        );
      })}
      {/* The grid again over the shaded periods, faintly, so values can be read across them. */}
      {yTicks.map((t) => (
        <line key={t} x1={plot.x} x2={plot.x + plot.width} y1={y(t)} y2={y(t)} stroke={GRID} strokeOpacity={0.6} />
      ))}
      <BottomAxis plot={plot} ticks={ticks.map((t) => ({ key: t, x: x(t), label: hhmm(t) }))} />
      <g clipPath={`url(#${clipId})`}>
        {lines.map(({ p, data }) => (
          <path key={p.playerId} className="p1-player-line" data-player={p.playerId} d={linePath(data, x, y)} fill="none" stroke={colour(p.playerId)} strokeWidth={1.5} strokeLinejoin="round" />
        ))}
      </g>
      <g className="p1-effort-dots">
        {dots.map((d) => {
          const cx = x(d.t);
          const cy = y(d.v);
          return inside(cx, cy) ? <circle key={d.key} className="p1-effort-dot" cx={cx} cy={cy} r={4} fill={d.fill} stroke="#fff" strokeWidth={1} /> : null;
        })}
      </g>
      {tip && <line className="p1-cursor" x1={x(tip.t)} x2={x(tip.t)} y1={plot.y} y2={plot.y + plot.height} stroke="#555" />}
    </svg>
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
      <div className="p1-chart-box" ref={ref}>
        {chart}
        <ChartTip at={tip && hover} chartWidth={hover?.box ?? w}>
          {tip && (
            <>
              <strong>{tipLabel(tip.t)}</strong>
              {tip.rows.map((r) => (
                <span key={r.playerId} className="p1-tip-row" style={{ color: colour(r.playerId) }}>
                  {r.name}: {r.v == null ? 'no value' : `${r.v.toFixed(measure === 'hr' ? 0 : 1)} ${unit}${bucketed && r.k ? `, ${r.k} in these ${bucketMs / 1000} s` : ''}`}
                </span>
              ))}
            </>
          )}
        </ChartTip>
      </div>
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
 * tooltip). A line decimate.ts left as it is gets no names: its points are the values.
 */
function markExtremes(out: { t: number; v: number | null }[]): { t: number; v: number | null; k?: string }[] {
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

type Drawn = { p: TimelinePlayer; data: { t: number; v: number | null; k?: string }[] };

/** Each drawn line's point nearest `t` (binary search: points are in time order), at the first line's nearest time. */
function tipAt(lines: readonly Drawn[], t: number): { t: number; rows: { playerId: string; name: string; v: number | null; k?: string }[] } | null {
  const nearest = (data: Drawn['data'], at: number) => {
    let lo = 0;
    let hi = data.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (data[mid].t < at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && Math.abs(data[lo - 1].t - at) <= Math.abs(data[lo].t - at) ? data[lo - 1] : data[lo];
  };
  const first = lines.find((l) => l.data.length > 0);
  if (!first) return null;
  const at = nearest(first.data, t).t;
  return {
    t: at,
    rows: lines
      .filter((l) => l.data.length > 0)
      .map((l) => {
        const q = nearest(l.data, at);
        return { playerId: l.p.playerId, name: l.p.name, v: q.t === at ? q.v : null, k: q.t === at ? q.k : undefined };
      }),
  };
}
