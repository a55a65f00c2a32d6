/**
 * The report model: everything the offline report shows, as plain JSON. The core builds it; the
 * HTML writer embeds it in the report file; the report viewer (renderer code) draws it.
 */
import type { MetricDef, MetricFamily, MetricMoments, MetricValues } from './metrics.ts';
import type { ChartSeries, DataQuality, EffortLists, PeriodWindow } from './player-result.ts';
import type { StaleReason, TimeRange } from './staleness.ts';
import type { ResultSources } from './stream-sources.ts';
import type { DisplayUnits } from './units.ts';
import type { ReportFeedback } from './report-feedback.ts';
import type { PlayerHistory } from './team-view.ts';
import type { ZoneOffsets } from './zone-offsets.ts';
import type { PackedEffortLists } from './effort-codec.ts';

export interface ReportPlayer {
  playerId: string;
  name: string;
  position: string;
  /** Position group for the team summary (settings.positionGroups, else the position). */
  group: string;
  deviceId: string;
  metrics: MetricValues;
  /** When the maxima and peaks happened (empty: a result from before they were kept). */
  moments: MetricMoments;
  /** Data-quality notes from reading the unit's files and from the engine. */
  notes: string[];
  quality: DataQuality | null;
  /**
   * How this player's result was computed; `stale` says why it differs from what processing now
   * would give (other settings, another algorithm version, edited periods); `current` = none.
   */
  computedWith: {
    algorithmVersion: string;
    settingsKey: string | null;
    computedAt: number;
    current: boolean;
    stale: StaleReason[];
    /** The session window the result was computed for (null or absent: from before results kept it). */
    window?: TimeRange | null;
    /** The periods (name and range) it was computed for, in start order (absent: none). */
    periods?: PeriodWindow[];
    /** Which unit each kind of data came from (null or absent: from before results kept it). */
    sources?: ResultSources['used'] | null;
  };
  series: ChartSeries | null;
  /** Every effort behind the effort counts (null: no GNSS, or a result from before they were kept). */
  efforts: EffortLists | null;
  /** The player's own earlier sessions (of the same type where sessions have one); null: none. */
  history?: PlayerHistory | null;
}

export interface TeamGroup {
  name: string;
  players: number;
  mean: MetricValues;
  total: MetricValues;
}

export interface TeamSummary {
  players: number;
  /** Mean over players that have a value. */
  mean: MetricValues;
  /** Sum over players, for additive metrics only (null otherwise). */
  total: MetricValues;
  /** The same by position group. */
  groups?: TeamGroup[];
}

export interface ReportPeriodRow {
  playerId: string;
  metrics: MetricValues;
  moments: MetricMoments;
  coverage: number;
  warnings: string[];
}

export interface ReportPeriod {
  id: string;
  name: string;
  startMs: number;
  endMs: number;
  rows: ReportPeriodRow[];
  team: TeamSummary;
}

export interface ReportSection {
  family: MetricFamily;
  title: string;
  keys: string[];
}

export interface ReportModel {
  schemaVersion: 2;
  generatedAt: number;
  /** IANA zone the laptop was in when the report was made; times are shown in it. */
  timeZone: string;
  /**
   * That zone's UTC offsets from a day before the session (and any result's window or period) to
   * a day after, worked out by the core with Intl: the viewer writes clock times from them by
   * arithmetic, the same text Intl writes (absent or null: Intl, as before; zone-offsets.ts).
   */
  zoneOffsets?: ZoneOffsets | null;
  /** The team's display units: values stay SI in this model and are converted where shown. */
  display: DisplayUnits;
  app: { name: string; version: string; algorithmVersion: string };
  /** type: the session's type (match, training, MD-1...) where it has one. */
  session: { id: string; name: string; startMs: number; endMs: number; type?: string | null };
  /** The settings the results were computed with. */
  settings: Record<string, unknown>;
  /** Headline metrics: the team table and the charts (labels in the display units, `unit` SI). */
  metrics: MetricDef[];
  /** Every metric, labelled with the thresholds in force. */
  catalogue: MetricDef[];
  sections: ReportSection[];
  /** The cleaning steps and their rules as applied (the exclusion rules). */
  cleaning: { id: string; label: string; rule: string }[];
  players: ReportPlayer[];
  team: TeamSummary;
  periods: ReportPeriod[];
  /** Player Feedback (RPE, wellness, flags, load over time): absent when the session has no survey answers. */
  feedback?: ReportFeedback | null;
}

/**
 * The model as the report file embeds it (`<script id="report-data">`): the players' series are in
 * the binary block beside it (docs/formats/report-series.md), so `series` is null here, and their
 * effort lists are packed by columns (effort-codec.ts, docs/formats/report-efforts.md). The viewer
 * unpacks it into a ReportModel.
 */
export interface EmbeddedReportModel extends Omit<ReportModel, 'players'> {
  players: (Omit<ReportPlayer, 'series' | 'efforts'> & { series: null; efforts: PackedEffortLists | null })[];
}
