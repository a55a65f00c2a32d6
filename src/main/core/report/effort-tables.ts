/**
 * The report's "Efforts, one by one": per player, every sprint and every acceleration and
 * deceleration effort behind the counts in the tables above (shared/domain/effort-table.ts, the
 * same table the app shows), with the periods it starts in. One <details> per player, so the
 * section reads without scripts. Each table is inside a <noscript>: with scripts off the browser
 * shows it as it is; with scripts on the browser keeps it as text (about 80 000 elements fewer for
 * 25 players × 90 minutes, none of them shown until a player is opened) and the viewer builds a
 * player's table from it when that player is opened (report/main.tsx).
 */
import type { ReportModel } from '../../../shared/domain/report.ts';
import { effortTable, noEffortsReason } from '../../../shared/domain/effort-table.ts';
import type { DisplayUnits } from '../../../shared/domain/units.ts';
import { esc } from './html-escape.ts';

export function effortTables(model: ReportModel, units: DisplayUnits): string {
  const tz = model.timeZone;
  // A Period column only where the session has periods.
  const withPeriods = model.periods.length > 0;
  const blocks = model.players.map((p) => {
    const head = `<details class="efforts" id="efforts-${esc(p.playerId)}"><summary>${esc(p.name)} <small>${esc(p.deviceId)}</small>: `;
    if (!p.efforts) {
      return `${head}${esc(noEffortsReason(p.metrics))}</summary></details>`;
    }
    const periods = withPeriods ? model.periods.filter((per) => per.rows.some((r) => r.playerId === p.playerId)) : null;
    const t = effortTable(p.efforts, { units, timeZone: tz, periods });
    const periodCol = t.columns.indexOf('Period');
    const cls = (i: number) => (i === periodCol ? ' class="period"' : '');
    const body = t.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
    return `${head}${esc(t.summary)}</summary><noscript class="efforts-table">
<div class="table-scroll"><table class="efforts">
<thead><tr>${t.columns.map((c, i) => `<th scope="col"${cls(i)}>${esc(c)}</th>`).join('')}</tr></thead>
<tbody>
${body || `<tr><td colspan="${t.columns.length}">No efforts.</td></tr>`}
</tbody>
</table></div></noscript></details>`;
  });
  return `<h3>Efforts, one by one</h3>
<p class="meta">Every effort counted in the tables above, by player, in time order within each kind (start times in ${esc(tz)}).${
    withPeriods ? ' An effort counts in the period it starts in.' : ''
  }</p>
${blocks.join('\n')}`;
}
