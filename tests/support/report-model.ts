/**
 * Report models built by hand for the report's unit tests: the fields a test is not about filled
 * with plain values (a session "Tuesday" from 10:00 UTC on 14 March 2026, no periods, no cleaning),
 * the metric catalogue, headline metrics, sections and team summary derived from the settings and
 * players as the core derives them. Each test gives what it is about.
 */
import type { ReportModel, ReportPlayer } from '../../src/shared/domain/report.ts';
import { FAMILY_TITLES, headlineMetrics, metricCatalogue, type MetricFamily } from '../../src/shared/domain/metrics.ts';
import type { EngineSettings } from '../../src/shared/domain/settings.ts';
import { SI_UNITS, type DisplayUnits } from '../../src/shared/domain/units.ts';
import { teamSummary } from '../../src/main/core/processing/team-summary.ts';

export const REPORT_T0 = Date.UTC(2026, 2, 14, 10);

/** A player row: unit `U-<id>`, no moments, notes, quality, series or efforts unless given. */
export function reportPlayer(p: Pick<ReportPlayer, 'playerId' | 'name' | 'position' | 'group' | 'metrics'> & Partial<ReportPlayer>): ReportPlayer {
  return {
    deviceId: `U-${p.playerId}`,
    moments: {},
    notes: [],
    quality: null,
    computedWith: { algorithmVersion: '0.2.0', settingsKey: 'k', computedAt: REPORT_T0, current: true, stale: [] },
    series: null,
    efforts: null,
    ...p,
  };
}

/** `units`: what the catalogue's labels are written in (SI unless given); the model's display is km/h and m unless `over` says. */
export function reportModel(players: ReportPlayer[], settings: EngineSettings, over: Partial<ReportModel> = {}, units: DisplayUnits = SI_UNITS): ReportModel {
  const catalogue = metricCatalogue(settings, units);
  return {
    schemaVersion: 2,
    generatedAt: REPORT_T0 + 7200_000,
    timeZone: 'UTC',
    display: { speed: 'km/h', distance: 'm' },
    app: { name: 'Player1 Pitchside', version: '0.1.0', algorithmVersion: '0.2.0' },
    session: { id: 's1', name: 'Tuesday', startMs: REPORT_T0, endMs: REPORT_T0 + 3600_000 },
    settings: settings as unknown as Record<string, unknown>,
    metrics: headlineMetrics(settings, units),
    catalogue,
    sections: (Object.keys(FAMILY_TITLES) as MetricFamily[]).map((family) => ({ family, title: FAMILY_TITLES[family], keys: catalogue.filter((d) => d.family === family).map((d) => d.key) })),
    cleaning: [],
    players,
    team: teamSummary(players.map((p) => p.metrics), catalogue, players.map((p) => p.group)),
    periods: [],
    ...over,
  };
}
