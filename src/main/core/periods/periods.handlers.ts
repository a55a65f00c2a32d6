import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { Session } from '../../../shared/domain/session.ts';
import type { Period } from '../../../shared/domain/period.ts';
import type { CoreContext } from '../context.ts';
import { assertEditable, mustGetSession, mustGetSessionState } from '../sessions/session-guards.ts';

type PeriodHandlers = Pick<Handlers, 'periods:list' | 'periods:create' | 'periods:update' | 'periods:delete'>;

/**
 * Periods are edited freely while a session is not being processed. Editing one never recomputes
 * anything: results keep the periods they were computed with until the session is processed again.
 */
export function periodsHandlers(ctx: CoreContext): PeriodHandlers {
  const { sessions, periods } = ctx.repos;
  const mustSession = (id: string): Session => {
    const s = mustGetSession(sessions, id);
    assertEditable(s, 'to edit its periods');
    return s;
  };
  const mustPeriod = (id: string): Period => {
    const p = periods.get(id);
    if (!p) throw new AppError('NOT_FOUND', `no period with id ${id}`);
    return p;
  };
  const check = (s: Session, p: { name: string; startMs: number; endMs: number; playerIds: string[] | null }) => {
    if (!(p.endMs > p.startMs)) throw new AppError('VALIDATION', `period "${p.name}" must end after it starts`);
    // Which edge is outside, as a field issue (the form shows it beside that field).
    const outside = [
      ...(p.startMs < s.startMs ? [{ path: 'startMs', message: `starts before the session "${s.name}" starts` }] : []),
      ...(p.endMs > s.endMs ? [{ path: 'endMs', message: `ends after the session "${s.name}" ends` }] : []),
    ];
    if (outside.length > 0) {
      throw new AppError('VALIDATION', `period "${p.name}" must lie inside the session window of "${s.name}": it ${outside.map((o) => o.message).join(' and ')}`, outside);
    }
    if (p.playerIds) {
      const inSession = new Set(s.participants.map((x) => x.playerId));
      const missing = p.playerIds.filter((id) => !inSession.has(id));
      if (missing.length > 0) {
        throw new AppError('VALIDATION', `period "${p.name}" names players who are not in "${s.name}": ${missing.join(', ')}`, { missing });
      }
    }
  };
  const changed = (sessionId: string) => ctx.events.emit('periods:changed', { sessionId });
  return {
    'periods:list': ({ sessionId }) => {
      mustGetSessionState(sessions, sessionId);
      return periods.forSession(sessionId);
    },
    // Check and write in one immediate transaction (see sessions:update).
    'periods:create': (input) => {
      const p = ctx.db
        .transaction(() => {
          const s = mustSession(input.sessionId);
          check(s, input);
          return periods.create(input, ctx.clock());
        })
        .immediate();
      changed(p.sessionId);
      return p;
    },
    'periods:update': (input) => {
      const p = ctx.db
        .transaction(() => {
          const cur = mustPeriod(input.id);
          const s = mustSession(cur.sessionId);
          const next = {
            name: input.name ?? cur.name,
            startMs: input.startMs ?? cur.startMs,
            endMs: input.endMs ?? cur.endMs,
            playerIds: input.playerIds === undefined ? cur.playerIds : input.playerIds,
          };
          check(s, next);
          return periods.update(cur.id, next, ctx.clock())!;
        })
        .immediate();
      changed(p.sessionId);
      return p;
    },
    'periods:delete': ({ id }) => {
      const { sessionId, deleted } = ctx.db
        .transaction(() => {
          const cur = mustPeriod(id);
          mustSession(cur.sessionId);
          return { sessionId: cur.sessionId, deleted: periods.delete(id) };
        })
        .immediate();
      changed(sessionId);
      return { deleted };
    },
  };
}
