import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { CoreContext } from '../context.ts';

type RosterHandlers = Pick<
  Handlers,
  'players:list' | 'players:create' | 'players:update' | 'players:delete' | 'players:archive' | 'units:list' | 'units:create' | 'units:update' | 'units:delete'
>;

export function rosterHandlers(ctx: CoreContext): RosterHandlers {
  const { players, units } = ctx.repos;
  const changed = (kind: 'players' | 'units') => ctx.events.emit('roster:changed', { kind });
  const mustPlayer = (id: string) => {
    const p = players.get(id);
    if (!p) throw new AppError('NOT_FOUND', `no player with id ${id}`);
    return p;
  };
  return {
    'players:list': () => players.list(),
    'players:create': (input) => {
      const p = players.create(input, ctx.clock());
      changed('players');
      return p;
    },
    'players:update': (input) => {
      mustPlayer(input.id);
      const p = players.update(input.id, input)!;
      changed('players');
      return p;
    },
    'players:archive': ({ id, archived }) => {
      const cur = mustPlayer(id);
      const p = players.setArchived(id, archived ? (cur.archivedAt ?? ctx.clock()) : null)!;
      changed('players');
      return p;
    },
    'players:delete': ({ id }) => {
      const p = mustPlayer(id);
      const n = players.sessionCount(id);
      if (n > 0) {
        throw new AppError(
          'CONFLICT',
          `${p.name} takes part in, or has results in, ${n} session${n === 1 ? '' : 's'}, so deleting would lose that history. Archive the player instead: they stay in those sessions and leave the pickers.`,
          { sessions: n },
        );
      }
      const answers = (ctx.db.prepare('SELECT COUNT(*) AS n FROM survey_answers WHERE player_id = ?').get(id) as { n: number }).n;
      if (answers > 0) throw new AppError('CONFLICT', `${p.name} has ${answers} survey answer(s) (RPE, wellness), so deleting would lose them. Archive the player instead: they stay in history and leave the pickers.`);
      const deleted = players.delete(id, ctx.clock());
      changed('players');
      return { deleted };
    },
    'units:list': () => units.list(),
    'units:create': (input) => {
      if (units.findByDeviceId(input.deviceId)) {
        throw new AppError('CONFLICT', `a unit with device id ${input.deviceId} already exists`, [{ path: 'deviceId', code: 'custom', message: `a unit with the id ${input.deviceId} is already on the roster` }]);
      }
      if (input.defaultPlayerId) mustPlayer(input.defaultPlayerId);
      const u = units.create(input, ctx.clock());
      changed('units');
      return u;
    },
    'units:update': (input) => {
      if (!units.get(input.id)) throw new AppError('NOT_FOUND', `no unit with id ${input.id}`);
      const same = input.deviceId ? units.findByDeviceId(input.deviceId) : null;
      if (same && same.id !== input.id) {
        throw new AppError('VALIDATION', `another unit already reports the id ${input.deviceId}`, [{ path: 'deviceId', code: 'custom', message: `another unit already reports the id ${input.deviceId}` }]);
      }
      if (input.defaultPlayerId) mustPlayer(input.defaultPlayerId);
      const u = units.update(input.id, input)!;
      changed('units');
      return u;
    },
    'units:delete': ({ id }) => {
      const u = units.get(id);
      if (!u) throw new AppError('NOT_FOUND', `no unit with id ${id}`);
      const n = units.sessionCount(id);
      if (n > 0) throw new AppError('CONFLICT', `unit ${u.deviceId} was used in ${n} session(s) and cannot be deleted`);
      const deleted = units.delete(id, ctx.clock());
      changed('units');
      return { deleted };
    },
  };
}
