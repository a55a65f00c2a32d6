/**
 * "This player wore this unit in this session", as every import records it: the unit joins the
 * roster if it is new, with the player as its usual wearer (a unit without one gets them too),
 * and whoever wore the unit in the session, or whatever unit the player wore there, gives it up.
 * Runs inside the caller's transaction; says who and what was displaced so the caller can warn.
 */
import type { Unit } from '../../../shared/domain/roster.ts';
import type { SessionsRepo } from '../db/sessions.repo.ts';
import type { UnitsRepo } from '../db/units.repo.ts';

export interface WornUnit {
  unit: Unit;
  createdUnit: boolean;
  /** The player who wore the unit in the session until now, if another. */
  previousWearer: string | null;
  /** The unit the player wore in the session until now, if another. */
  previousUnit: string | null;
}

export function wearUnit(
  repos: { sessions: SessionsRepo; units: UnitsRepo },
  sessionId: string,
  deviceId: string,
  playerId: string,
  now: number,
): WornUnit {
  const { sessions, units } = repos;
  let unit = units.findByDeviceId(deviceId);
  const createdUnit = !unit;
  if (!unit) unit = units.create({ deviceId, label: '', defaultPlayerId: playerId }, now);
  else if (!unit.defaultPlayerId) unit = units.update(unit.id, { defaultPlayerId: playerId })!;
  const wearer = sessions.participantByUnit(sessionId, unit.id);
  const worn = sessions.unitOfPlayer(sessionId, playerId);
  // One unit per player and one player per unit: the replace drops both earlier rows.
  sessions.upsertParticipant(sessionId, playerId, unit.id);
  return {
    unit,
    createdUnit,
    previousWearer: wearer && wearer !== playerId ? wearer : null,
    previousUnit: worn && worn !== unit.id ? worn : null,
  };
}
