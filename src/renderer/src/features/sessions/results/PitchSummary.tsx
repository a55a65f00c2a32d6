/**
 * The pitch-side summary, first on the session page and in the report: the team's big numbers
 * (mean per player, with the team total where it adds up), then one row per player with each
 * headline value coloured against the player's own average of their last sessions (of the same
 * type where sessions have one) and read as a % of their position group's mean.
 */
import type { MetricDef, MetricValues } from '../../../../../shared/domain/metrics.ts';
import type { TeamSummary } from '../../../../../shared/domain/report.ts';
import { formatInUnits, formatMeanInUnits, formatTotalInUnits } from '../../../../../shared/domain/format.ts';
import { displayDef, type DisplayUnits } from '../../../../../shared/domain/units.ts';
import { HISTORY_BAND, groupMean, historyScope, pctOfMean, shortLabel, trendVsHistory, type PlayerHistory } from '../../../../../shared/domain/team-view.ts';

export interface SummaryPlayer {
  playerId: string;
  name: string;
  position: string;
  group: string;
  metrics: MetricValues;
  history: PlayerHistory | null | undefined;
}

export interface PitchSummaryProps {
  /** The summary's metrics (SUMMARY_KEYS from the catalogue), stored SI. */
  defs: readonly MetricDef[];
  players: readonly SummaryPlayer[];
  team: TeamSummary;
  units: DisplayUnits;
  /** The session's type ('' or null: none; the own averages are then over any type). Undefined: not known here. */
  sessionType?: string | null;
}

export function PitchSummary({ defs, players, team, units, sessionType }: PitchSummaryProps) {
  const withHistory = players.filter((p) => p.history && p.history.sessions > 0).length;
  return (
    <div className="p1-summary">
      <div className="p1-big" role="list" aria-label="Team numbers">
        {defs.map((d) => (
          <div key={d.key} role="listitem" data-key={d.key}>
            <div className="l">
              {d.label} <span className="s">({displayDef(d, units).unit})</span>
            </div>
            <div className="v">{formatMeanInUnits(team.mean[d.key], d, units)}</div>
            <div className="s">
              mean per player{d.additive && team.total[d.key] != null ? ` · team ${formatTotalInUnits(team.total[d.key], d, units)}` : ''}
            </div>
          </div>
        ))}
      </div>
      <p className="p1-legend">
        Each value: <span className="p1-high">green</span> more than {Math.round(HISTORY_BAND * 100)} % above the player&apos;s own average of{' '}
        {historyScope(sessionType)}, <span className="p1-low">red</span> more than {Math.round(HISTORY_BAND * 100)} % below, plain within it or with no earlier session (
        {withHistory} of {players.length} players have earlier sessions). Underneath: % of the position group&apos;s mean.
      </p>
      <div className="p1-team-scroll table-scroll">
        <table className="p1-team" id="summary-table" aria-label="Pitch-side summary per player">
          <thead>
            <tr>
              <th scope="col">
                Player<span className="u">group</span>
              </th>
              {defs.map((d) => (
                <th key={d.key} scope="col" data-key={d.key} title={d.label}>
                  {shortLabel(d)}
                  <span className="u">{displayDef(d, units).unit}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {players.map((p) => (
              <tr key={p.playerId} data-player={p.playerId}>
                <th scope="row" title={p.name}>
                  {p.name}
                  <small>{p.group}</small>
                </th>
                {defs.map((d) => {
                  const v = p.metrics[d.key];
                  const t = trendVsHistory(v, p.history?.mean[d.key]);
                  const pct = pctOfMean(v, groupMean(team, p.group, d.key));
                  return (
                    <td
                      key={d.key}
                      data-key={d.key}
                      className={t ? `p1-${t.trend}` : undefined}
                      data-trend={t?.trend}
                      title={t ? `${Math.round(t.ratio * 100)} % of own average over ${p.history!.sessions} earlier session(s)` : 'no earlier session to compare with'}
                    >
                      {formatInUnits(v, d, units)}
                      <small>{pct == null ? '–' : `${pct} % grp`}</small>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
