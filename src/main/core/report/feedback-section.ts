/**
 * The report's Player Feedback section as static HTML (readable with scripts off and in print):
 * the table of RPE, sRPE, each wellness item and the total with the flags and completion, an sRPE
 * vs PlayerLoad (or distance) chart and each player's ACWR with the 28-day trend of the headline
 * load, both as inline SVG. Its own file and its own part of the model (model.feedback).
 */
import type { ReportModel } from '../../../shared/domain/report.ts';
import type { ReportFeedback } from '../../../shared/domain/report-feedback.ts';
import type { PlayerFeedback, SurveyScale } from '../../../shared/domain/survey.ts';
import { esc } from './html-escape.ts';

const STYLE = `<style>
#player-feedback .flag { display: block; text-align: left; white-space: normal; font-size: 14px; }
#player-feedback .flag.red { color: #9b0016; font-weight: 700; }
#player-feedback .flag.amber { color: #6b4500; font-weight: 700; }
#player-feedback .flag.info { color: var(--muted); }
#player-feedback td.cell-red { background: #ffd9de; }
#player-feedback td.cell-amber { background: #ffecc7; }
#player-feedback td.flags { text-align: left; min-width: 260px; }
#player-feedback svg { max-width: 100%; height: auto; }
#player-feedback .legend { color: var(--muted); font-size: 14px; }
</style>`;

const num = (v: number | null | undefined, d = 0) => (v === null || v === undefined ? '—' : v.toFixed(d));

function itemCell(p: PlayerFeedback, key: string, scale: SurveyScale): string {
  const w = p.wellness;
  if (!w || w.scaleId !== scale.id || w.scaleVersion !== scale.version) return '<td>—</td>';
  const c = key === 'total' ? w.totalCheck : w.checks.find((x) => x.item === key);
  const v = key === 'total' ? w.total : w.items[key];
  const cls = c && (c.status === 'red' || c.status === 'amber') ? ` class="cell-${c.status}"` : '';
  const title = c && c.z !== null ? ` title="z = ${c.z.toFixed(2)} against ${c.n} answers (mean ${c.mean!.toFixed(1)})"` : '';
  return `<td${cls}${title}>${v === undefined || v === null ? '—' : esc(String(v))}</td>`;
}

function feedbackTable(rf: ReportFeedback, scale: SurveyScale, idSuffix: string): string {
  const fb = rf.feedback;
  const players = fb.players.filter((p) => !p.wellness || (p.wellness.scaleId === scale.id && p.wellness.scaleVersion === scale.version) || idSuffix === '');
  const items = scale.items;
  const head = [
    '<th scope="col">Player</th>',
    '<th scope="col">RPE (CR-10)</th>',
    '<th scope="col">Minutes</th>',
    '<th scope="col">sRPE (AU)</th>',
    ...items.map((it) => `<th scope="col" title="${esc(it.label)}: ${it.min}–${it.max}, ${it.better === 'high' ? it.max : it.min} best">${esc(it.short)}</th>`),
    scale.total ? `<th scope="col">Total (${scale.total.min}–${scale.total.max})</th>` : '',
    '<th scope="col">Flags</th>',
  ].join('');
  const rows = players.map((p) => {
    const flags = p.flags.map((f) => `<span class="flag ${f.level}">${f.level === 'red' ? '● ' : f.level === 'amber' ? '▲ ' : ''}${esc(f.text)}</span>`).join('');
    return `<tr data-player="${esc(p.playerId)}"><td>${esc(p.playerName)}</td><td>${num(p.rpe, p.rpe !== null && !Number.isInteger(p.rpe) ? 1 : 0)}${p.early ? ' <small>(early)</small>' : ''}</td><td>${num(p.durationMin)}${p.durationSource === 'session' ? ' <small>(session)</small>' : ''}</td><td>${num(p.srpeAu)}</td>${items
      .map((it) => itemCell(p, it.key, scale))
      .join('')}${scale.total ? itemCell(p, 'total', scale) : ''}<td class="flags">${flags || '—'}</td></tr>`;
  });
  return `<div class="table-scroll"><table id="feedback-table${idSuffix}">
<caption>${esc(scale.name)} (${esc(scale.source)}); RPE: ${esc(fb.rpeScale.name)}. sRPE = RPE × minutes (Foster 2001); "(session)": the session's length, no minutes were given.</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

/** sRPE (y) against PlayerLoad or distance (x), one labelled dot per player. */
function srpeChart(model: ReportModel, rf: ReportFeedback): string {
  const hasPl = model.players.some((p) => p.metrics.player_load != null);
  const key = hasPl ? 'player_load' : 'distance_m';
  const xLabel = hasPl ? 'PlayerLoad (AU)' : 'Distance (m)';
  const pts = rf.feedback.players
    .map((p) => ({ name: p.playerName, y: p.srpeAu, x: model.players.find((m) => m.playerId === p.playerId)?.metrics[key] ?? null }))
    .filter((p): p is { name: string; x: number; y: number } => p.x !== null && p.y !== null);
  if (pts.length === 0) return '<p class="meta" id="srpe-chart-empty">No player has both an sRPE and a ' + esc(xLabel) + ' for this chart.</p>';
  const W = 640;
  const H = 320;
  const L = 70;
  const B = 50;
  const maxX = Math.max(...pts.map((p) => p.x)) * 1.1 || 1;
  const maxY = Math.max(...pts.map((p) => p.y)) * 1.1 || 1;
  const sx = (x: number) => L + (x / maxX) * (W - L - 140); // room on the right for the names
  const sy = (y: number) => H - B - (y / maxY) * (H - B - 20);
  const ticks = (max: number) => [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const dots = pts
    .map((p) => `<g><circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="6" fill="#0047ab"><title>${esc(p.name)}: sRPE ${p.y.toFixed(0)} AU, ${esc(xLabel)} ${p.x.toFixed(0)}</title></circle><text x="${(sx(p.x) + 9).toFixed(1)}" y="${(sy(p.y) + 4).toFixed(1)}" font-size="13">${esc(p.name)}</text></g>`)
    .join('');
  return `<figure id="srpe-chart"><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="sRPE against ${esc(xLabel)}, one dot per player">
<line x1="${L}" y1="${H - B}" x2="${W - 10}" y2="${H - B}" stroke="#0b0b0b"/><line x1="${L}" y1="10" x2="${L}" y2="${H - B}" stroke="#0b0b0b"/>
${ticks(maxX).map((t) => `<text x="${sx(t).toFixed(1)}" y="${H - B + 18}" font-size="12" text-anchor="middle">${t.toFixed(0)}</text>`).join('')}
${ticks(maxY).map((t) => `<text x="${L - 6}" y="${(sy(t) + 4).toFixed(1)}" font-size="12" text-anchor="end">${t.toFixed(0)}</text>`).join('')}
<text x="${(L + W) / 2}" y="${H - 8}" font-size="14" text-anchor="middle">${esc(xLabel)}</text>
<text x="16" y="${(H - B) / 2}" font-size="14" text-anchor="middle" transform="rotate(-90 16 ${(H - B) / 2})">sRPE (AU)</text>
${dots}
</svg><figcaption class="legend">Each player's session RPE load against their ${esc(xLabel)} in this session: internal against external load.</figcaption></figure>`;
}

function sparkline(values: (number | null)[]): string {
  const W = 168;
  const H = 36;
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return '—';
  const max = Math.max(...known) || 1;
  const bw = W / values.length;
  const bars = values
    .map((v, i) => (v === null ? `<rect x="${(i * bw).toFixed(1)}" y="${H - 2}" width="${(bw - 1).toFixed(1)}" height="2" fill="#bbb"><title>NA</title></rect>` : `<rect x="${(i * bw).toFixed(1)}" y="${(H - (v / max) * (H - 2)).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${((v / max) * (H - 2)).toFixed(1)}" fill="#0047ab"/>`))
    .join('');
  return `<svg class="trend" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="28-day trend">${bars}</svg>`;
}

function acwrTable(rf: ReportFeedback): string {
  const rows = rf.load.map((l) => {
    const band = l.ratio === null ? '' : l.ratio < rf.bands.low ? ' (below the team band)' : l.ratio > rf.bands.high ? ' (above the team band)' : '';
    const why = l.historyDays === 0 ? 'no history' : l.ratio === null ? (l.historyDays < 28 ? `${l.historyDays} day${l.historyDays === 1 ? '' : 's'} of data (28 needed)` : 'chronic load 0') : '';
    return `<tr data-player="${esc(l.playerId)}"><td>${esc(l.name)}</td><td>${num(l.acute, 1)}</td><td>${num(l.chronic, 1)}</td><td>${l.ratio === null ? `<small>${esc(why)}</small>` : `${l.ratio.toFixed(2)}${esc(band)}`}</td><td>${l.historyDays}</td><td>${sparkline(l.trend)}</td></tr>`;
  });
  return `<div class="table-scroll"><table id="acwr-table">
<caption>${esc(rf.headline.measureLabel)}, ${esc(rf.headline.methodText)}. No ratio before 28 days of data; blank where the chronic load is 0. Bands ${rf.bands.low}–${rf.bands.high} are the team's own settings, not injury predictions. Trend: the daily load of the last 28 days (grey: NA, the player was not available or not known to be).</caption>
<thead><tr><th scope="col">Player</th><th scope="col">Acute</th><th scope="col">Chronic</th><th scope="col">Ratio</th><th scope="col">Days of data</th><th scope="col">28-day trend</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

export function feedbackSectionHtml(model: ReportModel): string {
  const rf = model.feedback;
  if (!rf) return '';
  const fb = rf.feedback;
  const scales = fb.answeredScales.length > 0 ? fb.answeredScales : [fb.wellnessScale];
  const c = fb.completion;
  const tables = scales.map((s, i) => (scales.length > 1 ? `<h3>${esc(s.name)}</h3>` : '') + feedbackTable(rf, s, i === 0 ? '' : `-${i}`)).join('\n');
  return `<section id="player-feedback">
${STYLE}
<h2>Player Feedback</h2>
<p class="meta" id="feedback-completion">Completion ${c.pct.toFixed(0)} %: RPE ${c.rpe} of ${c.players}, wellness ${c.wellness} of ${c.players}. Flags compare each wellness item and the total with the player's previous ${fb.settings.baselineDays} days (z with the sample SD, read in the item's worse direction; amber at |z| ≥ ${fb.settings.amberZ}, red at ≥ ${fb.settings.redZ}; fewer than ${fb.settings.minBaselineAnswers} answers or no variation: insufficient baseline).</p>
${tables}
<h3>sRPE and external load</h3>
${srpeChart(model, rf)}
<h3>Load over time (ACWR)</h3>
${acwrTable(rf)}
</section>`;
}
