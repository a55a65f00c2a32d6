/**
 * The roster knows a unit by the id it reports (Unit.deviceId: letters, digits, '.', '-', '_',
 * at most 64). Most units report such an id; a GPS puck without a serial number is known by
 * "VID:PID@port" and a drive by its volume name, which may hold other characters. The rule is the
 * imports' (rosterUnitId), so a watch imported from a folder and the same watch plugged in as a
 * drive are one roster unit.
 */
import { rosterUnitId } from '../../../shared/domain/roster.ts';

export function rosterCode(unitId: string): string {
  return rosterUnitId(unitId) ?? 'unit';
}
