import type { ReportModel, ReportPeriod, ReportPlayer, ReportSection } from '../../../shared/domain/report.ts';
import type { Session } from '../../../shared/domain/session.ts';
import { FAMILY_TITLES, headlineMetrics, metricCatalogue, type MetricFamily, type MetricValues } from '../../../shared/domain/metrics.ts';
import type { PlayerHistory } from '../../../shared/domain/team-view.ts';
import { EngineSettingsSchema, settingsKey, type EngineSettings } from '../../../shared/domain/settings.ts';
import { dataKey, staleReasons } from '../../../shared/domain/staleness.ts';
import { choiceKey } from '../../../shared/domain/stream-sources.ts';
import { currentChoiceKey } from '../sessions/participant-sources.ts';
import type { StoredResult } from '../db/results.repo.ts';
import type { Problem } from '../formats/canonical.ts';
import { positionGroup, teamSummary } from '../processing/team-summary.ts';
import { CLEANING_PROCESSORS } from '../processing/cleaning/registry.ts';
import { periodsFor, type PeriodDef } from '../processing/periods.ts';
import { unpackPlayerSeries } from '../../../shared/domain/series-codec.ts';
import { zoneOffsetsOver, type ZoneOffsets } from '../../../shared/domain/zone-offsets.ts';

export interface ReportInputs {
  session: Session;
  results: StoredResult[];
  generatedAt: number;
  timeZone: string;
  app: { name: string; version: string; algorithmVersion: string };
  /** The team settings in force now (results computed with others are flagged; display units from here). */
  settings: EngineSettings;
  /** The session's periods now (results computed with others are flagged). */
  periods: readonly PeriodDef[];
  /** A player's earlier results, most recent first (the summary colours each value against their mean). */
  history?: (playerId: string) => { sessionId: string; name: string; startMs: number; metrics: MetricValues }[];
}

/** The mean of each metric over a player's earlier sessions (each metric over the sessions that have it). */
export function historyMean(rows: { sessionId: string; name: string; startMs: number; metrics: MetricValues }[]): PlayerHistory | null {
  if (rows.length === 0) return null;
  const sum: Record<string, { s: number; n: number }> = {};
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.metrics)) {
      if (v == null || !Number.isFinite(v)) continue;
      const acc = (sum[k] ??= { s: 0, n: 0 });
      acc.s += v;
      acc.n++;
    }
  }
  return {
    sessions: rows.length,
    from: rows.map((r) => ({ sessionId: r.sessionId, name: r.name, startMs: r.startMs })),
    mean: Object.fromEntries(Object.entries(sum).map(([k, a]) => [k, a.s / a.n])),
  };
}

/** One row per participant with a stored result, in the session's participant order. */
export function buildReportModel(inp: ReportInputs): ReportModel {
  const byPlayer = new Map(inp.results.map((r) => [r.playerId, r]));
  const currentKey = settingsKey(inp.settings);
  // The settings the results were computed with (the first result's; others that differ are flagged).
  const first = inp.results.find((r) => r.settingsKey != null);
  const parsed = first ? EngineSettingsSchema.safeParse(first.settings) : null;
  const used: EngineSettings = parsed && parsed.success ? parsed.data : inp.settings;
  const usedKey = settingsKey(used);

  const players: ReportPlayer[] = inp.session.participants
    .filter((p) => byPlayer.has(p.playerId))
    .map((p) => {
      const r = byPlayer.get(p.playerId)!;
      const notes = [...r.problems.map(problemNote), ...r.warnings.filter((w) => !w.periodId).map((w) => w.message)];
      if (r.settingsKey !== usedKey) notes.push('computed with different settings from the rest of this report: process the session again to compare like with like');
      const stale = staleReasons(
        { settingsKey: r.settingsKey, algorithmVersion: r.algorithmVersion, periods: r.periods, window: r.window, dataKey: r.dataKey, sourcesKey: choiceKey(r.sources?.choice) },
        {
          settingsKey: currentKey,
          algorithmVersion: inp.app.algorithmVersion,
          periods: periodsFor(p.playerId, inp.periods),
          window: { startMs: inp.session.startMs, endMs: inp.session.endMs },
          dataKey: dataKey(p.files),
          sourcesKey: currentChoiceKey(p),
        },
      );
      return {
        playerId: p.playerId,
        name: p.playerName,
        position: p.position,
        group: positionGroup(p.position, used),
        deviceId: p.deviceId,
        metrics: r.metrics,
        moments: r.moments,
        notes,
        quality: r.quality,
        computedWith: {
          algorithmVersion: r.algorithmVersion,
          settingsKey: r.settingsKey,
          computedAt: r.computedAt,
          current: stale.length === 0,
          stale,
          window: r.window,
          periods: r.periods.map(({ id, name, startMs, endMs }) => ({ id, name, startMs, endMs })).sort((a, b) => a.startMs - b.startMs || a.name.localeCompare(b.name)),
          sources: r.sources?.used ?? null,
        },
        series: r.seriesPacked ? unpackPlayerSeries(r.seriesPacked).series : null,
        efforts: r.efforts,
        history: inp.history ? historyMean(inp.history(p.playerId)) : null,
      };
    });
  const display = inp.settings.display;
  const catalogue = metricCatalogue(used, display);
  const metrics = headlineMetrics(used, display);
  const sections: ReportSection[] = (Object.keys(FAMILY_TITLES) as MetricFamily[]).map((family) => ({
    family,
    title: FAMILY_TITLES[family],
    keys: catalogue.filter((d) => d.family === family).map((d) => d.key),
  }));

  // Periods as they were computed (name and range from the results), in start order.
  const periodMap = new Map<string, ReportPeriod>();
  for (const p of players) {
    for (const pr of byPlayer.get(p.playerId)!.periods) {
      let rp = periodMap.get(pr.id);
      if (!rp) {
        rp = { id: pr.id, name: pr.name, startMs: pr.startMs, endMs: pr.endMs, rows: [], team: { players: 0, mean: {}, total: {} } };
        periodMap.set(pr.id, rp);
      }
      rp.rows.push({ playerId: p.playerId, metrics: pr.metrics, moments: pr.moments, coverage: pr.coverage, warnings: pr.warnings });
    }
  }
  const groupOf = new Map(players.map((p) => [p.playerId, p.group]));
  const periods = [...periodMap.values()].sort((a, b) => a.startMs - b.startMs || a.name.localeCompare(b.name));
  for (const rp of periods) {
    const covered = rp.rows.filter((r) => r.coverage > 0);
    rp.team = teamSummary(
      covered.map((r) => r.metrics),
      catalogue,
      covered.map((r) => groupOf.get(r.playerId) ?? 'Unassigned'),
    );
  }

  return {
    schemaVersion: 2,
    generatedAt: inp.generatedAt,
    timeZone: inp.timeZone,
    zoneOffsets: sessionZoneOffsets(inp.timeZone, inp.session, players, periods),
    display,
    app: inp.app,
    session: { id: inp.session.id, name: inp.session.name, startMs: inp.session.startMs, endMs: inp.session.endMs, type: sessionType(inp.session) },
    settings: used as unknown as Record<string, unknown>,
    metrics,
    catalogue,
    sections,
    cleaning: CLEANING_PROCESSORS.map((c) => ({ id: c.id, label: c.label, rule: c.rule(used) })),
    players,
    team: teamSummary(
      players.map((p) => p.metrics),
      catalogue,
      players.map((p) => p.group),
    ),
    periods,
  };
}

/**
 * The zone's offsets over every time the report shows a clock time for (the session, each result's
 * window and periods, the moments and efforts within them), a day either side to spare.
 */
function sessionZoneOffsets(timeZone: string, session: Session, players: ReportPlayer[], periods: ReportPeriod[]): ZoneOffsets | null {
  const starts = [session.startMs, ...periods.map((p) => p.startMs)];
  const ends = [session.endMs, ...periods.map((p) => p.endMs)];
  for (const p of players) {
    if (p.computedWith.window) {
      starts.push(p.computedWith.window.startMs);
      ends.push(p.computedWith.window.endMs);
    }
  }
  const from = Math.min(...starts.filter(Number.isFinite));
  const to = Math.max(...ends.filter(Number.isFinite));
  const DAY = 86_400_000;
  return Number.isFinite(from) && Number.isFinite(to) ? zoneOffsetsOver(timeZone, from - DAY, to + DAY) : null;
}

/** The session's type (match, training, MD-1...) where sessions have one. */
export function sessionType(s: Session): string | null {
  const t = (s as Session & { type?: unknown; sessionType?: unknown }).type ?? (s as { sessionType?: unknown }).sessionType;
  return typeof t === 'string' && t.trim() !== '' ? t : null;
}

export function problemNote(p: Problem): string {
  const where = p.line != null ? ` (line ${p.line})` : p.offset != null ? ` (byte ${p.offset})` : '';
  return `${p.file}${where}: ${p.message}`;
}
