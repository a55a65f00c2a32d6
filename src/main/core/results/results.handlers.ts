import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { PlayerResultRow } from '../../../shared/api/results.contract.ts';
import { BASIC_METRICS } from '../../../shared/domain/metrics.ts';
import type { CoreContext } from '../context.ts';
import { teamSummary } from '../report/team-summary.ts';
import { problemNote } from '../report/report-model.ts';

export function resultsHandlers(ctx: CoreContext): Pick<Handlers, 'results:list'> {
  return {
    'results:list': ({ sessionId }) => {
      const s = ctx.repos.sessions.get(sessionId);
      if (!s) throw new AppError('NOT_FOUND', `no session with id ${sessionId}`);
      const stored = new Map(ctx.repos.results.forSession(sessionId).map((r) => [r.playerId, r]));
      const players: PlayerResultRow[] = s.participants
        .filter((p) => stored.has(p.playerId))
        .map((p) => {
          const r = stored.get(p.playerId)!;
          return {
            playerId: p.playerId,
            playerName: p.playerName,
            position: p.position,
            deviceId: p.deviceId,
            metrics: r.metrics,
            notes: r.problems.map(problemNote),
            algorithmVersion: r.algorithmVersion,
            computedAt: r.computedAt,
          };
        });
      const metrics = [...BASIC_METRICS];
      return { sessionId, metrics, players, team: teamSummary(players.map((p) => p.metrics), metrics) };
    },
  };
}
