/**
 * One results table (the whole session or a period): a row per player, then the team mean and
 * total and each position group's mean and total. Values are stored SI and converted to the team's
 * display units here, at display only. Under a maximum or peak, the time it happened (the laptop's
 * own time zone, as everywhere in the app).
 */
import type { MetricDef, MetricMoments, MetricValues } from '../../../../../shared/domain/metrics.ts';
import type { TeamSummary } from '../../../../../shared/domain/report.ts';
import { formatCoverage, formatInUnits, formatMeanInUnits, formatMoment } from '../../../../../shared/domain/format.ts';
import { displayDef, type DisplayUnits } from '../../../../../shared/domain/units.ts';
import { href } from '../../../app/router.ts';

export interface MetricsRow {
  playerId: string;
  name: string;
  position: string;
  metrics: MetricValues;
  /** When the maxima and peaks happened. */
  moments: MetricMoments;
  /** Period tables: share of the period the unit covers (0..1). */
  coverage?: number;
}

export function MetricsTable({
  label,
  defs,
  rows,
  team,
  units,
  coverage,
}: {
  label: string;
  defs: readonly MetricDef[];
  rows: readonly MetricsRow[];
  team: TeamSummary;
  units: DisplayUnits;
  coverage: boolean;
}) {
  const lead = coverage ? 3 : 2;
  // Totals only where some column adds up (peaks, maxima and means never do).
  const totals = defs.some((d) => d.additive);
  // Means and totals differ in their decimals only (a mean of counts reads to 0.1).
  const line = (name: string, values: MetricValues, kind: string, format: typeof formatInUnits) => (
    <tr key={name} data-row={kind}>
      <th scope="row" colSpan={lead}>
        {name}
      </th>
      {defs.map((d) => (
        <td key={d.key} data-key={d.key}>
          {format(values[d.key], d, units)}
        </td>
      ))}
    </tr>
  );
  return (
    <div className="table-scroll">
      <table className="data numeric results-table" aria-label={label} data-lead={lead}>
        <thead>
          <tr>
            <th scope="col">Player</th>
            <th scope="col">Pos.</th>
            {coverage && (
              <th scope="col" title="Share of the period the unit's cleaned data covers">
                Covered
              </th>
            )}
            {defs.map((d) => (
              <th key={d.key} scope="col" title={d.description} data-key={d.key}>
                {d.label} <span className="unit">({displayDef(d, units).unit})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.playerId} data-player={r.playerId}>
              <th scope="row">
                <a href={href('player', r.playerId)} title={`${r.name}: sessions over time, load and feedback`}>
                  {r.name}
                </a>
              </th>
              <td className="text">{r.position || '—'}</td>
              {coverage && <td className="text">{formatCoverage(r.coverage ?? 0)}</td>}
              {defs.map((d) => {
                const when = formatMoment(r.moments[d.key]);
                return (
                  <td key={d.key} data-key={d.key}>
                    {formatInUnits(r.metrics[d.key], d, units)}
                    {when && <small className="when">{when}</small>}
                  </td>
                );
              })}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={lead + defs.length} className="text">
                No player has a result here.
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          {line(`Team mean (${team.players})`, team.mean, 'team-mean', formatMeanInUnits)}
          {totals && line('Team total', team.total, 'team-total', formatInUnits)}
          {(team.groups ?? []).flatMap((g) => [
            line(`${g.name} mean (${g.players})`, g.mean, `group-mean:${g.name}`, formatMeanInUnits),
            ...(totals ? [line(`${g.name} total`, g.total, `group-total:${g.name}`, formatInUnits)] : []),
          ])}
        </tfoot>
      </table>
    </div>
  );
}
