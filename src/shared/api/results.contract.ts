import { z } from 'zod';
import { id, method } from './method.ts';
import type { MetricDef, MetricMoments, MetricValues } from '../domain/metrics.ts';
import type { ReportPeriod, TeamSummary } from '../domain/report.ts';
import type { ChartSeries, DataQuality, EffortLists, EngineWarning, PeriodWindow } from '../domain/player-result.ts';
import type { PlayerHistory } from '../domain/team-view.ts';
import type { StaleReason, TimeRange } from '../domain/staleness.ts';
import type { DisplayUnits } from '../domain/units.ts';
import type { ResultSources } from '../domain/stream-sources.ts';

export interface PlayerResultRow {
  playerId: string;
  playerName: string;
  position: string;
  /** Position group for the team summary. */
  group: string;
  deviceId: string;
  metrics: MetricValues;
  /** When the maxima and peaks happened (empty: computed before they were kept). */
  moments: MetricMoments;
  notes: string[];
  algorithmVersion: string;
  computedAt: number;
  /** settingsKey() of the settings it was computed with (null: before the engine kept it). */
  settingsKey: string | null;
  /**
   * Why this result is not what processing now would give: other settings, another algorithm
   * version, periods edited since, another session window, or other data files for the player.
   * Empty = current. Nothing recomputes by itself.
   */
  stale: StaleReason[];
  /** The session window it was computed for (null: computed before results kept it). */
  window: TimeRange | null;
  /** The periods (name and range) it was computed for, in start order. */
  periods: PeriodWindow[];
  quality: DataQuality | null;
  warnings: EngineWarning[];
  /** Which unit each kind of data came from, and the choice in force (null: computed before results kept it). */
  sources: ResultSources | null;
  /** Only with `efforts: true`: every effort behind the effort counts (null: no GNSS, or computed before they were kept). */
  efforts?: EffortLists | null;
  /** Only with `series: true`: the 1 s chart series (speed, HR, PlayerLoad) the timeline draws. */
  series?: ChartSeries | null;
  /** The player's own earlier sessions (same type where sessions have one); null: none. */
  history?: PlayerHistory | null;
}

export interface SessionResults {
  sessionId: string;
  /** Headline metrics (team table). */
  metrics: MetricDef[];
  /** Every metric, labelled with the settings the results were computed with. */
  catalogue: MetricDef[];
  players: PlayerResultRow[];
  team: TeamSummary;
  periods: ReportPeriod[];
  /** What processing now would use. */
  current: { algorithmVersion: string; settingsKey: string };
  /**
   * The team's display units now. Every value here is stored SI (m, m/s, s); the app converts
   * at display only (units.ts). Labels of the metrics already read in these units.
   */
  display: DisplayUnits;
  /** Which HRmax the heart-rate zones and TRIMP were read against, in the report's words; null when no player has heart-rate data. */
  hrMaxNote: string | null;
}

/**
 * Every player's stored 1 s chart series of a session, for the session page's timeline, packed as
 * the report packs them (shared/domain/series-codec.ts: speed to 0.01 m/s, heart rate to 1 bpm,
 * PlayerLoad to 0.001 au, the resolution the timeline shows) and base64-encoded: 25 players of 90
 * minutes are ~0.9 MB of text instead of ~2 MB of JSON numbers, which the core's main thread took
 * ~60-90 ms to write out in one go (and the window as long to read).
 */
export interface SessionSeries {
  sessionId: string;
  /** base64 of packSeries' bytes (no gzip); unpackSeries reads them. Players without a stored series are left out. */
  packed: string;
  /** How many players it holds. */
  players: number;
}

export const resultsContract = {
  /** The stored per-player results of a session (whatever runs have completed for each player). */
  'results:list': method<SessionResults>()(
    z
      .object({
        sessionId: id,
        /** Also return each player's effort lists (the session page and the CLI's JSON ask for them). */
        efforts: z.boolean().optional(),
        /** Also return each player's chart series (the session page's timeline). */
        series: z.boolean().optional(),
      })
      .strict(),
  ),
  /** The session's chart series, packed (SessionSeries): what the timeline draws, apart from results:list. */
  'results:series': method<SessionSeries>()(z.object({ sessionId: id }).strict()),
};
