/**
 * The timeline: speed, heart rate or PlayerLoad over time for one or several players, drawn from
 * the stored 1 s chart series (the report embeds them at full resolution), with the periods
 * shaded and named, the efforts marked on each drawn player's trace (sprints, accelerations and
 * decelerations of a chosen threshold; a shape each, a legend that shows or hides each kind, a
 * tooltip naming the effort as its row in the effort lists does), and a zoom to one period. The
 * app's session page and the report draw this one component.
 */
import { useId, useMemo, useState } from 'react';
import { BottomAxis, ChartTip, GRID, ValueAxis, pointerAt, type Plot } from './axes.tsx';
import { linePath, linear, niceTicks } from './scale.ts';
import { useChartWidth } from './use-chart-width.ts';
import type { ChartSeries, EffortLists, EffortRecord } from '../../../shared/domain/player-result.ts';
import { formatThreshold, formatTime } from '../../../shared/domain/format.ts';
import { speedFromMs, type DisplayUnits } from '../../../shared/domain/units.ts';
import { effortFormat, effortKindLabel } from '../../../shared/domain/effort-table.ts';
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

export type EffortKind = 'sprint' | 'accel' | 'decel';
const KINDS: readonly EffortKind[] = ['sprint', 'accel', 'decel'];
/**
 * The acceleration / deceleration threshold marked at first: the team table's (accel_efforts_2 in
 * HEADLINE_KEYS, 3 m/s² by default, STATSports'), so the marks at first are the efforts its columns
 * count. A number here, not read from metrics.ts: that module brings the settings' schema (zod),
 * ~110 kB, into the report's viewer.
 */
export const HEADLINE_BAND = 1;
/** Pointer distance (chart px) within which a mark's tooltip shows instead of the traces' values. */
const MARK_HIT = 9;

/** One effort as marked: where (t: its middle; v: on the player's trace), and what, for the tooltip. */
interface Mark {
  key: string;
  kind: EffortKind;
  p: TimelinePlayer;
  e: EffortRecord;
  threshold?: number;
  t: number;
  v: number;
}

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
  const [shownKinds, setShownKinds] = useState<Record<EffortKind, boolean>>({ sprint: true, accel: true, decel: true });
  // The thresholds the results were computed with (the team's three; the first player with lists says
  // which). The team table's until one is chosen (null), also when the lists arrive after the first render.
  const bands = useMemo(() => players.find((p) => p.efforts)?.efforts?.accels.map((b) => b.thresholdMs2) ?? [], [players]);
  const [chosenBand, setBand] = useState<number | null>(null);
  const band = chosenBand ?? Math.min(HEADLINE_BAND, Math.max(0, bands.length - 1));
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
          // The efforts that start in the range shown (as a period's counts: those starting in it), each
          // at its middle: on the speed trace at its top speed (a sprint) or halfway between its start and
          // end speeds (an acceleration, a deceleration); on the other traces at the trace's 1 s value there.
          const at = (e: EffortRecord, speed: number) => {
            const mid = e.startMs + (e.durationS * 1000) / 2;
            if (measure === 'speed') return { t: mid, v: Math.round(speedFromMs(speed, units.speed) * 100) / 100 };
            const i = Math.min(values.length - 1, Math.max(0, Math.floor((mid - s.startMs) / (s.stepS * 1000))));
            const raw = values[i];
            return { t: mid, v: raw == null ? 0 : Math.round(conv(raw) * 100) / 100 };
          };
          const inRange = (e: EffortRecord) => !zoomed || (e.startMs >= zoomed.startMs && e.startMs < zoomed.endMs);
          const ef = p.efforts;
          const acc = ef?.accels[band];
          const dec = ef?.decels[band];
          const marks: Mark[] = [
            ...(ef?.sprints ?? []).filter(inRange).map((e) => ({ key: `${p.playerId}-s-${e.startMs}`, kind: 'sprint' as const, p, e, ...at(e, e.maxSpeedMs) })),
            ...(acc?.efforts ?? []).filter(inRange).map((e) => ({ key: `${p.playerId}-a-${e.startMs}`, kind: 'accel' as const, p, e, threshold: acc!.thresholdMs2, ...at(e, (e.startSpeedMs + e.endSpeedMs) / 2) })),
            ...(dec?.efforts ?? []).filter(inRange).map((e) => ({ key: `${p.playerId}-d-${e.startMs}`, kind: 'decel' as const, p, e, threshold: dec!.thresholdMs2, ...at(e, (e.startSpeedMs + e.endSpeedMs) / 2) })),
          ];
          return { p, data, marks };
        }),
    [withData, chosen, measure, zoomed, units.speed, from, bucketMs, band],
  );
  // Drawn in buckets when a line has more than two values a bucket (decimate.ts leaves it as it is otherwise).
  const { ref, width: w } = useChartWidth(width);
  const [hover, setHover] = useState<{ sx: number; sy: number; x: number; y: number; box: number } | null>(null);
  const clipId = `p1-tl-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const bucketed = lines.some(({ data }) => data.length > 0 && 'k' in data[0]);
  if (withData.length === 0) return <p className="muted">No player has a speed trace to draw.</p>;
  const colour = (id: string) => PLAYER_COLOURS[withData.findIndex((p) => p.playerId === id) % PLAYER_COLOURS.length];
  const hhmm = (t: number) => formatTime(t, timeZone).slice(0, 5);
  const ticks = minuteTicks(domain, 10);

  const plot: Plot = { x: M.left, y: M.top, width: Math.max(10, w - M.left - M.right), height: Math.max(10, height - M.top - M.bottom) };
  const x = linear(domain[0], domain[1], plot.x, plot.x + plot.width);
  // The value axis reaches the highest mark too: a sprint's top speed (10 Hz) can pass the 1 s trace's.
  let top = 0;
  for (const { data, marks } of lines) {
    for (const p of data) if (p.v != null && p.v > top) top = p.v;
    for (const m of marks) if (m.v > top) top = m.v;
  }
  const yTicks = niceTicks(0, top);
  const y = linear(yTicks[0], yTicks[yTicks.length - 1], plot.y + plot.height, plot.y);
  const inside = (px: number, py: number) => px >= plot.x && px <= plot.x + plot.width && py >= plot.y && py <= plot.y + plot.height;
  const clampX = (px: number) => Math.min(plot.x + plot.width, Math.max(plot.x, px));
  const clampY = (py: number) => Math.min(plot.y + plot.height, Math.max(plot.y, py));
  // Every mark of the players drawn, by kind (the legend counts them), and those shown, placed.
  const allMarks = lines.flatMap(({ marks }) => marks);
  const counts = { sprint: 0, accel: 0, decel: 0 };
  for (const m of allMarks) counts[m.kind]++;
  const placed = allMarks.filter((m) => shownKinds[m.kind]).map((m) => ({ m, cx: clampX(x(m.t)), cy: clampY(y(m.v)) }));
  // The hover: a mark within reach of the pointer names its effort; else the drawn point nearest the
  // pointer's time on each line (one time grid for all when bucketed).
  let markTip: (typeof placed)[number] | null = null;
  if (hover) {
    let best = MARK_HIT * MARK_HIT;
    for (const q of placed) {
      const d = (q.cx - hover.sx) ** 2 + (q.cy - hover.sy) ** 2;
      if (d <= best) {
        best = d;
        markTip = q;
      }
    }
  }
  const tip = hover && !markTip ? tipAt(lines, domain[0] + ((hover.sx - plot.x) / plot.width) * (domain[1] - domain[0])) : null;
  const f = effortFormat(units);
  const thresholds = [...new Set(lines.flatMap(({ p }) => [p.efforts?.accels[band]?.thresholdMs2].filter((v): v is number => v != null)))];
  const bandText = (thresholds.length ? thresholds : [bands[band]]).map((v) => formatThreshold(v ?? NaN)).join(' / ');
  const kindText: Record<EffortKind, string> = { sprint: 'Sprints', accel: `Accelerations ≥ ${bandText} m/s²`, decel: `Decelerations ≤ −${bandText} m/s²` };
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
        setHover(inside(at.sx, at.sy) ? { sx: at.sx, sy: at.sy, x: at.cx, y: at.cy, box: at.boxWidth } : null);
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
      <g className="p1-effort-marks">
        {placed.map(({ m, cx, cy }) => (
          <EffortMark key={m.key} kind={m.kind} cx={cx} cy={cy} colour={colour(m.p.playerId)} player={m.p.playerId} startMs={m.e.startMs} />
        ))}
      </g>
      {markTip && <EffortMark kind={markTip.m.kind} cx={markTip.cx} cy={markTip.cy} colour={colour(markTip.m.p.playerId)} scale={1.5} highlight role="hover" />}
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
        <ChartTip at={markTip && hover} chartWidth={hover?.box ?? w}>
          {markTip && <EffortTip m={markTip.m} f={f} timeZone={timeZone} colour={colour(markTip.m.p.playerId)} />}
        </ChartTip>
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
      <div className="p1-effort-legend" role="group" aria-label="Efforts marked">
        <span className="p1-effort-legend-title">Efforts marked:</span>
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            data-kind={k}
            aria-pressed={shownKinds[k]}
            title={shownKinds[k] ? 'Hide these marks' : 'Show these marks'}
            onClick={() => setShownKinds((s) => ({ ...s, [k]: !s[k] }))}
          >
            <svg width={16} height={16} viewBox="0 0 16 16" aria-hidden="true">
              <EffortMark kind={k} cx={8} cy={8.5} colour="#0b0b0b" role="key" />
            </svg>
            {kindText[k]} <span className="n">({counts[k]})</span>
          </button>
        ))}
        {bands.length > 1 && (
          <span className="p1-effort-band" role="group" aria-label="Acceleration and deceleration threshold">
            <span>Threshold:</span>
            {bands.map((b, i) => (
              <button key={i} type="button" aria-pressed={band === i} onClick={() => setBand(i)}>
                {formatThreshold(b)} m/s²
              </button>
            ))}
          </span>
        )}
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
        {bucketed ? `; each point: ${bucketMs / 1000} s, its highest and lowest value` : `; each point: ${stepMs / 1000} s`}; shaded: periods; marks: each effort of the
        players drawn at its middle, {measure === 'speed' ? 'a sprint at its top speed, an acceleration or deceleration halfway between its start and end speeds' : 'on the trace'}
        {zoomed ? ` (those that start in ${zoomed.name})` : ''}. Times in {timeZone ?? 'local time'}.
      </figcaption>
    </figure>
  );
}

/**
 * An effort's mark, a shape per kind that reads in greyscale too: a sprint a filled circle, an
 * acceleration a filled triangle pointing up, a deceleration a hollow triangle pointing down; in the
 * player's colour, with a white edge that keeps it apart from the trace under it.
 */
function EffortMark({ kind, cx, cy, colour, scale = 1, highlight = false, role = 'mark', player, startMs }: {
  kind: EffortKind;
  cx: number;
  cy: number;
  colour: string;
  scale?: number;
  highlight?: boolean;
  /** A mark on the chart (one per effort), the hovered one drawn again larger, or the legend's key. */
  role?: 'mark' | 'hover' | 'key';
  player?: string;
  startMs?: number;
}) {
  const common = { className: `p1-effort-${role}`, 'data-kind': kind, 'data-player': player, 'data-start': startMs, pointerEvents: 'none' as const };
  const s = scale;
  if (kind === 'sprint') return <circle {...common} cx={cx} cy={cy} r={4.5 * s} fill={colour} stroke={highlight ? '#0b0b0b' : '#fff'} strokeWidth={highlight ? 2 : 1.25} />;
  // Triangles a little larger than the circle (a triangle looks smaller than a circle of its width),
  // their centroid on the point.
  const up = kind === 'accel' ? 1 : -1;
  const d = `M${cx},${cy - up * 7 * s}L${cx + 6.5 * s},${cy + up * 4 * s}L${cx - 6.5 * s},${cy + up * 4 * s}Z`;
  return kind === 'accel' ? (
    <path {...common} d={d} fill={colour} stroke={highlight ? '#0b0b0b' : '#fff'} strokeWidth={highlight ? 2 : 1.25} strokeLinejoin="round" />
  ) : (
    <path {...common} d={d} fill="#fff" stroke={colour} strokeWidth={highlight ? 2.5 : 2} strokeLinejoin="round" />
  );
}

/** A mark's tooltip: the effort as its row in the effort lists reads (kind, start, duration, its peak with the unit). */
function EffortTip({ m, f, timeZone, colour }: { m: Mark; f: ReturnType<typeof effortFormat>; timeZone?: string; colour: string }) {
  const e = m.e;
  const peak =
    m.kind === 'sprint'
      ? `Top speed ${f.speed(e.maxSpeedMs)} ${f.speedUnit}`
      : e.peakAccelMs2 == null
        ? 'Peak not kept for this result: process it again'
        : `Peak ${m.kind === 'accel' ? 'acceleration' : 'deceleration'} ${f.peak(e.peakAccelMs2)} m/s²`;
  return (
    <>
      <strong className="p1-tip-effort">{effortKindLabel(m.kind, m.threshold)}</strong>
      <span className="p1-tip-row" style={{ color: colour }}>
        {m.p.name}
      </span>
      <span className="p1-tip-row">
        Start {formatTime(e.startMs, timeZone)} · {f.duration(e.durationS)} s · {f.distance(e.distanceM)} {f.distanceUnit}
      </span>
      <span className="p1-tip-row">{peak}</span>
      <span className="p1-tip-row">
        Speed {f.speed(e.startSpeedMs)} → {f.speed(e.endSpeedMs)} {f.speedUnit}
      </span>
    </>
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
