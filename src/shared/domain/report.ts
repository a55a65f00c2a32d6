/**
 * The report model: everything the offline report shows, as plain JSON. The core builds it; the
 * HTML writer embeds it in the report file; the report viewer (renderer code) draws it.
 */
import type { MetricDef, MetricValues } from './metrics.ts';

export interface ReportPlayer {
  playerId: string;
  name: string;
  position: string;
  deviceId: string;
  metrics: MetricValues;
  /** Data-quality notes from reading the unit's files. */
  notes: string[];
}

export interface TeamSummary {
  players: number;
  /** Mean over players that have a value. */
  mean: MetricValues;
  /** Sum over players, for additive metrics only (null otherwise). */
  total: MetricValues;
}

export interface ReportModel {
  schemaVersion: 1;
  generatedAt: number;
  /** IANA zone the laptop was in when the report was made; times are shown in it. */
  timeZone: string;
  app: { name: string; version: string; algorithmVersion: string };
  session: { id: string; name: string; startMs: number; endMs: number };
  settings: Record<string, unknown>;
  metrics: MetricDef[];
  players: ReportPlayer[];
  team: TeamSummary;
}
