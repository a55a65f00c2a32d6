/**
 * Results of the session: the whole session or one period at a time (one table each, with the
 * team and position-group rows), a metric family picker, the team chart, every effort behind the
 * effort counts, every data warning and the data-quality summary per unit. Values are converted
 * to the team's display units here.
 */
import { memo, useMemo, useState, type ReactNode } from 'react';
import type { SessionResults } from '../../../../shared/api/results.contract.ts';
import { FAMILY_TITLES } from '../../../../shared/domain/metrics.ts';
import { SUMMARY_KEYS } from '../../../../shared/domain/team-view.ts';
import { unitsUsedLabel } from '../../../../shared/domain/stream-sources.ts';
import { TEAM_VIEW_CSS } from '../../../../shared/domain/team-view-css.ts';
import { formatTime } from '../../../../shared/domain/format.ts';
import { displayDef, displayValues } from '../../../../shared/domain/units.ts';
import { MetricChart } from '../../charts/MetricChart.tsx';
import { href } from '../../app/router.ts';
import { TeamTable, teamViews, type TeamTableRow } from './results/TeamTable.tsx';
import { PitchSummary } from './results/PitchSummary.tsx';
import { Timeline } from '../../charts/Timeline.tsx';
import { PeriodsChart } from '../../charts/PeriodsChart.tsx';
import { QualityTable } from './results/QualityTable.tsx';
import { GapsList } from './results/GapsList.tsx';
import { DistanceSplitTable } from './results/DistanceSplitTable.tsx';
import { WarningsList } from './results/WarningsList.tsx';
import { EffortsList } from './results/EffortsList.tsx';
import { computedForSentence } from '../../../../shared/domain/computed-for.ts';
import { csvHeader } from '../../../../shared/domain/csv-columns.ts';
import { useStagedMount } from '../../app/staged-mount.ts';

/** Sections mounted one per task (app/staged-mount.ts): summary, timeline, periods, team table, chart, efforts, warnings and quality, distance split and gaps. */
const STAGES = 8;

/** What the sections draw, derived once per results and scope: the same arrays between renders, so the memoised charts and tables are not drawn again. */
function derive(r: SessionResults, scope: string) {
  const units = r.display;
  const period = r.periods.find((p) => p.id === scope) ?? null;
  const byId = new Map(r.players.map((p) => [p.playerId, p]));
  const rows: TeamTableRow[] = period
    ? period.rows.map((row) => {
        const p = byId.get(row.playerId);
        return { playerId: row.playerId, name: p?.playerName ?? row.playerId, position: p?.position ?? '', group: p?.group ?? '', unit: p ? unitsUsedLabel(p.deviceId, p.sources?.used) : undefined, metrics: row.metrics, moments: row.moments, coverage: row.coverage };
      })
    : r.players.map((p) => ({ playerId: p.playerId, name: p.playerName, position: p.position, group: p.group, unit: unitsUsedLabel(p.deviceId, p.sources?.used), metrics: p.metrics, moments: p.moments }));
  const byKey = new Map(r.catalogue.map((d) => [d.key, d]));
  const team = period ? period.team : r.team;
  return {
    period,
    byId,
    rows,
    team,
    views: teamViews(r.metrics, r.catalogue, FAMILY_TITLES),
    summaryDefs: SUMMARY_KEYS.map((k) => byKey.get(k)).filter((d) => d != null),
    summaryPlayers: r.players.map((p) => ({ playerId: p.playerId, name: p.playerName, position: p.position, group: p.group, metrics: p.metrics, history: p.history })),
    timelinePlayers: r.players.map((p) => ({ playerId: p.playerId, name: p.playerName, series: p.series, efforts: p.efforts })),
    chartDefs: r.metrics.map((d) => displayDef(d, units)),
    chartRows: rows.map((row) => ({ name: row.name, metrics: displayValues(row.metrics, r.metrics, units) })),
    chartMean: displayValues(team.mean, r.metrics, units),
    splitRows: rows.map((row) => ({ playerId: row.playerId, name: row.name, deviceId: row.unit ?? '', metrics: row.metrics, gnss: byId.get(row.playerId)?.quality?.gnss })),
  };
}

// Memoised: each stage's commit renders the section again, and the sections mounted before it
// (the team table's formatted cells, every player's effort summary, the quality tables) were built
// again each time, to the same output; they now draw again only when their results or scope change.
const TimelineOnce = memo(Timeline);
const MetricChartOnce = memo(MetricChart);
const PeriodsChartOnce = memo(PeriodsChart);
const PitchSummaryOnce = memo(PitchSummary);
const TeamTableOnce = memo(TeamTable);
const EffortsListOnce = memo(EffortsList);
const WarningsListOnce = memo(WarningsList);
const QualityTableOnce = memo(QualityTable);
const DistanceSplitTableOnce = memo(DistanceSplitTable);
const GapsListOnce = memo(GapsList);
const DefinitionsOnce = memo(Definitions);

const playerHref = (id: string) => href('player', id);

export function ResultsSection({ results: r }: { results: SessionResults | null }) {
  const [scope, setScope] = useState<string>('session');
  const hasResults = r != null && r.players.length > 0;
  const stage = useStagedMount(STAGES, hasResults);
  const d = useMemo(() => (r && r.players.length > 0 ? derive(r, scope) : null), [r, scope]);
  if (!r || !d) return null;
  const shown = (i: number) => stage > i;
  const units = r.display;
  const { period, rows, team, views, summaryDefs } = d;
  const title = period ? `${period.name} (${formatTime(period.startMs)}–${formatTime(period.endMs)})` : 'Whole session';
  const unitText = `Speeds in ${units.speed}, distances in ${units.distance === 'yd' ? 'yards' : 'metres'}`;

  return (
    <section aria-labelledby="results-h">
      <h2 id="results-h">Results</h2>
      <p className="computed-for" id="computed-for">
        {computedForSentence(r.players)}
      </p>
      <p className="muted">
        {unitText} (<a href={href('settings')}>change on the Settings page</a>); values are stored in m/s and m.
      </p>
      <style>{TEAM_VIEW_CSS}</style>
      <h3 id="summary-h">Pitch-side summary</h3>
      <PitchSummaryOnce defs={summaryDefs} players={d.summaryPlayers} team={r.team} units={units} />
      <h3 id="timeline-h">Timeline</h3>
      <Stage show={shown(1)} height={420}>
        <TimelineOnce players={d.timelinePlayers} periods={r.periods} units={units} />
      </Stage>
      {r.periods.length > 0 && (
        <Stage show={shown(2)} height={360}>
          <h3 id="periods-compared-h">Periods compared</h3>
          <PeriodsChartOnce periods={r.periods} units={units} />
        </Stage>
      )}
      <Stage show={shown(3)} height={600}>
        <h3 id="team-h">Team table</h3>
        <div className="metric-picker" role="group" aria-label="Results for">
          <button type="button" aria-pressed={!period} onClick={() => setScope('session')}>
            Whole session
          </button>
          {r.periods.map((p) => (
            <button key={p.id} type="button" aria-pressed={period?.id === p.id} onClick={() => setScope(p.id)}>
              {p.name}
            </button>
          ))}
        </div>
        <h3 id="results-table-h">{title}</h3>
        <TeamTableOnce className="results-table" playerHref={playerHref} label={`Results: ${title}`} rows={rows} team={team} units={units} views={views} coverage={period != null} />
        {period && <p className="muted">Team rows leave out players with no data in this period.</p>}
        {r.hrMaxNote && (
          <p className="muted" id="hr-max-note">
            {r.hrMaxNote}
          </p>
        )}
        <DefinitionsOnce catalogue={r.catalogue} units={units} />
      </Stage>
      <Stage show={shown(4)} height={420}>
        <MetricChartOnce metrics={d.chartDefs} rows={d.chartRows} mean={d.chartMean} />
      </Stage>
      <Stage show={shown(5)}>
        <h3 id="efforts-h">Efforts, one by one</h3>
        <p className="muted">
          Every sprint, acceleration and deceleration counted in {period ? `"${period.name}" (those that start in it)` : 'the whole session'}, in time
          order within each kind.
        </p>
        <EffortsListOnce players={r.players} periods={r.periods} period={period} units={units} />
      </Stage>
      <Stage show={shown(6)}>
        <h3>Data warnings</h3>
        <WarningsListOnce results={r} />
        <h3>Data quality per unit</h3>
        <QualityTableOnce players={r.players} />
      </Stage>
      <Stage show={shown(7)}>
        <h4>Distance: measured, interpolated, estimated{period ? ` (${period.name})` : ''}</h4>
        <p className="muted">
          Across a gap longer than the limit, or a stretch the quality gate dropped, the distance is estimated (Doppler speed × time where plausible, else the straight line
          between the fixes either side): counted in the distance and in the lowest speed band only, never in sprints or efforts.
        </p>
        <DistanceSplitTableOnce period={period != null} rows={d.splitRows} />
        <GapsListOnce players={r.players} />
      </Stage>
    </section>
  );
}

/** How each column of the team table is computed (closed until asked for). */
function Definitions({ catalogue, units }: { catalogue: SessionResults['catalogue']; units: SessionResults['display'] }) {
  return (
    <details className="definitions">
      <summary>How these columns are computed</summary>
      <dl>
        {catalogue.map((d) => (
          <div key={d.key}>
            <dt>
              {d.label} ({displayDef(d, units).unit}){' '}
              <small>
                CSV column <code>{csvHeader(d)}</code> · JSON key <code>{d.key}</code>
              </small>
            </dt>
            <dd>{d.description}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** A section once its turn came (app/staged-mount.ts); until then its height is kept, so the page does not jump. */
function Stage({ show, height, children }: { show: boolean; height?: number; children: ReactNode }) {
  if (show) return <>{children}</>;
  return height ? <div className="stage-pending" aria-busy="true" style={{ minHeight: height }} /> : null;
}
