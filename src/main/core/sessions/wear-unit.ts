/**
 * "This player wore this unit in this session", as every import and download records it: the unit
 * joins the roster if it is new, with the player as its usual wearer (a unit without one gets them
 * too), and whoever wore the unit in the session gives it up (keeping their other units).
 * A player can wear several units (a GNSS pod plus a watch or an HR strap): when the player already
 * wears a unit here that has data, the new one is added beside it; a unit they were only planned
 * to wear (no data linked) is replaced, as a corrected assignment.
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
  /** The unit the player wore in the session until now and no longer does (it had no data), if another. */
  previousUnit: string | null;
  /** The units (roster ids) the player also wears in this session, beside this one. */
  alongside: string[];
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
  if (wearer === playerId) {
    return { unit, createdUnit, previousWearer: null, previousUnit: null, alongside: sessions.unitsOfPlayer(sessionId, playerId).filter((u) => u !== unit.id) };
  }
  // The other wearer keeps their other units (the next becomes their main one).
  if (wearer) sessions.removeParticipantUnit(sessionId, wearer, unit.id);
  const worn = sessions.unitsOfPlayer(sessionId, playerId);
  const withData = worn.filter((u) => sessions.fileCount(sessionId, u) > 0);
  let previousUnit: string | null = null;
  if (withData.length > 0) {
    sessions.addParticipantUnit(sessionId, playerId, unit.id);
    // Planned units without data give way: a unit with data is what the player wore.
    for (const u of worn) if (!withData.includes(u)) sessions.removeParticipantUnit(sessionId, playerId, u);
  } else {
    // Nothing recorded yet under the player's planned unit(s): the assignment is corrected.
    previousUnit = worn[0] ?? null;
    sessions.upsertParticipant(sessionId, playerId, unit.id);
  }
  return {
    unit,
    createdUnit,
    previousWearer: wearer,
    previousUnit,
    alongside: withData,
  };
}
