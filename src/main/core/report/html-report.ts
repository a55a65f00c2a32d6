/**
 * Renders the report model as ONE self-contained HTML file: inline CSS, the model as inline JSON,
 * and the inline report viewer (React + the app's recharts components, built by
 * vite.report.config.ts). No URL is ever loaded. With scripts off, the static team table,
 * the definitions and the data notes still read as a report; the viewer adds charts and sorting.
 */
import type { ReportModel } from '../../../shared/domain/report.ts';
import { formatDateTime, formatMetric } from '../../../shared/domain/format.ts';

const CSS = `
:root { color-scheme: light; --fg:#0b0b0b; --muted:#3d3d3d; --line:#8a8a8a; --head:#e9eef5; --accent:#0047ab; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 28px; margin: 8px 0 4px; }
h2 { font-size: 21px; margin: 28px 0 8px; border-bottom: 2px solid var(--fg); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 8px 10px; text-align: right; }
th { background: var(--head); font-weight: 700; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
tfoot td { font-weight: 700; background: #f6f6f6; }
caption { text-align: left; color: var(--muted); padding: 6px 0; caption-side: bottom; }
dl.defs dt { font-weight: 700; margin-top: 8px; }
dl.defs dd { margin: 2px 0 0 0; color: var(--muted); }
.notes li { margin: 4px 0; }
#report-viewer:empty { display: none; }
.metric-picker { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.metric-picker button { min-height: 40px; padding: 6px 12px; font: inherit; border: 2px solid var(--fg); background: #fff; color: var(--fg); cursor: pointer; }
.metric-picker button[aria-pressed="true"] { background: var(--fg); color: #fff; }
@media print { header, main, footer { max-width: none; } #report-viewer { break-inside: avoid; } }
`;

export function renderReportHtml(model: ReportModel, viewerJs: string): string {
  const tz = model.timeZone;
  const s = model.session;
  const defs = model.metrics;
  const head = `<tr><th scope="col">Player</th><th scope="col">Pos.</th>${defs
    .map((d) => `<th scope="col" data-key="${esc(d.key)}">${esc(d.label)} (${esc(d.unit)})</th>`)
    .join('')}</tr>`;
  const rows = model.players
    .map(
      (p) =>
        `<tr data-player="${esc(p.playerId)}"><th scope="row">${esc(p.name)} <small>${esc(p.deviceId)}</small></th><td>${esc(p.position)}</td>${defs
          .map((d) => `<td>${esc(formatMetric(p.metrics[d.key], d))}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  const foot = ['mean', 'total']
    .map((which) => {
      const vals = which === 'mean' ? model.team.mean : model.team.total;
      return `<tr><td>Team ${which}</td><td></td>${defs.map((d) => `<td>${esc(formatMetric(vals[d.key], d))}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const notes = model.players.flatMap((p) => p.notes.map((n) => `<li><strong>${esc(p.name)}</strong> (${esc(p.deviceId)}): ${esc(n)}</li>`));
  const json = JSON.stringify(model).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<title>${esc(s.name)} — Player1 Pitchside report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(s.name)}</h1>
<p class="meta">${esc(formatDateTime(s.startMs, tz))} – ${esc(formatDateTime(s.endMs, tz))} (${esc(tz)})</p>
<p class="meta">Generated ${esc(formatDateTime(model.generatedAt, tz))} by ${esc(model.app.name)} ${esc(model.app.version)}, algorithm ${esc(model.app.algorithmVersion)}</p>
</header>
<main>
<h2>Team</h2>
<table id="team-table">
<caption>${model.team.players} players. Settings: ${esc(describeSettings(model.settings))}.</caption>
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
<tfoot>
${foot}
</tfoot>
</table>
<div id="report-viewer"></div>
<h2>Definitions</h2>
<dl class="defs">${defs.map((d) => `<dt>${esc(d.label)} (${esc(d.unit)})</dt><dd>${esc(d.description)}</dd>`).join('')}</dl>
<h2>Data notes</h2>
${notes.length ? `<ul class="notes">${notes.join('')}</ul>` : '<p>No data problems were found in the units\' files.</p>'}
</main>
<footer><p class="meta">Session ${esc(s.id)}. This file is self-contained and works offline.</p></footer>
<script type="application/json" id="report-data">${json}</script>
<script>${viewerJs.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}

function describeSettings(settings: Record<string, unknown>): string {
  return Object.entries(settings)
    .map(([k, v]) => `${k} = ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
