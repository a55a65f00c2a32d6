/**
 * The offline report's viewer, inlined into every report.html (built by vite.report.config.ts).
 * It reads the model embedded in the page and puts the app's own components in the slots the
 * static page leaves for them: the pitch-side summary, the timeline, periods compared, the team
 * table (sortable, filterable, views) and the team chart, all at a fixed size so they print as
 * they show. The other static tables become sortable. The timeline's 1 s series come from the
 * page's binary block (gzip, shared/domain/series-codec.ts), unpacked off the first render; a
 * player's efforts table is built from its <noscript> when that player is opened. Once fonts,
 * series and charts have mounted it sets `<html data-ready="1">` (what the PDF export waits for)
 * and the performance mark `p1-ready` (what the report bench reads). Without it the page is still a
 * complete table report, and each chart's slot says that it needs scripts.
 */
import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { MetricValues } from '../../shared/domain/metrics.ts';
import type { ChartSeries } from '../../shared/domain/player-result.ts';
import { unpackSeries } from '../../shared/domain/series-codec.ts';
import type { EmbeddedReportModel, ReportModel } from '../../shared/domain/report.ts';
import { unpackEfforts } from '../../shared/domain/effort-codec.ts';
import { knowZoneOffsets } from '../../shared/domain/format.ts';
import { isZoneOffsets } from '../../shared/domain/zone-offsets.ts';
import { displayDef, displayValues } from '../../shared/domain/units.ts';
import { SUMMARY_KEYS } from '../../shared/domain/team-view.ts';
import { unitsUsedLabel } from '../../shared/domain/stream-sources.ts';
import { MetricChart } from '../src/charts/MetricChart.tsx';
import { Timeline } from '../src/charts/Timeline.tsx';
import { PeriodsChart } from '../src/charts/PeriodsChart.tsx';
import { TeamTable, teamViews } from '../src/features/sessions/results/TeamTable.tsx';
import { PitchSummary } from '../src/features/sessions/results/PitchSummary.tsx';

/** The width every report chart is drawn at (scaled down to the page when printed or narrower). */
const CHART_WIDTH = 1100;

function TeamChart({ model }: { model: ReportModel }) {
  const [scope, setScope] = useState('session');
  const units = model.display;
  const period = model.periods.find((p) => p.id === scope) ?? null;
  const names = new Map(model.players.map((p) => [p.playerId, p.name]));
  const rows = period
    ? period.rows.map((r) => ({ name: names.get(r.playerId) ?? r.playerId, metrics: r.metrics }))
    : model.players.map((p) => ({ name: p.name, metrics: p.metrics }));
  const mean = period ? period.team.mean : model.team.mean;
  return (
    <section aria-label="Team chart">
      {model.periods.length > 0 && (
        <div className="metric-picker" role="group" aria-label="Chart for">
          <span className="picker-label">Chart for:</span>
          <button type="button" aria-pressed={!period} onClick={() => setScope('session')}>
            Whole session
          </button>
          {model.periods.map((p) => (
            <button key={p.id} type="button" aria-pressed={period?.id === p.id} onClick={() => setScope(p.id)}>
              {p.name}
            </button>
          ))}
        </div>
      )}
      <MetricChart
        metrics={model.metrics.map((d) => displayDef(d, units))}
        rows={rows.map((r) => ({ name: r.name, metrics: displayValues(r.metrics, model.metrics, units) }))}
        mean={displayValues(mean, model.metrics, units)}
        width={CHART_WIDTH}
      />
    </section>
  );
}

/** Each slot emptied of its static stand-in, then filled by its component (one React root for all). */
function Slot({ id, children }: { id: string; children: ReactNode }) {
  const el = document.getElementById(id);
  return el ? createPortal(children, el) : null;
}

/** Base64 to bytes: natively where the browser can (Chromium 140+), else through atob a character at a time (~15 ms for the 0.44 MB of 25 players). */
function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (native) return native.call(Uint8Array, text);
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The timeline's series from the page's binary block, by player id (empty when the report has none). */
async function loadSeries(): Promise<Map<string, ChartSeries>> {
  const text = document.getElementById('report-series')?.textContent?.trim();
  if (!text) return new Map();
  const gz = fromBase64(text);
  const raw = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  return new Map(unpackSeries(new Uint8Array(raw)).map((p) => [p.playerId, p.series]));
}

type SeriesState = { state: 'loading' } | { state: 'ready'; byPlayer: Map<string, ChartSeries> } | { state: 'failed'; why: string };

/** Unpacked once, from the start: the rest of the page renders meanwhile. */
let seriesLoad: Promise<Map<string, ChartSeries>> | null = null;

/**
 * The timeline, drawn once its series are unpacked; `onDrawn` once it has rendered with them (or
 * said why it cannot). Its own state, so the series arriving re-render the timeline alone.
 */
function ReportTimeline({ model, onDrawn }: { model: ReportModel; onDrawn: () => void }) {
  const [series, setSeries] = useState<SeriesState>({ state: 'loading' });
  useEffect(() => {
    (seriesLoad ??= loadSeries()).then(
      (byPlayer) => setSeries({ state: 'ready', byPlayer }),
      (e: unknown) => setSeries({ state: 'failed', why: e instanceof Error ? e.message : String(e) }),
    );
  }, []);
  useEffect(() => {
    if (series.state !== 'loading') onDrawn();
  }, [series.state, onDrawn]);
  if (series.state !== 'ready') {
    return (
      <p className="needs-scripts">
        {series.state === 'loading' ? 'Drawing the timeline…' : `The timeline cannot be drawn in this browser (${series.why}); every value is in the tables.`}
      </p>
    );
  }
  return (
    <Timeline
      players={model.players.map((p) => ({ playerId: p.playerId, name: p.name, series: series.byPlayer.get(p.playerId) ?? p.series, efforts: p.efforts }))}
      periods={model.periods}
      units={model.display}
      timeZone={model.timeZone}
      width={CHART_WIDTH}
    />
  );
}

/** Fonts, then two frames so every chart has laid out: then the page is ready to print. */
function markReady(): void {
  void document.fonts.ready.then(() =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        performance.mark('p1-ready');
        document.documentElement.dataset.ready = '1';
      }),
    ),
  );
}

function ReportViewer({ model }: { model: ReportModel }) {
  const units = model.display;
  const tz = model.timeZone;
  const byKey = new Map(model.catalogue.map((d) => [d.key, d]));
  const summaryDefs = SUMMARY_KEYS.map((k) => byKey.get(k)).filter((d) => d != null);
  return (
    <>
      <Slot id="summary-slot">
        <PitchSummary
          defs={summaryDefs}
          players={model.players.map((p) => ({ playerId: p.playerId, name: p.name, position: p.position, group: p.group, metrics: p.metrics, history: p.history }))}
          team={model.team}
          units={units}
          sessionType={model.session.type ?? null}
        />
      </Slot>
      <Slot id="timeline-slot">
        <ReportTimeline model={model} onDrawn={markReady} />
      </Slot>
      {model.periods.length > 0 && (
        <Slot id="periods-slot">
          <PeriodsChart periods={model.periods} units={units} width={Math.floor(CHART_WIDTH / 3) - 12} />
        </Slot>
      )}
      <Slot id="team-slot">
        <TeamTable
          id="team-table"
          label="Team"
          rows={model.players.map((p) => ({ playerId: p.playerId, name: p.name, position: p.position, group: p.group, unit: unitsUsedLabel(p.deviceId, p.computedWith.sources), metrics: p.metrics, moments: p.moments }))}
          team={model.team}
          units={units}
          views={teamViews(model.metrics, model.catalogue, Object.fromEntries(model.sections.map((sec) => [sec.family, sec.title])))}
          timeZone={tz}
        />
      </Slot>
      <Slot id="report-viewer">
        <TeamChart model={model} />
      </Slot>
    </>
  );
}

/** The stored values behind each row of a static table, by player id (detail and period tables). */
function valuesFor(table: HTMLTableElement, model: ReportModel): Map<string, MetricValues> | null {
  if (table.id.startsWith('section-')) return new Map(model.players.map((p) => [p.playerId, p.metrics]));
  const per = model.periods.find((p) => `period-${p.id}` === table.id);
  return per ? new Map(per.rows.map((r) => [r.playerId, r.metrics])) : null;
}

/** Click a column header of a static table to sort by it (again to reverse). Units never change the order. */
function makeTableSortable(table: HTMLTableElement, values: Map<string, MetricValues>): void {
  const body = table.tBodies[0];
  if (!body) return;
  let current: { key: string; dir: number } | null = null;
  table.querySelectorAll<HTMLTableCellElement>('thead th[data-key]').forEach((th) => {
    th.style.cursor = 'pointer';
    th.tabIndex = 0;
    th.title = 'Sort by this column';
    const sort = () => {
      const key = th.dataset.key!;
      const dir = current && current.key === key ? -current.dir : -1;
      current = { key, dir };
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const va = values.get(a.dataset.player ?? '')?.[key] ?? -Infinity;
        const vb = values.get(b.dataset.player ?? '')?.[key] ?? -Infinity;
        return va === vb ? 0 : (va < vb ? -1 : 1) * dir;
      });
      rows.forEach((r) => body.appendChild(r));
      table.querySelectorAll('thead th').forEach((h) => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', dir < 0 ? 'descending' : 'ascending');
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        sort();
      }
    });
  });
}

/** A player's efforts table, kept as text in its <noscript> while scripts run, is built when the player is opened. */
function inflateEffortTables(): void {
  document.querySelectorAll<HTMLDetailsElement>('details.efforts').forEach((d) => {
    const build = () => {
      const ns = d.querySelector('noscript.efforts-table');
      if (!d.open || !ns) return;
      const t = document.createElement('template');
      t.innerHTML = ns.textContent ?? '';
      ns.replaceWith(t.content);
    };
    d.addEventListener('toggle', build);
    build();
  });
}

const dataEl = document.getElementById('report-data');
const mount = document.getElementById('report-root');
if (dataEl && mount) {
  const embedded = JSON.parse(dataEl.textContent ?? '{}') as EmbeddedReportModel;
  // The effort lists, packed by columns in the file, as the components take them (~1 ms for 25 players).
  const model: ReportModel = { ...embedded, players: embedded.players.map((p) => ({ ...p, efforts: p.efforts ? unpackEfforts(p.efforts) : null })) };
  // Clock times from the zone's offsets the core worked out: the first render uses no Intl, whose
  // first use in a page loads Chromium's ICU data (30–75 ms). A report without them uses Intl.
  if (isZoneOffsets(model.zoneOffsets) && model.zoneOffsets.timeZone === model.timeZone) knowZoneOffsets(model.zoneOffsets);
  seriesLoad = loadSeries();
  inflateEffortTables();
  document.querySelectorAll<HTMLTableElement>('table[id]').forEach((t) => {
    const values = valuesFor(t, model);
    if (values) makeTableSortable(t, values);
  });
  // The static stand-ins give way to the components in the same task (flushSync): no frame is
  // drawn with the slots empty. Such a frame brought the later sections near the screen, and
  // content-visibility: auto then laid all of them out once (~100 ms of layout at open).
  for (const id of ['summary-slot', 'timeline-slot', 'periods-slot', 'team-slot', 'report-viewer']) document.getElementById(id)?.replaceChildren();
  const root = createRoot(mount);
  flushSync(() =>
    root.render(
      <StrictMode>
        <ReportViewer model={model} />
      </StrictMode>,
    ),
  );
  document.documentElement.dataset.viewer = 'ready';
}
