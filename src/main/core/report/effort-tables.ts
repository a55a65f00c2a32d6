/**
 * The report's "Efforts, one by one": per player, every sprint and every acceleration and
 * deceleration effort behind the counts in the tables above, with its start time (the report's
 * time zone), the periods it starts in, duration, distance and speeds in the team's display
 * units. One <details> per player, so the section reads without scripts and prints closed.
 */
import type { ReportModel, ReportPlayer } from '../../../shared/domain/report.ts';
import type { EffortRecord } from '../../../shared/domain/player-result.ts';
import { formatInUnits, formatNumber, formatTime } from '../../../shared/domain/format.ts';
import { displayUnit, type DisplayUnits } from '../../../shared/domain/units.ts';
import { esc } from './html-escape.ts';

const SPEED = { unit: 'm/s', decimals: 2 } as const;
const DIST = { unit: 'm', decimals: 1 } as const;

interface Row {
  kind: string;
  e: EffortRecord;
}

function rowsOf(p: ReportPlayer): Row[] {
  const ef = p.efforts!;
  const rows: Row[] = ef.sprints.map((e) => ({ kind: 'Sprint', e }));
  for (const b of ef.accels) {
    const kind = `Acceleration ≥ ${formatNumber(b.thresholdMs2, 1)} m/s²`;
    for (const e of b.efforts) rows.push({ kind, e });
  }
  for (const b of ef.decels) {
    const kind = `Deceleration ≤ −${formatNumber(b.thresholdMs2, 1)} m/s²`;
    for (const e of b.efforts) rows.push({ kind, e });
  }
  return rows;
}

function summary(p: ReportPlayer): string {
  const ef = p.efforts!;
  const parts = [`${ef.sprints.length} sprint${ef.sprints.length === 1 ? '' : 's'}`];
  for (const b of ef.accels) parts.push(`${b.efforts.length} acc. ≥ ${formatNumber(b.thresholdMs2, 1)} m/s²`);
  for (const b of ef.decels) parts.push(`${b.efforts.length} dec. ≤ −${formatNumber(b.thresholdMs2, 1)} m/s²`);
  return parts.join(' · ');
}

export function effortTables(model: ReportModel, units: DisplayUnits): string {
  const tz = model.timeZone;
  const speedUnit = displayUnit('m/s', units);
  const distUnit = displayUnit('m', units);
  // The Period column only where the session has periods.
  const withPeriods = model.periods.length > 0;
  const periodsOf = (playerId: string) => model.periods.filter((per) => per.rows.some((r) => r.playerId === playerId));
  const blocks = model.players.map((p) => {
    if (!p.efforts) {
      const why = p.metrics.sprint_efforts == null ? 'no usable GNSS data' : 'this result was computed before efforts were kept: Process Report again to list them';
      return `<details class="efforts" id="efforts-${esc(p.playerId)}"><summary>${esc(p.name)} <small>${esc(p.deviceId)}</small>: ${esc(why)}</summary></details>`;
    }
    const periods = periodsOf(p.playerId);
    const body = rowsOf(p)
      .map(({ kind, e }) => {
        const inPeriods = periods.filter((per) => e.startMs >= per.startMs && e.startMs < per.endMs).map((per) => per.name);
        const periodCell = withPeriods ? `<td class="period">${esc(inPeriods.join(', ') || '–')}</td>` : '';
        return `<tr><td>${esc(kind)}</td><td>${esc(formatTime(e.startMs, tz))}</td>${periodCell}<td>${esc(
          formatNumber(e.durationS, 1),
        )}</td><td>${esc(formatInUnits(e.distanceM, DIST, units))}</td><td>${esc(formatInUnits(e.startSpeedMs, SPEED, units))}</td><td>${esc(
          formatInUnits(e.endSpeedMs, SPEED, units),
        )}</td><td>${esc(formatInUnits(e.maxSpeedMs, SPEED, units))}</td></tr>`;
      })
      .join('\n');
    return `<details class="efforts" id="efforts-${esc(p.playerId)}"><summary>${esc(p.name)} <small>${esc(p.deviceId)}</small>: ${esc(summary(p))}</summary>
<div class="table-scroll"><table class="efforts">
<thead><tr><th scope="col">Effort</th><th scope="col">Start</th>${withPeriods ? '<th scope="col" class="period">Period</th>' : ''}<th scope="col">Duration (s)</th><th scope="col">Distance (${esc(
      distUnit,
    )})</th><th scope="col">Start speed (${esc(speedUnit)})</th><th scope="col">End speed (${esc(speedUnit)})</th><th scope="col">Top speed (${esc(speedUnit)})</th></tr></thead>
<tbody>
${body || `<tr><td colspan="${withPeriods ? 8 : 7}">No efforts.</td></tr>`}
</tbody>
</table></div></details>`;
  });
  return `<h3>Efforts, one by one</h3>
<p class="meta">Every effort counted in the tables above, by player, in time order within each kind (start times in ${esc(tz)}).${
    withPeriods ? ' An effort counts in the period it starts in.' : ''
  }</p>
${blocks.join('\n')}`;
}
