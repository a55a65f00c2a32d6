import type { Handlers } from '../../../shared/api/contract.ts';
import type { PlayerResultRow } from '../../../shared/api/results.contract.ts';
import { settingsKey } from '../../../shared/domain/settings.ts';
import type { CoreContext } from '../context.ts';
import { mustGetSession } from '../sessions/session-guards.ts';
import { storedReportModel } from './stored-report-model.ts';
import { ALGORITHM_VERSION } from '../processing/algorithm-version.ts';
import { packSessionSeries } from './session-series.ts';
import { hrMaxNoteOf } from '../report/hr-max-note.ts';

export function resultsHandlers(ctx: CoreContext): Pick<Handlers, 'results:list' | 'results:series'> {
  return {
    'results:list': ({ sessionId, efforts, series }) => {
      const s = mustGetSession(ctx.repos.sessions, sessionId);
      // The chart series are the report's alone: not read here; the effort lists only when asked for.
      const { model, results: stored, settings } = storedReportModel(ctx, s, { generatedAt: ctx.clock(), timeZone: 'UTC', series: series === true, efforts: efforts === true });
      const byPlayer = new Map(stored.map((r) => [r.playerId, r]));
      const players: PlayerResultRow[] = model.players.map((p) => {
        const r = byPlayer.get(p.playerId)!;
        return {
          playerId: p.playerId,
          playerName: p.name,
          position: p.position,
          group: p.group,
          deviceId: p.deviceId,
          metrics: p.metrics,
          moments: p.moments,
          notes: p.notes,
          algorithmVersion: r.algorithmVersion,
          computedAt: r.computedAt,
          settingsKey: r.settingsKey,
          stale: p.computedWith.stale,
          window: r.window,
          periods: p.computedWith.periods ?? [],
          quality: r.quality,
          warnings: r.warnings,
          sources: r.sources ?? null,
          ...(efforts === true ? { efforts: r.efforts } : {}),
          ...(series === true ? { series: p.series } : {}),
          history: p.history ?? null,
        };
      });
      return {
        sessionId,
        metrics: model.metrics,
        catalogue: model.catalogue,
        players,
        team: model.team,
        periods: model.periods,
        current: { algorithmVersion: ALGORITHM_VERSION, settingsKey: settingsKey(settings) },
        display: model.display,
        hrMaxNote: hrMaxNoteOf(model),
      };
    },
    'results:series': async ({ sessionId }) => {
      mustGetSession(ctx.repos.sessions, sessionId);
      return packSessionSeries(sessionId, ctx.repos.results.storedSeries(sessionId));
    },
  };
}
