import { z } from 'zod';
import { id, method, none } from './method.ts';
import { SESSION_EARLIEST_MS, SESSION_LATEST_MS, SESSION_TYPES, sessionWindowProblem, type Session, type SessionDeleteImpact, type SessionSummary } from '../domain/session.ts';

/** UTC epoch milliseconds between 2000-01-01 and 2100-01-01. */
const epochMs = z.number().int().min(SESSION_EARLIEST_MS).max(SESSION_LATEST_MS);
const sessionName = z.string().trim().min(1, 'type a name for the session').max(120, 'a session name is at most 120 characters');
const sessionType = z.enum(['', ...SESSION_TYPES]);

const participants = z
  .array(z.object({ playerId: id, unitId: id }).strict())
  .max(200)
  .refine((ps) => new Set(ps.map((p) => p.playerId)).size === ps.length, 'a player can take part only once')
  .refine((ps) => new Set(ps.map((p) => p.unitId)).size === ps.length, 'a unit can be worn by one player only');

const windowRules = <S extends z.ZodType<{ startMs: number; endMs: number }>>(schema: S) =>
  schema.superRefine((s, ctx) => {
    const problem = sessionWindowProblem(s.startMs, s.endMs);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['endMs'] });
  });

export interface ImportedUnit {
  deviceId: string;
  playerName: string;
  position: string;
  files: { format: string; sourceName: string; size: number }[];
  /** Time range covered by the unit's data, all streams (UTC ms), when it could be read. */
  firstMs: number | null;
  lastMs: number | null;
  createdPlayer: boolean;
  createdUnit: boolean;
}

export interface ImportSummary {
  session: Session;
  units: ImportedUnit[];
  warnings: string[];
}

export const sessionsContract = {
  'sessions:list': method<SessionSummary[]>()(none),
  'sessions:get': method<Session>()(z.object({ id }).strict()),
  'sessions:create': method<Session>()(
    windowRules(
      z
        .object({ name: sessionName, type: sessionType.default(''), startMs: epochMs, endMs: epochMs, participants: participants.default([]) })
        .strict(),
    ),
  ),
  'sessions:update': method<Session>()(
    z
      .object({ id, name: sessionName.optional(), type: sessionType.optional(), startMs: epochMs.optional(), endMs: epochMs.optional() })
      .strict(),
  ),
  /** Deletes the session with its participants' links, data file links, results, periods and report (the stored copies of files stay). */
  'sessions:delete': method<{ deleted: boolean }>()(z.object({ id }).strict()),
  /** What deleting the session would take with it, for the confirmation. */
  'sessions:deleteImpact': method<SessionDeleteImpact>()(z.object({ id }).strict()),
  'sessions:setParticipants': method<Session>()(z.object({ id, participants }).strict()),
  /**
   * A player wearing several units: which unit each kind of stream (GNSS, accelerometer, heart
   * rate) comes from; null = automatic (stream-sources.ts). Kinds left out keep their choice.
   * Results computed with another choice are flagged stale; nothing recomputes by itself.
   */
  'sessions:setSources': method<Session>()(
    z
      .object({
        id,
        playerId: id,
        sources: z.object({ gnss: id.nullable().optional(), imu: id.nullable().optional(), hr: id.nullable().optional() }).strict(),
      })
      .strict(),
  ),
  /**
   * The player, already taking part, also wears this unit (a watch or an HR strap beside their
   * pod). A unit another player wears in the session is refused (CONFLICT): remove it from them
   * first. The player's results are flagged stale when the unit brings data.
   */
  'sessions:addUnit': method<Session>()(z.object({ id, playerId: id, unitId: id }).strict()),
  /**
   * The player no longer wears this unit in the session (its data files stay linked to the
   * session under the unit, unused until someone wears it). Their choice of sources forgets it; if
   * it was their main unit the next becomes main; refused for the player's only unit (remove the
   * player instead).
   */
  'sessions:removeUnit': method<Session>()(z.object({ id, playerId: id, unitId: id }).strict()),
  /** Import a folder in the Player1 CSV layout (meta.csv + <device_id>/gps.csv [+ imu.csv]). */
  'sessions:importFolder': method<ImportSummary>()(
    z
      .object({
        id,
        folder: z.string().trim().min(1, 'folder is required').max(4096),
        /**
         * 'copy' (default): the files are copied into the app's raw store, so the session never
         * depends on the folder again. 'in-place': read from the folder (throw-away CLI runs).
         */
        storage: z.enum(['copy', 'in-place']).default('copy'),
      })
      .strict(),
  ),
};
