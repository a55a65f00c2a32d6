/**
 * Every sprint, acceleration and deceleration behind the effort counts, per player, for the scope
 * shown (the whole session, with the period each effort starts in, or one period: the efforts that
 * start inside it, as its counts do). The same rows as the report's (shared/domain/effort-table.ts).
 */
import type { PlayerResultRow } from '../../../../../shared/api/results.contract.ts';
import type { ReportPeriod } from '../../../../../shared/domain/report.ts';
import { effortTable, noEffortsReason } from '../../../../../shared/domain/effort-table.ts';
import type { DisplayUnits } from '../../../../../shared/domain/units.ts';

export interface EffortsListProps {
  players: readonly PlayerResultRow[];
  periods: readonly ReportPeriod[];
  /** The period shown, or null for the whole session. */
  period: ReportPeriod | null;
  units: DisplayUnits;
}

export function EffortsList({ players, periods, period, units }: EffortsListProps) {
  const shown = period ? players.filter((p) => period.rows.some((r) => r.playerId === p.playerId)) : players;
  return (
    <div className="efforts-list">
      {shown.map((p) => {
        if (!p.efforts) {
          return (
            <details key={p.playerId} data-player={p.playerId}>
              <summary>
                {p.playerName}: {noEffortsReason(p.metrics)}
              </summary>
            </details>
          );
        }
        const mine = periods.filter((per) => per.rows.some((r) => r.playerId === p.playerId));
        const t = effortTable(p.efforts, {
          units,
          periods: period || mine.length === 0 ? null : mine,
          scope: period ? { startMs: period.startMs, endMs: period.endMs } : undefined,
        });
        return (
          <details key={p.playerId} data-player={p.playerId}>
            <summary>
              {p.playerName}: {t.summary}
            </summary>
            <div className="table-scroll">
              <table className="data numeric efforts" aria-label={`Efforts: ${p.playerName}`}>
                <thead>
                  <tr>
                    {t.columns.map((c) => (
                      <th key={c} scope="col">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {t.rows.map((r, i) => (
                    <tr key={i}>
                      {r.map((c, j) => (
                        <td key={j} className={j === 0 || t.columns[j] === 'Period' ? 'text' : undefined}>
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                  {t.rows.length === 0 && (
                    <tr>
                      <td colSpan={t.columns.length} className="text">
                        No efforts.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </details>
        );
      })}
    </div>
  );
}
