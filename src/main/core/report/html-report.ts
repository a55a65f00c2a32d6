/**
 * Renders the report model as ONE self-contained HTML file: inline CSS, the model as inline JSON,
 * and the inline report viewer (React + the app's SVG chart components, built by
 * vite.report.config.ts). No URL is ever loaded. With scripts off, the static team table,
 * the definitions and the data notes still read as a report; the viewer adds charts and sorting.
 */
import type { EmbeddedReportModel, ReportModel, ReportPlayer, TeamSummary } from '../../../shared/domain/report.ts';
import { packEfforts } from '../../../shared/domain/effort-codec.ts';
import type { MetricDef, MetricMoments, MetricValues } from '../../../shared/domain/metrics.ts';
import { formatCoverage, formatDateTime, formatInUnits, formatMeanInUnits, formatMoment, formatNumber, formatSpeedThreshold, formatTime, formatTimeRange, formatTotalDuration, formatTotalInUnits, formatWindowSpan } from '../../../shared/domain/format.ts';
import { displayDef, type DisplayUnits } from '../../../shared/domain/units.ts';
import { EngineSettingsSchema, DEFAULT_SETTINGS, type EngineSettings } from '../../../shared/domain/settings.ts';
import { SETTING_GROUPS, getSetting, type SettingField } from '../../../shared/domain/settings-fields.ts';
import { STALE_WHAT, staleNotice, type StaleReason } from '../../../shared/domain/staleness.ts';
import { QUALITY_INTERPOLATION_NOTE, SPLIT_HEADS, SPLIT_TIME_NOTE, deviceDistanceText, gapListText, imuRateText, rateHzText, samplingText, splitText } from '../../../shared/domain/quality-text.ts';
import { gzipSync } from 'node:zlib';
import { joinPackedSeries, packedSeriesLength, packPlayerSeries } from '../../../shared/domain/series-codec.ts';
import { FAMILY_TITLES } from '../../../shared/domain/metrics.ts';
import { HISTORY_BAND, PERIOD_INTENSITY_DECIMALS, SUMMARY_KEYS, historyScope, groupMean, pctOfMean, periodIntensities, shortLabel, trendVsHistory } from '../../../shared/domain/team-view.ts';
import { TEAM_VIEW_CSS } from '../../../shared/domain/team-view-css.ts';
import { esc } from './html-escape.ts';
import { csvHeader } from '../../../shared/domain/csv-columns.ts';
import { reportCsp } from '../../../shared/security/csp.ts';
import { hrMaxNoteOf } from './hr-max-note.ts';
import { scriptHash, viewerInlineScript } from '../security/report-csp.ts';
import { effortTables } from './effort-tables.ts';
import { feedbackSectionHtml } from './feedback-section.ts';
import { computedForSentence } from '../../../shared/domain/computed-for.ts';
import { STREAM_KIND_LABEL, STREAM_KINDS, unitsUsedLabel } from '../../../shared/domain/stream-sources.ts';

/** Print rules: after the shared components' styles, so they win where both set a property. */
const PRINT_CSS = `
@page { size: A4 portrait; margin: 12mm 10mm; }
@media print {
  section.p1-later { content-visibility: visible; }
  body { font-size: 11px; }
  header, main, footer { max-width: none; padding: 0; }
  h1 { font-size: 20px; } h2 { font-size: 15px; margin: 14px 0 6px; break-after: avoid; } h3 { font-size: 13px; break-after: avoid; }
  .table-scroll, .p1-team-scroll { overflow: visible !important; }
  table { font-size: 9px; width: 100%; }
  th, td, table.p1-team th, table.p1-team td { padding: 2px 3px; white-space: normal; }
  table.p1-team { font-size: 9px; }
  table.p1-team tbody th { max-width: none; }
  .table-scroll th:first-child, .table-scroll td:first-child, table.p1-team tr > :first-child { position: static; box-shadow: none; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr, figure, .p1-big > div { break-inside: avoid; }
  small.when, table.p1-team small { font-size: 8px; }
  .p1-chart-tools, .p1-table-tools, .metric-picker, details.efforts summary::marker { display: none !important; }
  .p1-big .v { font-size: 20px; }
  a { color: inherit; text-decoration: none; }
}
`;

const CSS = `
:root { color-scheme: light; --fg:#0b0b0b; --muted:#3d3d3d; --line:#8a8a8a; --head:#e9eef5; --accent:#0047ab; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header, main, footer { max-width: 1440px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 28px; margin: 8px 0 4px; }
h2 { font-size: 21px; margin: 28px 0 8px; border-bottom: 2px solid var(--fg); padding-bottom: 4px; }
/* The first heading follows the header's own padding: no second gap above the summary. */
main > h2:first-child { margin-top: 4px; }
.meta { color: var(--muted); margin: 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
.table-scroll { overflow-x: auto; margin-bottom: 8px; }
/* A wide table scrolls sideways under a fixed first column: the player (or row name) stays in view. */
.table-scroll th:first-child, .table-scroll td:first-child { position: sticky; left: 0; z-index: 1; background: #fff; box-shadow: inset 1px 0 var(--line), inset -1px 0 var(--line); }
.table-scroll th:first-child { background: var(--head); }
.table-scroll tfoot td:first-child, .table-scroll tfoot th:first-child { background: #f6f6f6; }
th, td { border: 1px solid var(--line); padding: 8px 10px; text-align: right; }
th { background: var(--head); font-weight: 700; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
tfoot td { font-weight: 700; background: #f6f6f6; }
caption { text-align: left; color: var(--muted); padding: 6px 0; caption-side: bottom; }
dl.defs dt { font-weight: 700; margin-top: 8px; }
dl.defs dd { margin: 2px 0 0 0; color: var(--muted); }
.notes li { margin: 4px 0; }
#report-viewer:empty { display: none; }
section.p1-later { content-visibility: auto; contain-intrinsic-size: auto 900px; }
.metric-picker { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.metric-picker button { min-height: 40px; padding: 6px 12px; font: inherit; border: 2px solid var(--fg); background: #fff; color: var(--fg); cursor: pointer; }
.metric-picker button[aria-pressed="true"] { background: var(--fg); color: #fff; }
.metric-picker .picker-label { align-self: center; font-weight: 700; }
h3 { font-size: 18px; margin: 20px 0 6px; }
.warn { border: 2px solid #b00020; padding: 8px 12px; color: #0b0b0b; }
.rules li { margin: 4px 0; }
table { margin-bottom: 8px; }
.settings-table { table-layout: fixed; }
.settings-table th, .settings-table td, #provenance-table th, #provenance-table td { text-align: left; }
.settings-table th:nth-child(1) { width: 30%; }
.settings-table th:nth-child(2), .settings-table th:nth-child(3) { width: 20%; }
.settings-table td:nth-child(4) { color: var(--muted); }
.settings-table caption { caption-side: top; color: var(--fg); }
details.efforts { margin: 6px 0; }
details.efforts summary { cursor: pointer; min-height: 40px; padding: 8px 0; }
table.efforts .period { text-align: left; }
small.when { display: block; font-size: 13px; color: var(--muted); white-space: nowrap; }
span.unit, tr.sum td { white-space: nowrap; }
p.needs-scripts { border: 2px dashed var(--line); padding: 16px; color: var(--muted); }
.header-line { font-size: 18px; margin: 2px 0; }
table.periods-compared td:first-child, table.periods-compared th:first-child { text-align: left; }
`;

/**
 * The report's HTML. `seriesRecords`: the players' stored series as packed records
 * (series-codec.ts packPlayerSeries, as the pool threads made them), for the timeline's block; when
 * absent the block is packed from the model's own series.
 *
 * The page is one HTML file; the browser would draw its static stand-ins (summary, team table)
 * while parsing, then the viewer replaces them: for 25 players that layout and paint was ~50–70 ms
 * of main-thread CPU on the way to ready, spent on a page about to change. `<link rel="expect"
 * blocking="render">` holds the first frame until the parser reaches #report-end, after the viewer
 * script has run (with scripts off, or a browser without rel=expect, the page is drawn as the file
 * is parsed, as before).
 */
export function renderReportHtml(model: ReportModel, viewerJs: string, seriesRecords?: readonly Uint8Array[]): string {
  // The viewer is the report's only script; the CSP allows it by its hash and nothing else, so an
  // inline handler or script injected into the HTML cannot run even if escaping ever failed.
  const viewerScript = viewerInlineScript(viewerJs);
  const tz = model.timeZone;
  const s = model.session;
  const byKey = new Map(model.catalogue.map((d) => [d.key, d]));
  const names = new Map(model.players.map((p) => [p.playerId, p]));
  const notes = model.players.flatMap((p) => p.notes.map((n) => `<li><strong>${esc(p.name)}</strong> (${esc(p.deviceId)}): ${esc(n)}</li>`));
  const periodNotes = model.periods.flatMap((per) =>
    per.rows.flatMap((r) => r.warnings.map((w) => `<li><strong>${esc(names.get(r.playerId)?.name ?? r.playerId)}</strong>: ${esc(w)}</li>`)),
  );
  const units = model.display;
  const stale = model.players.filter((p) => !p.computedWith.current);
  const reasons = [...new Set(stale.flatMap((p) => p.computedWith.stale))] as StaleReason[];
  const staleText = staleNotice(reasons, { stale: stale.length, of: model.players.length });
  const computedFor = computedForSentence(model.players.map((p) => p.computedWith), tz);
  // The embedded model leaves the timeline's series to the binary block below, and packs every
  // effort list by columns for the timeline's marks (sprints, accelerations and decelerations of
  // each threshold): as objects they were ~0.55 MB for 25 players x 90 minutes, packed ~0.15 MB.
  const embedded: EmbeddedReportModel = {
    ...model,
    players: model.players.map((p) => ({ ...p, series: null, efforts: p.efforts ? packEfforts(p.efforts) : null })),
  };
  const seriesBlock = seriesScript(seriesRecords ?? model.players.flatMap((p) => (p.series ? [packPlayerSeries({ playerId: p.playerId, series: p.series })] : [])));
  const json = JSON.stringify(embedded).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const unitsOf = (p: ReportPlayer) => unitsUsedLabel(p.deviceId, p.computedWith.sources);
  const playerRows: Row[] = model.players.map((p) => ({ name: p.name, sub: unitsOf(p), extra: p.position, metrics: p.metrics, moments: p.moments, id: p.playerId }));
  const sectionTables = model.sections
    .filter((sec) => sec.family !== 'distance')
    .map((sec) => {
      const defs = sec.keys.map((k) => byKey.get(k)!).filter(Boolean);
      const note = sec.family === 'heart_rate' ? hrMaxNoteOf(model) : null;
      return `<h3>${esc(sec.title)}</h3>\n${note ? `<p class="meta" id="hr-max-note">${esc(note)}</p>\n` : ''}${metricTable(`section-${sec.family}`, defs, playerRows, model.team, 'Pos.', units, tz)}`;
    })
    .join('\n');
  const periodTables = model.periods
    .map((per) => {
      const rows = per.rows.map((r) => {
        const p = names.get(r.playerId);
        return { name: p?.name ?? r.playerId, sub: p ? unitsOf(p) : '', extra: formatCoverage(r.coverage), metrics: r.metrics, moments: r.moments, id: r.playerId };
      });
      return `<h3>${esc(per.name)} <small>${esc(formatTime(per.startMs, tz))}–${esc(formatTime(per.endMs, tz))}</small></h3>\n${metricTable(
        `period-${per.id}`,
        model.metrics,
        rows,
        per.team,
        'Covered',
        units,
        tz,
      )}`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="expect" href="#report-end" blocking="render">
<meta http-equiv="Content-Security-Policy" content="${reportCsp([scriptHash(viewerScript)], { meta: true })}">
<title>${esc(s.name)} — Player1 Pitchside report</title>
<style>${CSS}${TEAM_VIEW_CSS}${PRINT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(s.name)}</h1>
<p class="header-line" id="report-when">${esc(headerLine(model))}</p>
<p class="meta">Generated ${esc(formatDateTime(model.generatedAt, tz))} by ${esc(model.app.name)} ${esc(model.app.version)}, algorithm ${esc(model.app.algorithmVersion)}</p>
<p class="meta" id="display-units">Speeds in ${esc(units.speed)}, distances in ${units.distance === 'yd' ? 'yards (yd)' : 'metres (m)'}; computed and stored in m/s and m (1 m/s = 3.6 km/h, 1 yd = 0.9144 m).</p>
${computedFor ? `<p class="meta" id="computed-for">${esc(computedFor)}</p>\n` : ''}${staleText ? `<p class="warn" id="stale-notice">⚠ ${esc(staleText)} (${esc(stale.map((p) => p.name).join(', '))})</p>` : ''}
</header>
<main>
<h2 id="summary-h">Pitch-side summary</h2>
<div id="summary-slot">${summaryHtml(model)}</div>
<h2 id="timeline-h">Timeline</h2>
<div id="timeline-slot">${needsScripts('The timeline (speed, heart rate and PlayerLoad over time per player, periods shaded)')}</div>
${model.periods.length ? `<h2 id="periods-compared-h">Periods compared</h2>
<div id="periods-slot">${needsScripts('The periods chart (team intensity per period)')}</div>
${periodsComparedTable(model)}` : ''}
<h2 id="team-h">Team</h2>
<div id="team-slot">${metricTable('team-table', model.metrics, playerRows, model.team, 'Pos.', units, tz, true)}</div>
<div id="report-viewer">${needsScripts('The team chart (one bar per player)')}</div>
${laterSections(`${feedbackSectionHtml(model)}
${model.periods.length ? `<h2>Periods</h2>\n<p class="meta">Each period is computed on its own; "Covered" is the share of the period the unit's cleaned data covers. Team rows leave out players with no data in the period.</p>\n${periodTables}` : ''}
<h2>Details</h2>
${sectionTables}
${effortTables(model, units)}
<h2>Data quality</h2>
<div class="table-scroll"><table id="quality-table">
<thead><tr><th scope="col">Player</th><th scope="col">Pos.</th><th scope="col">GNSS rate (Hz)</th><th scope="col">Fixes</th><th scope="col">Median satellites</th><th scope="col">Median HDOP</th><th scope="col">Time dropped (%)</th><th scope="col">Time filled by interpolation (%)</th><th scope="col">Gaps left</th><th scope="col">Gap time (s)</th><th scope="col">Doppler speed (%)</th><th scope="col">IMU rate (Hz)</th><th scope="col">HR valid (%)</th></tr></thead>
<tbody>
${model.players.map(qualityRow).join('\n')}
</tbody>
</table></div>
<p class="meta">${esc(QUALITY_INTERPOLATION_NOTE)}</p>
${distanceSplitTable(model)}
<h3>Cleaning rules (in order)</h3>
<ol class="rules">${model.cleaning.map((c) => `<li><strong>${esc(c.label)}</strong>: ${esc(c.rule)}.</li>`).join('')}</ol>
<p class="meta">Effort counts depend strongly on the filter and on minimum durations (Varley 2017); both are stated above and in the definitions.</p>
${qualitySteps(model)}
${gapLists(model)}
<h2>Settings and algorithm</h2>
<p>Algorithm version <strong>${esc(model.app.algorithmVersion)}</strong>. How each player's result was computed:</p>
${provenanceTable(model)}
<h3>Thresholds used for these results</h3>
${settingsTables(model.settings, units, new Map(model.players.map((p) => [p.playerId, p.name])))}
<h2>Definitions</h2>
<p class="meta">Each metric's column in the CSV export, and its key in the metrics JSON (the same name without the unit where the CSV adds one). Values in both are stored in SI units.</p>
<dl class="defs" id="definitions">${model.catalogue.map((d) => `<dt data-key="${esc(d.key)}">${esc(d.label)} (${esc(unitNote(d, units))}) <small>CSV column <code>${esc(csvHeader(d))}</code> · JSON key <code>${esc(d.key)}</code></small></dt><dd>${esc(d.description)}</dd>`).join('')}</dl>
<h2>Data notes</h2>
${notes.length || periodNotes.length ? `<ul class="notes">${notes.join('')}${periodNotes.join('')}</ul>` : '<p>No data problems were found in the units\' files.</p>'}`)}
</main>
<footer><p class="meta">This report is one self-contained file: it works offline and can be shared as it is.</p></footer>
<div id="report-root" hidden></div>
<script type="application/json" id="report-data">${json}</script>
${seriesBlock}
<script>${viewerScript}</script>
<div id="report-end" hidden></div>
</body>
</html>
`;
}

/** A unit label ("P1-1001", "P1-2001 + WATCH-7") with no line break inside a unit's id ("P1-" / "1001"). */
function unitHtml(label: string): string {
  return label
    .split(' + ')
    .map((u) => `<span class="unit">${esc(u)}</span>`)
    .join(' + ');
}

/**
 * Every player's stored 1 s series for the timeline: their packed records joined
 * (shared/domain/series-codec.ts), gzipped and in base64, about a fifth of the same series as JSON
 * (docs/formats/report-series.md). A record of no samples is left out; none left, no block.
 */
export function seriesScript(records: readonly Uint8Array[]): string {
  const players = records.filter((r) => packedSeriesLength(r) > 0);
  if (players.length === 0) return '';
  // Level 1: on the report's critical path after the last player. For 25 players x 90 min (0.68 MB
  // packed) it writes 0.33 MB in ~10 ms; level 5 (filtered) 0.29 MB in ~30 ms, level 9 0.29 MB
  // in ~0.4 s. The ~40 kB more open in a few ms; the 20 ms are every Process Report's.
  const b64 = gzipSync(joinPackedSeries(players), { level: 1 }).toString('base64');
  return `<script type="application/octet-stream" id="report-series" data-format="p1-series-1; gzip; base64">${b64}</script>`;
}

/**
 * The sections after the team chart (feedback, periods, details, data quality, settings,
 * definitions, data notes), one <section> per heading: the browser lays each out only once it
 * comes near the screen (content-visibility: auto), so opening the report lays out the summary,
 * timeline and team table only. Printing lays out everything (PRINT_CSS).
 */
function laterSections(html: string): string {
  return html
    .split(/\n(?=<h2[\s>])/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => (part.startsWith('<h2') ? `<section class="p1-later">\n${part}\n</section>` : part))
    .join('\n');
}

interface Row {
  name: string;
  sub: string;
  extra: string;
  metrics: MetricValues;
  /** When its maxima and peaks happened: shown under their values. */
  moments: MetricMoments;
  id?: string;
}

function metricTable(id: string, defs: readonly MetricDef[], rows: Row[], team: TeamSummary, extraHead: string, units: DisplayUnits, tz: string, compact = false): string {
  if (compact) return compactTable(id, defs, rows, team, units, tz);
  const head = `<tr><th scope="col">Player</th><th scope="col">${esc(extraHead)}</th>${defs
    .map((d) => `<th scope="col" data-key="${esc(d.key)}">${esc(d.label)} (${esc(displayDef(d, units).unit)})</th>`)
    .join('')}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr${r.id ? ` data-player="${esc(r.id)}"` : ''}><th scope="row">${esc(r.name)} <small>${unitHtml(r.sub)}</small></th><td>${esc(r.extra)}</td>${defs
          .map((d) => {
            const when = formatMoment(r.moments[d.key], tz);
            return `<td data-key="${esc(d.key)}">${esc(formatInUnits(r.metrics[d.key], d, units))}${when ? `<small class="when">${esc(when)}</small>` : ''}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const line = (label: string, vals: MetricValues, format: typeof formatInUnits) =>
    `<tr class="sum"><td>${esc(label)}</td><td></td>${defs.map((d) => `<td>${esc(format(vals[d.key], d, units))}</td>`).join('')}</tr>`;
  // Totals only where some column adds up (peaks, maxima and means never do).
  const totals = defs.some((d) => d.additive);
  const foot = [line('Team mean', team.mean, formatMeanInUnits)];
  if (totals) foot.push(line('Team total', team.total, formatTotalInUnits));
  for (const g of team.groups ?? []) {
    foot.push(line(`${g.name} mean (${g.players})`, g.mean, formatMeanInUnits));
    if (totals) foot.push(line(`${g.name} total (${g.players})`, g.total, formatTotalInUnits));
  }
  return `<div class="table-scroll"><table id="${esc(id)}">
<caption>${team.players} players. Totals only for metrics that add up.</caption>
<thead>${head}</thead>
<tbody>
${body}
</tbody>
<tfoot>
${foot.join('\n')}
</tfoot>
</table></div>`;
}

/**
 * Where each unit's distance came from (measured, interpolated, estimated across gaps; METRICS.md
 * Cleaning: Gaps), its sampling regime and its own odometer beside ours.
 */
function distanceSplitTable(model: ReportModel): string {
  const rows = model.players.map((p) => {
    const m = p.metrics;
    const g = p.quality?.gnss;
    const odo = deviceDistanceText(g?.deviceDistanceM, m.distance_m);
    const odoCell = odo ? `<td>${odo.warn ? `<strong>${esc(odo.text)}</strong> <small>over 2 %: see the data notes</small>` : esc(odo.text)}</td>` : '<td>–</td>';
    return `<tr><th scope="row">${esc(p.name)} <small>${unitHtml(p.deviceId)}</small></th><td>${esc(samplingText(g))}</td><td>${esc(formatNumber(m.distance_m ?? null, 0))}</td><td>${esc(
      splitText(m.distance_measured_m, m.measured_time_s),
    )}</td><td>${esc(splitText(m.distance_interpolated_m, m.interpolated_time_s))}</td><td>${esc(splitText(m.distance_estimated_m, m.estimated_time_s))}</td>${odoCell}</tr>`;
  });
  return `<h3>Distance: measured, interpolated, estimated</h3>
<p class="meta">Across a gap longer than the limit, or a stretch the quality gate dropped, the distance is estimated (Doppler speed × time where plausible, else the straight line between the fixes either side): counted in the distance and in the lowest speed band only, never in sprints or efforts. Per period in the Details and the metrics JSON.</p>
<p class="meta">${esc(SPLIT_TIME_NOTE)}</p>
<div class="table-scroll"><table id="distance-split-table">
<thead><tr><th scope="col">Player</th><th scope="col">Sampling</th><th scope="col">Distance (m)</th>${SPLIT_HEADS.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}<th scope="col">Unit's odometer</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

function qualityRow(p: ReportPlayer): string {
  const q = p.quality;
  const g = q?.gnss;
  const n = (v: number | null | undefined, d: number) => esc(formatNumber(v ?? null, d));
  return `<tr><th scope="row">${esc(p.name)} <small>${unitHtml(p.deviceId)}</small></th><td>${esc(p.position)}</td><td>${esc(rateHzText(g?.sampleRateHz))}</td><td>${n(
    g?.fixes,
    0,
  )}</td><td>${n(g?.medianSatellites, 0)}</td><td>${n(g?.medianHdop, 1)}</td><td>${n(g?.droppedPct, 1)}</td><td>${n(g?.interpolatedPct, 1)}</td><td>${n(
    g?.gaps,
    0,
  )}</td><td>${n(g?.gapS, 1)}</td><td>${n(g?.dopplerPct, 0)}</td><td>${esc(imuRateText(q?.imu))}</td><td>${n(q?.hr?.validPct, 1)}</td></tr>`;
}

/** Each unit's GNSS gaps, one by one (times in the report's zone). */
function gapLists(model: ReportModel): string {
  const items = model.players
    .map((p) => ({ p, text: gapListText(p.quality?.gnss, model.timeZone) }))
    .filter((x) => x.text !== null)
    .map(({ p, text }) => `<li data-player="${esc(p.playerId)}"><strong>${esc(p.name)}</strong> (${esc(p.deviceId)}): ${esc(text!)}</li>`);
  return items.length
    ? `<h3>Gaps left, one by one</h3>\n<p class="meta">When each unit had no usable fix for longer than the gap limit (no speed or effort across it; its distance estimated where plausible, see above): the last fix before it, and for how long.</p>\n<ul class="notes" id="gap-lists">${items.join('')}</ul>`
    : '';
}

function qualitySteps(model: ReportModel): string {
  const items = model.players
    .filter((p) => p.quality && p.quality.steps.length > 0)
    .map((p) => `<li><strong>${esc(p.name)}</strong> (${esc(p.deviceId)}): ${p.quality!.steps.map((st) => `${esc(st.label)}: ${esc(st.summary)}`).join('; ')}.</li>`);
  return items.length ? `<h3>What the cleaning changed, per unit</h3>\n<ul class="notes">${items.join('')}</ul>` : '';
}

/** "yd; stored in m" where the display unit differs from the stored one. */
function unitNote(d: MetricDef, units: DisplayUnits): string {
  const shown = displayDef(d, units).unit;
  return shown === d.unit ? d.unit : `${shown}; stored in ${d.unit}`;
}

/** Which unit each kind of data came from, a line per kind: "GNSS P1-2001 (the highest GNSS rate, 10 Hz)", "Heart rate HRM-7 (chosen)"; one unit: its id. */
function sourcesLines(p: ReportPlayer): string[] {
  const used = p.computedWith.sources;
  if (!used) return [p.deviceId];
  const kinds = STREAM_KINDS.filter((k) => used[k]);
  if (kinds.length === 0) return [p.deviceId];
  const units = new Set(kinds.map((k) => used[k]!.deviceId));
  if (units.size === 1) return [...units];
  return kinds.map((k) => `${STREAM_KIND_LABEL[k]} ${used[k]!.deviceId} (${used[k]!.how === 'chosen' ? 'chosen' : used[k]!.why})`);
}

function provenanceTable(model: ReportModel): string {
  const tz = model.timeZone;
  const rows = model.players.map((p) => {
    const c = p.computedWith;
    const state = c.current ? 'Up to date' : `⚠ Computed with ${c.stale.map((r) => STALE_WHAT[r]).join(', ')}`;
    const window = c.window ? formatWindowSpan(c.window.startMs, c.window.endMs, tz) : 'not recorded';
    const periods = c.periods?.length ? c.periods.map((x) => `${x.name} ${formatTimeRange(x.startMs, x.endMs, tz)}`).join(', ') : 'none';
    return `<tr><th scope="row">${esc(p.name)} <small>${unitHtml(p.deviceId)}</small></th><td>${esc(c.algorithmVersion)}</td><td>${esc(
      formatDateTime(c.computedAt, tz),
    )}</td><td>${esc(window)}</td><td>${esc(periods)}</td><td>${sourcesLines(p).map(esc).join('<br>')}</td><td>${esc(state)}</td></tr>`;
  });
  return `<div class="table-scroll"><table id="provenance-table">
<thead><tr><th scope="col">Player</th><th scope="col">Algorithm</th><th scope="col">Computed</th><th scope="col">For the window</th><th scope="col">Periods</th><th scope="col">Data from</th><th scope="col">Now</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

/** Every threshold used, named as on the Settings page, with its unit, default and source. */
function settingsTables(raw: Record<string, unknown>, units: DisplayUnits, names: Map<string, string>): string {
  const parsed = EngineSettingsSchema.safeParse(raw);
  if (!parsed.success) return `<pre>${esc(JSON.stringify(raw, null, 2))}</pre>`;
  const s: EngineSettings = parsed.data;
  const show = (f: SettingField, v: unknown): string => {
    if (f.kind === 'choice') return f.choices?.find((c) => c.value === v)?.label ?? String(v);
    if (f.kind === 'boolean') return v ? 'yes' : 'no';
    const n = Number(v);
    const extra = f.speed && units.speed !== 'm/s' ? ` (${formatSpeedThreshold(n, units.speed)})` : '';
    return `${String(n)}${f.unit ? ` ${f.unit}` : ''}${extra}`;
  };
  const groups = SETTING_GROUPS.map((g) => {
    const rows = g.fields.map((f) => {
      const v = getSetting(s, f.path);
      const d = getSetting(DEFAULT_SETTINGS, f.path);
      const changed = JSON.stringify(v) !== JSON.stringify(d);
      return `<tr data-setting="${esc(f.path.join('.'))}"><th scope="row">${esc(f.label)}</th><td>${esc(show(f, v))}${changed ? ' <strong>(changed)</strong>' : ''}</td><td>${esc(
        show(f, d),
      )}</td><td>${esc(f.source)}</td></tr>`;
    });
    return `<table class="settings-table" id="settings-${esc(g.id)}"><caption><strong>${esc(g.title)}</strong> — ${esc(g.note)}</caption>
<thead><tr><th scope="col">Threshold</th><th scope="col">Used</th><th scope="col">Default</th><th scope="col">Source</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  });
  const groupsMap = Object.entries(s.positionGroups);
  groups.push(
    `<p><strong>Position groups:</strong> ${
      groupsMap.length ? esc(groupsMap.map(([pos, g]) => `${pos || '(none)'} → ${g}`).join(', ')) : 'none set: each position is its own group'
    }.</p>`,
  );
  // Only the players in this report: the settings may hold the whole roster's own values.
  const own = Object.entries(s.players).filter(([id]) => names.has(id));
  if (own.length) {
    groups.push(
      `<p><strong>Players' own values:</strong> ${esc(
        own
          .map(([id, o]) =>
            `${names.get(id)}: ${[o.maxSpeedMs != null ? `max speed ${o.maxSpeedMs} m/s` : '', o.hrMaxBpm != null ? `HRmax ${o.hrMaxBpm} bpm` : '', o.hrRestBpm != null ? `rest ${o.hrRestBpm} bpm` : '', o.sex ?? '']
              .filter(Boolean)
              .join(', ')}`,
          )
          .join('; '),
      )}.</p>`,
    );
  }
  return groups.join('\n');
}

/** "Sat, 14 Mar 2026 · 10:00–11:30 (Europe/London) · Match · team total 25 h 40 min": the date once; the total as the team table's Team total row writes it. */
export function headerLine(model: ReportModel): string {
  const tz = model.timeZone;
  const s = model.session;
  const window = formatWindowSpan(s.startMs, s.endMs, tz);
  const total = model.team.total.duration_s;
  return [
    `${window} (${tz})`,
    s.type ? s.type : null,
    `${model.players.length} player${model.players.length === 1 ? '' : 's'}`,
    total != null ? `team total ${formatTotalDuration(total)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function needsScripts(what: string): string {
  return `<p class="needs-scripts">${esc(what)} is drawn here when scripts run. Scripts are off in this viewer: every value is in the tables.</p>`;
}

/** The headline team table as the app shows it: short headers with the unit underneath, the position under the name. */
function compactTable(id: string, defs: readonly MetricDef[], rows: Row[], team: TeamSummary, units: DisplayUnits, tz: string): string {
  const head = `<tr><th scope="col">Player<span class="u">position · unit</span></th>${defs
    .map((d) => `<th scope="col" data-key="${esc(d.key)}" title="${esc(d.label)}">${esc(shortLabel(d))}<span class="u">${esc(displayDef(d, units).unit)}</span></th>`)
    .join('')}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr${r.id ? ` data-player="${esc(r.id)}"` : ''}><th scope="row">${esc(r.name)}<small>${esc(r.extra || '—')}${r.sub ? ` · ${unitHtml(r.sub)}` : ''}</small></th>${defs
          .map((d) => {
            const when = formatMoment(r.moments[d.key], tz);
            return `<td data-key="${esc(d.key)}">${esc(formatInUnits(r.metrics[d.key], d, units))}${when ? `<small class="when">${esc(when)}</small>` : ''}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const totals = defs.some((d) => d.additive);
  const line = (label: string, vals: MetricValues, format: typeof formatInUnits) => `<tr><th scope="row">${esc(label)}</th>${defs.map((d) => `<td>${esc(format(vals[d.key], d, units))}</td>`).join('')}</tr>`;
  const foot = [line(`Team mean (${team.players})`, team.mean, formatMeanInUnits)];
  if (totals) foot.push(line('Team total', team.total, formatTotalInUnits));
  for (const g of team.groups ?? []) {
    foot.push(line(`${g.name} mean (${g.players})`, g.mean, formatMeanInUnits));
    if (totals) foot.push(line(`${g.name} total`, g.total, formatTotalInUnits));
  }
  return `<div class="p1-team-scroll table-scroll"><table id="${esc(id)}" class="p1-team">
<thead>${head}</thead>
<tbody>
${body}
</tbody>
<tfoot>
${foot.join('\n')}
</tfoot>
</table></div>
<p class="meta">Further columns (every metric family) are in the Details below${Object.keys(FAMILY_TITLES).length ? '' : ''}; totals only for metrics that add up.</p>`;
}

/** The static pitch-side summary (the viewer puts the same component as the app's in its place). */
function summaryHtml(model: ReportModel): string {
  const units = model.display;
  const byKey = new Map(model.catalogue.map((d) => [d.key, d]));
  const defs = SUMMARY_KEYS.map((k) => byKey.get(k)).filter((d): d is MetricDef => d != null);
  const team = model.team;
  const big = defs
    .map(
      (d) =>
        `<div data-key="${esc(d.key)}"><div class="l">${esc(d.label)} <span class="s">(${esc(displayDef(d, units).unit)})</span></div><div class="v">${esc(
          formatMeanInUnits(team.mean[d.key], d, units),
        )}</div><div class="s">mean per player${d.additive && team.total[d.key] != null ? ` · team ${esc(formatTotalInUnits(team.total[d.key], d, units))}` : ''}</div></div>`,
    )
    .join('');
  const withHistory = model.players.filter((p) => p.history && p.history.sessions > 0).length;
  const band = Math.round(HISTORY_BAND * 100);
  const rows = model.players
    .map((p) => {
      const cells = defs
        .map((d) => {
          const v = p.metrics[d.key];
          const t = trendVsHistory(v, p.history?.mean[d.key]);
          const pct = pctOfMean(v, groupMean(team, p.group, d.key));
          return `<td data-key="${esc(d.key)}"${t ? ` class="p1-${t.trend}" data-trend="${t.trend}"` : ''}>${esc(formatInUnits(v, d, units))}<small>${pct == null ? '–' : `${pct} % grp`}</small></td>`;
        })
        .join('');
      return `<tr data-player="${esc(p.playerId)}"><th scope="row">${esc(p.name)}<small>${esc(p.group)}</small></th>${cells}</tr>`;
    })
    .join('\n');
  return `<div class="p1-big">${big}</div>
<p class="p1-legend">Each value: <span class="p1-high">green</span> more than ${band} % above the player's own average of ${esc(historyScope(model.session.type ?? null))}, <span class="p1-low">red</span> more than ${band} % below, plain within it or with no earlier session (${withHistory} of ${model.players.length} players have earlier sessions). Underneath: % of the position group's mean.</p>
<div class="p1-team-scroll table-scroll"><table id="summary-table" class="p1-team">
<thead><tr><th scope="col">Player<span class="u">group</span></th>${defs.map((d) => `<th scope="col" data-key="${esc(d.key)}" title="${esc(d.label)}">${esc(shortLabel(d))}<span class="u">${esc(displayDef(d, units).unit)}</span></th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

/** Periods compared, as a table (always there; the chart is drawn above it with scripts on). */
function periodsComparedTable(model: ReportModel): string {
  const d = model.display.distance;
  const rows = periodIntensities(model.periods, model.display);
  return `<table class="periods-compared" id="periods-compared">
<thead><tr><th scope="col">Period</th><th scope="col">Time</th><th scope="col">Players with data</th><th scope="col">Distance per minute (${d}/min)</th><th scope="col">HSR per minute (${d}/min)</th><th scope="col">PlayerLoad per minute (au/min)</th></tr></thead>
<tbody>
${rows
  .map(
    (r) =>
      `<tr data-period="${esc(r.id)}"><th scope="row">${esc(r.name)}</th><td>${esc(formatTime(r.startMs, model.timeZone).slice(0, 5))}–${esc(formatTime(r.endMs, model.timeZone).slice(0, 5))}</td><td>${r.players}</td><td>${esc(
        formatNumber(r.distancePerMin, PERIOD_INTENSITY_DECIMALS.distancePerMin),
      )}</td><td>${esc(formatNumber(r.hsrPerMin, PERIOD_INTENSITY_DECIMALS.hsrPerMin))}</td><td>${esc(formatNumber(r.playerLoadPerMin, PERIOD_INTENSITY_DECIMALS.playerLoadPerMin))}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
<p class="meta">Team mean over the players with data in the period; per minute of each player's time in it.</p>`;
}
