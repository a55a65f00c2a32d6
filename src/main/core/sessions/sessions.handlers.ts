import { AppError } from '../../../shared/api/errors.ts';
import type { Handlers } from '../../../shared/api/contract.ts';
import type { ImportSummary, ImportedUnit } from '../../../shared/api/sessions.contract.ts';
import { participantUnits, sessionWindowProblem, type Session } from '../../../shared/domain/session.ts';
import { STREAM_KIND_LABEL, STREAM_KINDS, type StreamChoice, type StreamKind } from '../../../shared/domain/stream-sources.ts';
import type { CoreContext } from '../context.ts';
import { scanPlayer1Folder } from './folder-scan.ts';
import { assertEditable, assertStillEditable, mustGetSession } from './session-guards.ts';
import { wearUnit } from './wear-unit.ts';
import { personKey } from '../formats/meta-csv.ts';
import { identifyPlayer } from '../roster/identify-player.ts';
import { playerDetail } from '../../../shared/domain/roster.ts';
import { sessionStaleness } from './session-staleness.ts';
import { settingsKey } from '../../../shared/domain/settings.ts';
import { rmSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';

type SessionHandlers = Pick<
  Handlers,
  | 'sessions:list'
  | 'sessions:get'
  | 'sessions:create'
  | 'sessions:update'
  | 'sessions:delete'
  | 'sessions:deleteImpact'
  | 'sessions:setParticipants'
  | 'sessions:setSources'
  | 'sessions:addUnit'
  | 'sessions:removeUnit'
  | 'sessions:importFolder'
>;

export function sessionsHandlers(ctx: CoreContext): SessionHandlers {
  const { sessions, players, units } = ctx.repos;

  const mustGet = (id: string) => mustGetSession(sessions, id);
  /** Other views (the session list, another window) learn of an edit as they learn of a run. */
  const announce = <S extends Session>(s: S): S => {
    ctx.events.emit('sessions:changed', { sessionId: s.id, status: s.processingStatus, error: s.error });
    return s;
  };
  const checkParticipants = (ps: { playerId: string; unitId: string }[]) => {
    for (const p of ps) {
      if (!players.get(p.playerId)) throw new AppError('NOT_FOUND', `no player with id ${p.playerId}`);
      if (!units.get(p.unitId)) throw new AppError('NOT_FOUND', `no unit with id ${p.unitId}`);
    }
  };

  return {
    'sessions:list': () => {
      const key = settingsKey(ctx.repos.settings.get().settings);
      return sessions.list().map((s) => {
        if (s.lastProcessedAt === null) return s;
        const full = sessions.get(s.id);
        return full ? { ...s, stale: sessionStaleness(ctx.repos, full, key) } : s;
      });
    },
    'sessions:get': ({ id }) => mustGet(id),
    'sessions:create': (input) => {
      checkParticipants(input.participants);
      const now = ctx.clock();
      const id = ctx.db
        .transaction(() => {
          const newId = sessions.create(input, now);
          sessions.setParticipants(newId, input.participants, now);
          return newId;
        })
        .immediate();
      return mustGet(id);
    },
    // Each check-then-write is one immediate transaction: the check (not being processed, the
    // players and units exist) and the write see the same database, for every app instance and
    // CLI run sharing it (a jobs:start from another process cannot slip between them).
    'sessions:update': (input) => {
      const id = ctx.db
        .transaction(() => {
          const s = mustGet(input.id);
          assertEditable(s);
          const next = { name: input.name ?? s.name, type: input.type ?? s.type, startMs: input.startMs ?? s.startMs, endMs: input.endMs ?? s.endMs };
          // The contract checks a whole window; an update may change one end only.
          const problem = sessionWindowProblem(next.startMs, next.endMs);
          if (problem) throw new AppError('VALIDATION', problem, [{ path: 'endMs', code: 'custom', message: problem }]);
          sessions.update(s.id, next, ctx.clock());
          return s.id;
        })
        .immediate();
      return announce(mustGet(id));
    },
    'sessions:delete': ({ id }) => {
      const { s, deleted } = ctx.db
        .transaction(() => {
          const s = mustGet(id);
          assertEditable(s);
          return { s, deleted: sessions.delete(id) };
        })
        .immediate();
      // Its report goes with it (the folder the app wrote it in); stored copies of data files stay.
      if (deleted && s.reportPath) {
        const dir = dirname(s.reportPath);
        const rel = relative(join(ctx.dataDir, 'reports'), dir);
        if (rel && !rel.startsWith('..') && !isAbsolute(rel)) rmSync(dir, { recursive: true, force: true });
      }
      if (deleted) ctx.events.emit('sessions:changed', { sessionId: id, status: s.processingStatus, error: s.error });
      return { deleted };
    },
    'sessions:deleteImpact': ({ id }) => {
      const impact = sessions.deleteImpact(id);
      if (!impact) throw new AppError('NOT_FOUND', `no session with id ${id}`);
      return impact;
    },
    'sessions:setParticipants': ({ id, participants }) => {
      ctx.db
        .transaction(() => {
          assertEditable(mustGet(id));
          checkParticipants(participants);
          sessions.setParticipants(id, participants, ctx.clock());
        })
        .immediate();
      return announce(mustGet(id));
    },
    'sessions:setSources': ({ id, playerId, sources }) => {
      ctx.db.transaction(() => setSources(id, playerId, sources)).immediate();
      return announce(mustGet(id));
    },
    'sessions:addUnit': ({ id, playerId, unitId }) => {
      ctx.db
        .transaction(() => {
          const s = mustGet(id);
          assertEditable(s);
          const p = participantOf(s, playerId);
          const unit = units.get(unitId);
          if (!unit) throw new AppError('NOT_FOUND', `no unit with id ${unitId}`);
          if (participantUnits(p).some((u) => u.unitId === unitId)) return;
          // Taking a unit from someone else could leave them with nothing: it is given up there first.
          const wearer = sessions.participantByUnit(id, unitId);
          if (wearer) {
            throw new AppError('CONFLICT', `${unit.deviceId} is worn by ${players.get(wearer)?.name ?? 'another player'} in "${s.name}": remove it from them first`);
          }
          sessions.addParticipantUnit(id, playerId, unitId);
        })
        .immediate();
      return announce(mustGet(id));
    },
    'sessions:removeUnit': ({ id, playerId, unitId }) => {
      ctx.db
        .transaction(() => {
          const s = mustGet(id);
          assertEditable(s);
          const p = participantOf(s, playerId);
          const worn = participantUnits(p);
          const unit = worn.find((u) => u.unitId === unitId);
          if (!unit) throw new AppError('NOT_FOUND', `${p.playerName} does not wear ${units.get(unitId)?.deviceId ?? `unit ${unitId}`} in "${s.name}"`);
          if (worn.length === 1) {
            throw new AppError('VALIDATION', `${unit.deviceId} is the only unit ${p.playerName} wears in "${s.name}": remove the player from the session instead`);
          }
          sessions.removeParticipantUnit(id, playerId, unitId);
        })
        .immediate();
      return announce(mustGet(id));
    },
    'sessions:importFolder': async ({ id, folder, storage }) => importFolder(ctx, id, folder, storage),
  };

  function participantOf(s: Session, playerId: string) {
    const p = s.participants.find((x) => x.playerId === playerId);
    if (!p) throw new AppError('NOT_FOUND', `${players.get(playerId)?.name ?? `player ${playerId}`} does not take part in "${s.name}"`);
    return p;
  }

  function setSources(id: string, playerId: string, sources: Partial<Record<StreamKind, string | null>>): void {
    const s = mustGet(id);
    assertEditable(s);
    const p = participantOf(s, playerId);
    const worn = participantUnits(p);
    const next: StreamChoice = { ...p.sources };
    for (const k of STREAM_KINDS) {
      const u = sources[k];
      if (u === undefined) continue;
      if (u === null) {
        delete next[k];
        continue;
      }
      if (!worn.some((w) => w.unitId === u)) {
        throw new AppError('VALIDATION', `${p.playerName} does not wear ${units.get(u)?.deviceId ?? `unit ${u}`} in "${s.name}": ${STREAM_KIND_LABEL[k]} can come from ${worn.map((w) => w.deviceId).join(' or ')}`);
      }
      next[k] = u;
    }
    sessions.setSources(id, playerId, next);
  }
}

/**
 * Import a Player1 CSV folder into a session: copy every unit's files into the raw store (so the
 * session no longer depends on the folder), then, in one transaction, match each device_id to a
 * unit (creating it if new), each unit to a player (the session's current assignment, else the
 * unit's usual wearer, else the roster player of that name whose details do not differ, else a new
 * player from meta.csv), and link the stored files. Two rows of one name are two people when a
 * detail (position, shirt number, date of birth) differs, one person wearing both units otherwise.
 */
async function importFolder(ctx: CoreContext, id: string, folder: string, storage: 'copy' | 'in-place'): Promise<ImportSummary> {
  const { sessions, players, units } = ctx.repos;
  const session = mustGetSession(sessions, id);
  assertEditable(session);
  const scan = scanPlayer1Folder(folder);
  const warnings = [...scan.warnings];

  // File copies first: slow, outside any transaction; a failure here changes nothing in the DB.
  const stored: ((typeof scan.units)[number]['files'][number] & ({ sha256: string } | { externalPath: string }))[][] = [];
  for (const u of scan.units) {
    const files = [];
    for (const f of u.files) {
      files.push(storage === 'copy' ? { ...f, sha256: (await ctx.rawStore.put({ path: f.path })).sha256 } : { ...f, externalPath: f.path });
    }
    stored.push(files);
  }

  const now = ctx.clock();
  // Immediate: the check that the session was not started while the files were copied, and the
  // links, are one step for every app instance sharing the database.
  const report: ImportedUnit[] = ctx.db
    .transaction(() => {
      assertStillEditable(sessions, id);
      const people = new Map<string, string>();
      return scan.units.map((u, i): ImportedUnit => {
        const known = units.findByDeviceId(u.deviceId);
        // A person is not a name: rows of one name with a detail that differs are two people.
        const person = personKey(u);
        let playerId = people.get(person) ?? (known ? (sessions.participantByUnit(id, known.id) ?? known.defaultPlayerId) : null) ?? null;
        let createdPlayer = false;
        if (!playerId) {
          const who = identifyPlayer(players, u, new Set([...people.entries()].filter(([k]) => k !== person).map(([, v]) => v)));
          if (who.kind === 'player') playerId = who.player.id;
          else if (who.kind === 'ambiguous') {
            playerId = who.candidates[0].id;
            warnings.push(
              `${u.deviceId}: ${who.candidates.length} players in the roster are called ${u.playerName} (${who.candidates.map((c) => playerDetail(c) || 'no details').join('; ')}); it was given to the first (${playerDetail(who.candidates[0]) || 'no details'}): add a position, shirt_number or birth_date column to ${scan.metaFile} to tell them apart, or reassign it on the session page`,
            );
          } else {
            playerId = players.create({ name: u.playerName, position: u.position, shirtNumber: u.shirtNumber, birthDate: u.birthDate }, now).id;
            createdPlayer = true;
          }
        }
        people.set(person, playerId);
        const { unit, createdUnit, previousUnit, alongside } = wearUnit(ctx.repos, id, u.deviceId, playerId, now);
        const playerName = players.get(playerId)!.name;
        if (previousUnit) warnings.push(`${u.deviceId}: ${playerName} already wears another unit in this session; that assignment was replaced`);
        if (alongside.length > 0) {
          warnings.push(
            `${u.deviceId}: ${playerName} also wears ${alongside.map((a) => units.get(a)?.deviceId ?? a).join(', ')} in this session (nothing in ${scan.metaFile} tells them apart): one player, several units, each kind of data from one unit (the session page shows which)`,
          );
        }
        for (const f of stored[i]) {
          const where = 'sha256' in f ? { sha256: f.sha256 } : { externalPath: f.externalPath };
          sessions.attachFile(id, { unitId: unit.id, format: f.format, size: f.size, sourceName: f.sourceName, ...where }, now);
        }
        if (u.firstMs != null && u.lastMs != null && (u.lastMs < session.startMs || u.firstMs > session.endMs)) {
          warnings.push(`${u.deviceId} (${u.playerName}): its data does not overlap the session window`);
        }
        return {
          deviceId: u.deviceId,
          playerName,
          position: u.position,
          files: u.files.map((f) => ({ format: f.format, sourceName: f.sourceName, size: f.size })),
          firstMs: u.firstMs,
          lastMs: u.lastMs,
          createdPlayer,
          createdUnit,
        };
      });
    })
    .immediate();
  ctx.events.emit('roster:changed', { kind: 'players' });
  ctx.events.emit('roster:changed', { kind: 'units' });
  // Copied into the raw store: decoded once now, in the pool, so processing reads the columns.
  if (storage === 'copy') ctx.warmDecoded(id, stored.flat().flatMap((f) => ('sha256' in f ? [f.sha256] : [])));
  return { session: mustGetSession(sessions, id), units: report, warnings };
}
