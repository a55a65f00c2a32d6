/**
 * Every sprint, acceleration and deceleration behind the effort counts, per player, for the scope
 * shown (the whole session, with the period each effort starts in, or one period: the efforts that
 * start inside it, as its counts do). The same rows as the report's (shared/domain/effort-table.ts).
 */
import { useState } from 'react';
import type { PlayerResultRow } from '../../../../../shared/api/results.contract.ts';
import type { ReportPeriod } from '../../../../../shared/domain/report.ts';
import { effortSummary, effortTable, noEffortsReason } from '../../../../../shared/domain/effort-table.ts';
import type { DisplayUnits } from '../../../../../shared/domain/units.ts';

export interface EffortsListProps {
  players: readonly PlayerResultRow[];
  periods: readonly ReportPeriod[];
  /** The period shown, or null for the whole session. */
  period: ReportPeriod | null;
  units: DisplayUnits;
}

export function EffortsList({ players, periods, period, units }: EffortsListProps) {
  // A player's table is built when their row is opened: 25 players x 90 minutes hold thousands of
  // efforts, and building every table up front took ~80 ms of the window's main thread.
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string, isOpen: boolean) =>
    setOpen((was) => {
      if (was.has(id) === isOpen) return was;
      const next = new Set(was);
      if (isOpen) next.add(id);
      else next.delete(id);
      return next;
    });
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
        const scope = period ? { startMs: period.startMs, endMs: period.endMs } : undefined;
        if (!open.has(p.playerId)) {
          return (
            <details key={p.playerId} data-player={p.playerId} onToggle={(e) => toggle(p.playerId, e.currentTarget.open)}>
              <summary>
                {p.playerName}: {effortSummary(p.efforts, scope)}
              </summary>
            </details>
          );
        }
        const mine = periods.filter((per) => per.rows.some((r) => r.playerId === p.playerId));
        const t = effortTable(p.efforts, { units, periods: period || mine.length === 0 ? null : mine, scope });
        return (
          <details key={p.playerId} data-player={p.playerId} open onToggle={(e) => toggle(p.playerId, e.currentTarget.open)}>
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
