/**
 * The roster knows a unit by the id it reports (Unit.deviceId: letters, digits, '.', '-', '_',
 * at most 64). Most units report such an id; a GPS puck without a serial number is known by
 * "VID:PID@port" and a drive by its volume name, which may hold other characters: those become '_'.
 */
export function rosterCode(unitId: string): string {
  const code = unitId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
  return code || 'unit';
}
